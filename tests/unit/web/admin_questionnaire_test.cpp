// The questionnaire editor of the admin area: the stored definition is shown and downloadable,
// a researcher saves a new version (validated, audited, used by the survey at once), an invalid
// definition is refused with its JSON path and field and stores nothing, partners cannot edit.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/survey/questionnaire.hpp"
#include "unit/web/admin_support.hpp"

namespace kn::test {
namespace {

class AdminQuestionnaire : public AdminFixture {};

TEST_F(AdminQuestionnaire, ShowDownloadAndSaveAVersion) {
  Browser a = admin();
  auto page = a.get("/admin/p/musterstadt/questionnaire");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Version 1"), std::string::npos);
  EXPECT_NE(page.body.find("<code>collaboration</code>"), std::string::npos);
  const auto json_file = a.get("/admin/p/musterstadt/questionnaire.json");
  ASSERT_EQ(json_file.status, 200);
  EXPECT_NE(json_file.header("Content-Disposition")->find("attachment"), std::string::npos);
  auto def = nlohmann::json::parse(json_file.body);
  // A project-specific wording for the collaboration question, with umlauts.
  def["sections"][1]["question"] = {
      {"de", "Mit wem hat Ihre Organisation 2026 zusammengearbeitet – größere Vorhaben?"},
      {"en", "With whom did your organisation work in 2026?"}};
  auto r = a.post_form("/admin/p/musterstadt/questionnaire", {{"definition", def.dump(2)}});
  ASSERT_EQ(r.status, 303) << r.body;
  const auto stored = repo_->find_questionnaire(seed_.project_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(app::survey::parse_questionnaire(stored->definition, "v2")
                .sections[1]
                .question.text(app::Lang::De),
            "Mit wem hat Ihre Organisation 2026 zusammengearbeitet – größere Vorhaben?");
  // The survey uses the new version at once.
  Browser resp = browser();
  resp.get("/s/" + token_for(repo_->list_actors(seed_.project_id).back().key));
  resp.get("/s");
  resp.post_form("/s/consent", {{"answer", "yes"}});
  EXPECT_NE(resp.get("/s/p/collaboration").body.find("größere Vorhaben"), std::string::npos);
  // Old versions stay downloadable; the save is audited without content.
  EXPECT_EQ(a.get("/admin/p/musterstadt/questionnaire.json?version=1").status, 200);
  EXPECT_EQ(a.get("/admin/p/musterstadt/questionnaire.json?version=9").status, 404);
  bool audited = false;
  for (const auto& e : repo_->list_audit(seed_.project_id))
    if (e.action == "questionnaire.save") audited = e.detail == "version=2";
  EXPECT_TRUE(audited);
}

TEST_F(AdminQuestionnaire, InvalidDefinitionsAreRefusedWithTheirPlace) {
  Browser a = admin();
  a.get("/admin/p/musterstadt/questionnaire");
  auto def = nlohmann::json::parse(app::survey::default_questionnaire_json());
  def["sections"][1]["items"][0]["options"] = "no_such_list";
  auto r = a.post_form("/admin/p/musterstadt/questionnaire", {{"definition", def.dump()}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("$.sections[1].items[0]"), std::string::npos) << r.body.substr(0, 2000);
  EXPECT_NE(r.body.find("options"), std::string::npos);
  r = a.post_form("/admin/p/musterstadt/questionnaire", {{"definition", "{ not json"}});
  EXPECT_EQ(r.status, 422);
  // Removing a section while the wave is open would orphan stored answers.
  def = nlohmann::json::parse(app::survey::default_questionnaire_json());
  def["sections"].erase(4);
  r = a.post_form("/admin/p/musterstadt/questionnaire", {{"definition", def.dump()}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("innovations"), std::string::npos);
  EXPECT_EQ(repo_->find_questionnaire(seed_.project_id)->version, 1);
}

TEST_F(AdminQuestionnaire, PartnersMayReadButNotEdit) {
  make_user("partner@musterstadt.example", storage::Role::Partner, seed_.project_id,
            storage::Role::Partner);
  Browser p = login("partner@musterstadt.example");
  const auto page = p.get("/admin/p/musterstadt/questionnaire");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<textarea"), std::string::npos);
  const auto r = p.post_form("/admin/p/musterstadt/questionnaire",
                             {{"definition", app::survey::default_questionnaire_json()}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(repo_->find_questionnaire(seed_.project_id)->version, 1);
}

}  // namespace
}  // namespace kn::test
