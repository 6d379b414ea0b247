// Admin area, authorisation matrix: anonymous / partner / researcher of another project /
// researcher / admin against every admin route (303 / 401 / 404 / 403 / 200), and partner
// pages without any name or contact address of the demo actors.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "unit/web/admin_support.hpp"

namespace kn::test {
namespace {

using storage::Role;

class AdminAuthz : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    storage::Project other;
    other.slug = "anderstadt";
    other.name = "Anderstadt 2026";
    other = repo_->create_project(other);
    partner_ = make_user("partner@partner.example", Role::Partner, seed_.project_id, Role::Partner);
    outsider_ = make_user("fremd@uni.example", Role::Researcher, other.id, Role::Researcher);
    researcher_ =
        make_user("forschung@uni.example", Role::Researcher, seed_.project_id, Role::Researcher);
    actor_ = repo_->list_actors(seed_.project_id).front().id;
  }

  storage::User partner_, outsider_, researcher_;
  storage::Id actor_ = 0;
};

enum Who { Anon, Partner, Outsider, Researcher, AdminUser };

struct Case {
  std::string method;
  std::string path;  ///< "{p}" = project base, "{w}" = wave id, "{a}" = actor id
  std::vector<std::pair<std::string, std::string>> form;
  int anon, partner, outsider, researcher, admin;
};

TEST_F(AdminAuthz, EveryRouteForEveryRole) {
  // POST bodies are harmless (validation fails after the authorisation check), so every role
  // sees the answer of the gate and nothing changes in between.
  const std::vector<Case> cases = {
      {"GET", "/admin/projects", {}, 303, 200, 200, 200, 200},
      {"GET", "/admin/users", {}, 303, 403, 403, 403, 200},
      {"GET", "{p}", {}, 303, 200, 404, 200, 200},
      {"GET", "{p}/actors", {}, 303, 200, 404, 200, 200},
      {"GET", "{p}/import", {}, 303, 403, 404, 200, 200},
      {"GET", "{p}/waves/{w}/invitations", {}, 303, 200, 404, 200, 200},
      {"GET", "{p}/waves/999999/invitations", {}, 303, 404, 404, 404, 404},
      {"GET", "{p}/additions", {}, 303, 200, 404, 200, 200},
      {"GET", "{p}/actors/{a}", {}, 303, 403, 404, 200, 200},
      {"GET", "{p}/actors/{a}/data.json", {}, 303, 403, 404, 200, 200},
      {"GET", "{p}/actors/999999", {}, 303, 403, 404, 404, 404},
      {"GET", "{p}/export", {}, 303, 200, 404, 200, 200},
      {"GET", "{p}/export?format=json", {}, 303, 200, 404, 200, 200},
      {"GET", "{p}/export?format=json&names=1", {}, 303, 403, 404, 200, 200},
      {"GET", "{p}/audit", {}, 303, 403, 404, 200, 200},
      {"GET", "/admin/p/gibt-es-nicht", {}, 303, 404, 404, 404, 404},
      {"POST", "/admin/projects", {{"slug", "UNGÜLTIG"}}, 401, 403, 400, 400, 400},
      {"POST", "/admin/users", {{"email", "kaputt"}}, 401, 403, 403, 403, 400},
      {"POST", "/admin/users/1/role", {{"role", "kaiser"}}, 401, 403, 403, 403, 400},
      {"POST", "/admin/users/1/disable", {{"disabled", "0"}}, 401, 403, 403, 403, 200},
      {"POST",
       "/admin/users/1/membership",
       {{"project", "gibt-es-nicht"}},
       401,
       403,
       403,
       403,
       400},
      {"POST", "{p}/waves", {{"name", ""}}, 401, 403, 404, 400, 400},
      {"POST", "{p}/waves/999999/open", {}, 401, 403, 404, 404, 404},
      {"POST", "{p}/waves/999999/close", {}, 401, 403, 404, 404, 404},
      {"POST", "{p}/waves/999999/invitations", {}, 401, 403, 404, 404, 404},
      {"POST", "{p}/waves/999999/invitations/renew", {}, 401, 403, 404, 404, 404},
      {"POST", "{p}/additions/{a}/merge", {}, 401, 403, 404, 404, 404},
      {"POST", "{p}/additions/{a}/accept", {}, 401, 403, 404, 404, 404},
      {"POST", "{p}/actors/{a}/erase", {{"confirm", "falsch"}}, 401, 403, 404, 400, 400},
      {"POST", "{p}/erase", {{"confirm", "falsch"}}, 401, 403, 404, 403, 400},
  };
  Browser anon = browser();
  Browser partner = login(partner_.email);
  Browser outsider = login(outsider_.email);
  Browser researcher = login(researcher_.email);
  Browser admin = login(seed_.admin_email, seed_.admin_password);
  const std::string wave = std::to_string(seed_.wave_id);
  const std::string actor = std::to_string(actor_);
  for (const auto& c : cases) {
    std::string path = c.path;
    auto replace = [&](const std::string& from, const std::string& to) {
      for (auto pos = path.find(from); pos != std::string::npos; pos = path.find(from))
        path.replace(pos, from.size(), to);
    };
    replace("{p}", base());
    replace("{w}", wave);
    replace("{a}", actor);
    const std::vector<std::pair<Browser*, int>> who = {{&anon, c.anon},
                                                       {&partner, c.partner},
                                                       {&outsider, c.outsider},
                                                       {&researcher, c.researcher},
                                                       {&admin, c.admin}};
    const char* names[] = {"anonymous", "partner", "outsider", "researcher", "admin"};
    for (std::size_t i = 0; i < who.size(); ++i) {
      Browser& b = *who[i].first;
      const auto r = c.method == "GET" ? b.get(path) : b.post_form(path, c.form);
      EXPECT_EQ(r.status, who[i].second) << c.method << " " << path << " as " << names[i];
      EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store") << path;
      if (c.method == "GET" && r.status != 303 && i != 0)
        b.get("/admin/projects");  // keep the token fresh
    }
  }
  EXPECT_TRUE(repo_->find_project_by_slug("anderstadt"));
  EXPECT_TRUE(repo_->find_actor(actor_));
}

TEST_F(AdminAuthz, ProjectListShowsOnlyOwnProjects) {
  Browser outsider = login(outsider_.email);
  const auto r = outsider.get("/admin/projects");
  EXPECT_NE(r.body.find("Anderstadt 2026"), std::string::npos);
  EXPECT_EQ(r.body.find("Musterstadt 2026"), std::string::npos);
  Browser admin = login(seed_.admin_email, seed_.admin_password);
  const auto all = admin.get("/admin/projects");
  EXPECT_NE(all.body.find("Anderstadt 2026"), std::string::npos);
  EXPECT_NE(all.body.find("Musterstadt 2026"), std::string::npos);
}

TEST_F(AdminAuthz, PartnerPagesHoldNoNamesOrContactData) {
  Browser partner = login(partner_.email);
  const std::string wave = std::to_string(seed_.wave_id);
  for (const std::string& path : std::vector<std::string>{
           base(), base() + "/actors", base() + "/waves/" + wave + "/invitations",
           base() + "/additions", base() + "/export"}) {
    const auto r = partner.get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(personal_data_in(r.body), std::vector<std::string>{}) << path;
  }
  const auto roster = partner.get(base() + "/actors");
  const auto actors = repo_->list_actors(seed_.project_id);
  for (const auto& a : actors)
    EXPECT_NE(roster.body.find(a.pseudonym), std::string::npos) << a.pseudonym;
  for (const std::string format : {"graphml", "gexf", "json", "csv", "pajek", "dl"}) {
    const auto r = partner.get(base() + "/export?format=" + format);
    ASSERT_EQ(r.status, 200) << format;
    EXPECT_EQ(personal_data_in(r.body), std::vector<std::string>{}) << format;
  }
  // Partners cannot change anything, not even with a valid token.
  EXPECT_EQ(partner.post_form(base() + "/waves", {{"name", "2027"}}).status, 403);
  EXPECT_EQ(partner.post_form(base() + "/waves/" + wave + "/invitations", {}).status, 403);
}

TEST_F(AdminAuthz, ResearcherSeesNamesAndContactData) {
  Browser researcher = login(researcher_.email);
  const auto r = researcher.get(base() + "/actors");
  const auto actors = repo_->list_actors(seed_.project_id);
  EXPECT_NE(r.body.find(web::esc(actors.front().name)), std::string::npos);
  EXPECT_NE(r.body.find(actors.front().contact_email), std::string::npos);
}

}  // namespace
}  // namespace kn::test
