// Admin area, the work itself: projects and users, roster import (CSV, xlsx, bad files), waves,
// invitations with the one-time mail-merge CSV (tokens work as survey links, the database holds
// no working token), free additions (merge, accept), data-protection requests (person data
// JSON, erasure), exports (pseudonymised by default, names on request), retention and audit.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <nlohmann/json.hpp>

#include "server/web/admin_files.hpp"
#include "unit/web/admin_support.hpp"

namespace kn::test {
namespace {

using storage::Role;

class AdminData : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    researcher_ =
        make_user("forschung@uni.example", Role::Researcher, seed_.project_id, Role::Researcher);
    // An empty project for the roster imports (the demo's keys V01, KU01, ... exist already).
    storage::Project p;
    p.slug = "importstadt";
    p.name = "Importstadt";
    empty_ = repo_->create_project(p);
    repo_->set_membership(empty_.id, researcher_.id, Role::Researcher);
  }
  storage::User researcher_;
  storage::Project empty_;
  const std::string ib_ = "/admin/p/importstadt";

  /// Tokens from a mail-merge CSV (the part of each link after "/s/").
  static std::vector<std::string> tokens_of(const std::string& csv) {
    std::vector<std::string> out;
    for (const auto& line : lines(csv)) {
      const auto pos = line.find("/s/");
      if (pos != std::string::npos)
        out.push_back(line.substr(pos + 3, line.find_first_of(";\r", pos + 3) - pos - 3));
    }
    return out;
  }

  /// The audit entries of the demo project (newest first).
  std::vector<storage::AuditEntry> audit() { return repo_->list_audit(seed_.project_id, 500); }

  void expect_audit_clean() {
    for (const auto& e : repo_->list_audit(0, 1000)) {
      const std::string all = e.action + " " + e.object + " " + e.detail;
      EXPECT_EQ(personal_data_in(all), std::vector<std::string>{}) << all;
      EXPECT_EQ(all.find('@'), std::string::npos) << all;
    }
  }
};

TEST_F(AdminData, CreateProjectWithDefaultQuestionnaireAndRetention) {
  Browser b = login(researcher_.email);
  const auto r = b.post_form("/admin/projects", {{"slug", "neustadt-2027"},
                                                 {"name", "Neustadt Süd 2027"},
                                                 {"lang", "de"},
                                                 {"retention", "2030-12-31"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location").value_or(""), "/admin/p/neustadt-2027");
  const auto p = repo_->find_project_by_slug("neustadt-2027");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "Neustadt Süd 2027");
  EXPECT_EQ(web::format_date(p->retention_until), "2030-12-31");
  EXPECT_TRUE(repo_->find_questionnaire(p->id));
  EXPECT_EQ(repo_->project_role(p->id, researcher_.id), Role::Researcher);
  const auto d = b.get("/admin/p/neustadt-2027");
  EXPECT_EQ(d.status, 200);
  EXPECT_NE(d.body.find("Neustadt Süd 2027"), std::string::npos);
  // Duplicate slug and bad input.
  EXPECT_EQ(b.post_form("/admin/projects",
                        {{"slug", "neustadt-2027"}, {"name", "X"}, {"retention", "2030-01-01"}})
                .status,
            409);
  EXPECT_EQ(
      b.post_form("/admin/projects", {{"slug", "ok"}, {"name", "X"}, {"retention", "2030-02-30"}})
          .status,
      400);
}

TEST_F(AdminData, AdminManagesUsersWithThePasswordPolicy) {
  Browser a = login(seed_.admin_email, seed_.admin_password);
  a.get("/admin/users");
  auto r = a.post_form("/admin/users",
                       {{"email", "neu@uni.example"}, {"role", "partner"}, {"password", "kurz"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("zu kurz"), std::string::npos);
  r = a.post_form(
      "/admin/users",
      {{"email", "neu@uni.example"}, {"role", "partner"}, {"password", "passwordpassword"}});
  EXPECT_EQ(r.status, 400);
  r = a.post_form("/admin/users", {{"email", "Neu@Uni.example"},
                                   {"display_name", "Jörg Neu"},
                                   {"role", "partner"},
                                   {"password", kPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Jörg Neu"), std::string::npos);
  auto u = repo_->find_user_by_email("neu@uni.example");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->role, Role::Partner);
  EXPECT_NE(u->password_hash.rfind("$argon2id$", 0), std::string::npos);
  // No project yet: the new partner sees nothing.
  Browser n = login("neu@uni.example");
  EXPECT_EQ(n.get(base()).status, 404);
  // Membership, then the project is visible read-only.
  r = a.post_form("/admin/users/" + std::to_string(u->id) + "/membership",
                  {{"project", seed_.project_slug}, {"role", "partner"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(n.get(base()).status, 200);
  EXPECT_EQ(repo_->project_role(seed_.project_id, u->id), Role::Partner);
  // Role change and disabling (which ends the session at once).
  r = a.post_form("/admin/users/" + std::to_string(u->id) + "/role", {{"role", "researcher"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(repo_->find_user(u->id)->role, Role::Researcher);
  r = a.post_form("/admin/users/" + std::to_string(u->id) + "/disable", {{"disabled", "1"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(repo_->find_user(u->id)->disabled);
  EXPECT_EQ(n.get(base()).status, 303);
  // The admin cannot lock themselves out.
  const auto self = repo_->find_user_by_email(seed_.admin_email);
  EXPECT_EQ(
      a.post_form("/admin/users/" + std::to_string(self->id) + "/disable", {{"disabled", "1"}})
          .status,
      400);
  expect_audit_clean();
}

TEST_F(AdminData, DashboardShowsMonitoringByWave) {
  Browser b = login(researcher_.email);
  const auto r = b.get(base());
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Rücklauf nach Sektor"), std::string::npos);
  EXPECT_NE(r.body.find("<meter"), std::string::npos);
  EXPECT_NE(r.body.find("Verwaltung"), std::string::npos);
  EXPECT_NE(r.body.find(std::to_string(seed_.invitations)), std::string::npos);
  EXPECT_NE(r.body.find(std::to_string(seed_.submitted)), std::string::npos);
  EXPECT_NE(r.body.find("Welle schließen"), std::string::npos);
  EXPECT_EQ(r.body.find("Löschfrist ("), std::string::npos);  // not passed
}

TEST_F(AdminData, RosterImportCsvStoresActorsWithUmlauts) {
  Browser b = login(researcher_.email);
  b.get(ib_ + "/import");
  const auto r =
      upload(b, "roster_de.csv", read_test_file("roster/roster_de.csv"), {}, "importstadt");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("4 Akteure neu"), std::string::npos) << r.body;
  const auto v01 = repo_->find_actor_by_key(empty_.id, "V01");
  ASSERT_TRUE(v01);
  EXPECT_EQ(v01->name, "Stadtverwaltung Musterstadt – Klimaschutzmanagement");
  EXPECT_EQ(v01->contact_name, "Jürgen Groß");
  EXPECT_EQ(v01->sector, "verwaltung");
  const auto z01 = repo_->find_actor_by_key(empty_.id, "Z01");
  ASSERT_TRUE(z01);
  EXPECT_EQ(z01->name, "BUND Ortsgruppe 🌳");
  // Shown in the roster with umlauts intact.
  const auto roster = b.get(ib_ + "/actors");
  EXPECT_NE(roster.body.find("Jürgen Groß"), std::string::npos);
  EXPECT_NE(roster.body.find("BUND Ortsgruppe 🌳"), std::string::npos);
  // Audited with counts only.
  bool found = false;
  for (const auto& e : repo_->list_audit(empty_.id, 50))
    if (e.action == "roster.import") {
      found = true;
      EXPECT_NE(e.detail.find("created=4"), std::string::npos) << e.detail;
    }
  EXPECT_TRUE(found);
  expect_audit_clean();
  // Importing again updates instead of duplicating.
  b.get(ib_ + "/import");
  const auto again =
      upload(b, "roster_de.csv", read_test_file("roster/roster_de.csv"), {}, "importstadt");
  EXPECT_NE(again.body.find("0 Akteure neu, 4 aktualisiert"), std::string::npos);
}

TEST_F(AdminData, RosterImportXlsx) {
  Browser b = login(researcher_.email);
  b.get(ib_ + "/import");
  auto r = upload(b, "roster_en.xlsx", read_test_file("roster/roster_en.xlsx"), {}, "importstadt");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("3 Akteure neu"), std::string::npos);
  EXPECT_TRUE(repo_->find_actor_by_key(empty_.id, "city-hall-climate-office"));
  b.get(ib_ + "/import");
  r = upload(b, "roster_de.xlsx", read_test_file("roster/roster_de.xlsx"), "Akteure",
             "importstadt");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto ku = repo_->find_actor_by_key(empty_.id, "KU01");
  ASSERT_TRUE(ku);
  EXPECT_EQ(ku->contact_name, "Anna Öztürk");
}

TEST_F(AdminData, BadRosterFilesNameLineAndFieldAndStoreNothing) {
  Browser b = login(researcher_.email);
  const auto before = repo_->list_actors(empty_.id, true).size();
  b.get(ib_ + "/import");
  auto r = upload(b, "liste.csv", "Name;Sektor\nRathaus Süd;Verwaltung\nMarsbüro;Marsianer\n", {},
                  "importstadt");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("nichts gespeichert"), std::string::npos);
  EXPECT_NE(r.body.find("liste.csv"), std::string::npos);
  EXPECT_NE(r.body.find("line 3"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Sektor"), std::string::npos);
  EXPECT_NE(r.body.find("Marsianer"), std::string::npos);
  b.get(ib_ + "/import");
  r = upload(b, "roster_bad_sector.xlsx", read_test_file("roster/roster_bad_sector.xlsx"), {},
             "importstadt");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Aliens"), std::string::npos);
  EXPECT_NE(r.body.find("Sector"), std::string::npos);
  b.get(ib_ + "/import");
  r = upload(b, "kaputt.xlsx", std::string("PK\x03\x04garbage", 11), {}, "importstadt");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(repo_->list_actors(empty_.id, true).size(), before);
  EXPECT_FALSE(repo_->find_actor_by_key(empty_.id, "rathaus-sued"));
  // Without the token: refused before anything is parsed.
  Multipart m;
  m.add_file("roster_de.csv", read_test_file("roster/roster_de.csv"), "text/csv");
  EXPECT_EQ(b.request("POST", ib_ + "/import", m.finish(), m.content_type()).status, 403);
  EXPECT_FALSE(repo_->find_actor_by_key(empty_.id, "V01"));
}

TEST_F(AdminData, InvitationsGiveAOneTimeMailMergeFileWithWorkingLinks) {
  Browser b = login(researcher_.email);
  b.get(base());
  ASSERT_EQ(b.post_form(base() + "/waves", {{"name", "2028"}}).status, 303);
  storage::Id wave = 0;
  for (const auto& w : repo_->list_waves(seed_.project_id))
    if (w.name == "2028") wave = w.id;
  ASSERT_NE(wave, 0);
  const std::string wp = base() + "/waves/" + std::to_string(wave);
  b.get(wp + "/invitations");
  const auto r = b.post_form(wp + "/invitations", {});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
  EXPECT_NE(r.header("Content-Type").value_or("").find("text/csv"), std::string::npos);
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  ASSERT_EQ(r.body.rfind("\xEF\xBB\xBF", 0), 0U);
  const auto rows = lines(r.body.substr(3));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], "key;name;contact_name;contact_email;link\r");
  const auto actors = repo_->list_actors(seed_.project_id);
  EXPECT_EQ(rows.size(), actors.size() + 1);
  const auto tokens = tokens_of(r.body);
  ASSERT_EQ(tokens.size(), actors.size());
  // Names with umlauts survive the download unchanged (UTF-8).
  std::size_t non_ascii = 0;
  for (const auto& a : actors) {
    if (std::all_of(a.name.begin(), a.name.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 128; }))
      continue;
    ++non_ascii;
    EXPECT_NE(r.body.find(a.name), std::string::npos) << a.name;
  }
  EXPECT_GT(non_ascii, 0U);
  const auto cells = split(rows[1]);
  ASSERT_EQ(cells.size(), 5U);
  EXPECT_EQ(cells[4].rfind("http://127.0.0.1:" + std::to_string(port()) + "/s/", 0), 0U)
      << cells[4];
  for (const auto& t : tokens) {
    EXPECT_GE(t.size(), 43U);
    const auto inv = repo_->find_invitation_by_token_hash(web::token_hash(t));
    ASSERT_TRUE(inv) << t;
    EXPECT_EQ(inv->wave_id, wave);
    // Only the hash is stored, never the token.
    EXPECT_FALSE(repo_->find_invitation_by_token_hash(t));
  }
  // The database files hold no working token.
  std::string db;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;  // not istreambuf_iterator: GCC 12 -Wnull-dereference false positive
    bytes << in.rdbuf();
    db += bytes.str();
  }
  for (const auto& t : tokens)
    EXPECT_EQ(db.find(t), std::string::npos);
  // The token works as a survey link once the wave is open.
  ASSERT_EQ(b.post_form(wp + "/open", {}).status, 303);
  Browser respondent = browser();
  const auto s = respondent.get("/s/" + tokens.front());
  EXPECT_EQ(s.status, 303);
  EXPECT_TRUE(respondent.cookies().contains("__Host-kn_resp"));
  // A second "create" has nothing left to do and hands out no links.
  b.get(wp + "/invitations");
  const auto again = b.post_form(wp + "/invitations", {});
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("schon eine Einladung"), std::string::npos);
  EXPECT_EQ(again.body.find("/s/"), std::string::npos);
  // New links for all: the old ones stop working.
  const auto renewed = b.post_form(wp + "/invitations/renew", {{"scope", "all"}});
  ASSERT_EQ(renewed.status, 200);
  const auto fresh = tokens_of(renewed.body);
  EXPECT_EQ(fresh.size(), tokens.size());
  EXPECT_FALSE(repo_->find_invitation_by_token_hash(web::token_hash(tokens.front())));
  EXPECT_TRUE(repo_->find_invitation_by_token_hash(web::token_hash(fresh.front())));
  // New link for one selected invitation.
  b.get(wp + "/invitations");
  const auto one = repo_->find_invitation_by_token_hash(web::token_hash(fresh.back()));
  const auto single = b.post_form(wp + "/invitations/renew",
                                  {{"scope", "selected"}, {"invitation", std::to_string(one->id)}});
  EXPECT_EQ(tokens_of(single.body).size(), 1U);
  // The invitations page lists the status, and the audit log has counts only.
  const auto page = b.get(wp + "/invitations");
  EXPECT_NE(page.body.find("eingeladen"), std::string::npos);
  bool created = false;
  for (const auto& e : audit())
    if (e.action == "invitations.create")
      created = e.detail == "count=" + std::to_string(actors.size());
  EXPECT_TRUE(created);
  expect_audit_clean();
}

TEST_F(AdminData, MailMergeCellsAreDefusedAndQuoted) {
  EXPECT_EQ(web::spreadsheet_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(web::spreadsheet_cell("+49 30 1234"), "'+49 30 1234");
  EXPECT_EQ(web::spreadsheet_cell("-1"), "'-1");
  EXPECT_EQ(web::spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(web::spreadsheet_cell("Bürgerenergie; Süd"), "\"Bürgerenergie; Süd\"");
  EXPECT_EQ(web::spreadsheet_cell("Müller"), "Müller");
  const auto csv =
      web::mail_merge_csv({{"k1", "=cmd|' /C calc'!A0", "Jürgen", "j@x.example", "https://h/s/t"}});
  EXPECT_NE(csv.find("k1;'=cmd|' /C calc'!A0;Jürgen;j@x.example;https://h/s/t\r\n"),
            std::string::npos)
      << csv;
}

TEST_F(AdminData, CloseAndReopenAWave) {
  Browser b = login(researcher_.email);
  b.get(base());
  const std::string wp = base() + "/waves/" + std::to_string(seed_.wave_id);
  ASSERT_EQ(b.post_form(wp + "/close", {}).status, 303);
  EXPECT_EQ(repo_->find_wave(seed_.wave_id)->status, storage::WaveStatus::Closed);
  EXPECT_NE(repo_->find_wave(seed_.wave_id)->closed_at, 0);
  const auto d = b.get(base());
  EXPECT_NE(d.body.find("Welle öffnen"), std::string::npos);
  EXPECT_NE(d.body.find("geschlossen"), std::string::npos);
  ASSERT_EQ(b.post_form(wp + "/open", {}).status, 303);
  EXPECT_EQ(repo_->find_wave(seed_.wave_id)->status, storage::WaveStatus::Open);
  std::vector<std::string> actions;
  for (const auto& e : audit())
    actions.push_back(e.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "wave.close"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "wave.open"), actions.end());
}

TEST_F(AdminData, FreeAdditionsAreMergedOrAccepted) {
  const auto actors = repo_->list_actors(seed_.project_id);
  const auto invitations = repo_->list_invitations(seed_.wave_id);
  auto add = [&](const std::string& name) {
    storage::Actor a;
    a.project_id = seed_.project_id;
    a.key = "free-" + std::to_string(name.size()) + name.substr(0, 3);
    a.name = name;
    a.free_addition = true;
    a.added_by = invitations.front().id;
    return repo_->create_actor(a);
  };
  const auto dup = add("Stadtwerke Müsterstadt");
  const auto fresh = add("Initiative Grünes Viertel");
  storage::Actor reporter;
  for (const auto& a : actors)
    if (a.id == invitations.front().actor_id) reporter = a;
  Browser b = login(researcher_.email);
  auto page = b.get(base() + "/additions");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Stadtwerke Müsterstadt"), std::string::npos);
  EXPECT_NE(page.body.find(web::esc(reporter.name)), std::string::npos);
  // Partners see the count only.
  auto p = make_user("partner@partner.example", Role::Partner, seed_.project_id, Role::Partner);
  Browser partner = login(p.email);
  const auto pp = partner.get(base() + "/additions");
  EXPECT_NE(pp.body.find("2 von Befragten"), std::string::npos);
  EXPECT_EQ(pp.body.find("Müsterstadt"), std::string::npos);
  EXPECT_EQ(personal_data_in(pp.body), std::vector<std::string>{});
  // Merge into an existing actor.
  const auto target = actors[3];
  auto r = b.post_form(base() + "/additions/" + std::to_string(dup.id) + "/merge",
                       {{"into", std::to_string(target.id)}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(repo_->find_actor(dup.id)->merged_into, target.id);
  // Into itself or a foreign id: refused.
  r = b.post_form(base() + "/additions/" + std::to_string(fresh.id) + "/merge",
                  {{"into", std::to_string(fresh.id)}});
  EXPECT_EQ(r.status, 400);
  // Accept as a regular actor.
  r = b.post_form(base() + "/additions/" + std::to_string(fresh.id) + "/accept", {});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(repo_->find_actor(fresh.id)->free_addition);
  page = b.get(base() + "/additions");
  EXPECT_NE(page.body.find("0 von Befragten"), std::string::npos);
  EXPECT_NE(b.get(base() + "/actors").body.find("Initiative Grünes Viertel"), std::string::npos);
  expect_audit_clean();
}

TEST_F(AdminData, PersonDataPageAndJsonHoldTheActorsData) {
  // A respondent who answered: has reported ties.
  storage::Actor who;
  for (const auto& inv : repo_->list_invitations(seed_.wave_id))
    if (inv.status == storage::InvitationStatus::Submitted) {
      who = *repo_->find_actor(inv.actor_id);
      break;
    }
  ASSERT_NE(who.id, 0);
  who.contact_name = "Jürgen Weiß-Groß";
  repo_->update_actor(who);
  Browser b = login(researcher_.email);
  const std::string ap = base() + "/actors/" + std::to_string(who.id);
  const auto page = b.get(ap);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Jürgen Weiß-Groß"), std::string::npos);
  EXPECT_NE(page.body.find(who.contact_email), std::string::npos);
  const auto r = b.get(ap + "/data.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
  EXPECT_NE(r.header("Content-Type").value_or("").find("application/json"), std::string::npos);
  const auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["actor"]["name"], who.name);
  EXPECT_EQ(doc["actor"]["contact_name"], "Jürgen Weiß-Groß");
  EXPECT_EQ(doc["actor"]["contact_email"], who.contact_email);
  EXPECT_FALSE(doc["ties_reported"].empty());
  EXPECT_FALSE(doc["invitations"].empty());
  EXPECT_FALSE(doc["consents"].empty());
  EXPECT_EQ(doc["invitations"][0]["status"], "submitted");
  bool audited = false;
  for (const auto& e : audit())
    audited =
        audited || (e.action == "actor.access" && e.object == "actor:" + std::to_string(who.id));
  EXPECT_TRUE(audited);
  expect_audit_clean();
}

TEST_F(AdminData, ErasureNeedsTheKeyAndRemovesTheActor) {
  storage::Actor who;
  for (const auto& inv : repo_->list_invitations(seed_.wave_id))
    if (inv.status == storage::InvitationStatus::Submitted) {
      who = *repo_->find_actor(inv.actor_id);
      break;
    }
  ASSERT_NE(who.id, 0);
  Browser b = login(researcher_.email);
  const std::string ap = base() + "/actors/" + std::to_string(who.id);
  b.get(ap);
  auto r = b.post_form(ap + "/erase", {{"confirm", "falsch"}, {"policy", "delete"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(repo_->find_actor(who.id));
  r = b.post_form(ap + "/erase", {{"confirm", who.key}, {"policy", "anonymise"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("gelöscht"), std::string::npos);
  const auto gone = repo_->find_actor(who.id);
  EXPECT_TRUE(!gone || (gone->name != who.name && gone->contact_email.empty()));
  for (const auto& a : repo_->list_actors(seed_.project_id, true)) {
    EXPECT_NE(a.name, who.name);
    EXPECT_NE(a.contact_email, who.contact_email);
  }
  storage::TieQuery q;
  q.wave_id = seed_.wave_id;
  q.source = who.id;
  EXPECT_TRUE(repo_->list_ties(q).empty());
  bool audited = false;
  for (const auto& e : audit())
    if (e.action == "actor.erase") audited = e.detail.find("policy=anonymise") != std::string::npos;
  EXPECT_TRUE(audited);
  expect_audit_clean();
  EXPECT_EQ(b.get(ap).status, 404);
}

TEST_F(AdminData, ExportIsPseudonymisedUnlessAResearcherAsksForNames) {
  Browser b = login(researcher_.email);
  for (const std::string format : {"graphml", "gexf", "json", "csv", "pajek", "dl"}) {
    const auto r =
        b.get(base() + "/export?format=" + format + "&wave=" + std::to_string(seed_.wave_id));
    ASSERT_EQ(r.status, 200) << format;
    EXPECT_NE(r.header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
    EXPECT_EQ(personal_data_in(r.body), std::vector<std::string>{}) << format;
  }
  const auto actors = repo_->list_actors(seed_.project_id);
  const auto named = b.get(base() + "/export?format=json&names=1");
  ASSERT_EQ(named.status, 200);
  std::size_t found = 0;
  for (const auto& a : actors)
    found += named.body.find(a.name) != std::string::npos ? 1U : 0U;
  EXPECT_EQ(found, actors.size());
  EXPECT_EQ(named.body.find("@musterstadt.example"), std::string::npos);  // never contact data
  const auto csv = b.get(base() + "/export?format=csv&table=actors&names=1");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0U);
  EXPECT_EQ(b.get(base() + "/export?format=exe").status, 400);
  EXPECT_EQ(b.get(base() + "/export?format=json&wave=999999").status, 404);
  const auto form = b.get(base() + "/export");
  EXPECT_NE(form.body.find("mit Namen"), std::string::npos);
  std::vector<std::string> details;
  for (const auto& e : audit())
    if (e.action == "export") details.push_back(e.detail);
  ASSERT_GE(details.size(), 7U);
  EXPECT_NE(
      std::find_if(details.begin(), details.end(),
                   [](const std::string& d) { return d.find("names=1") != std::string::npos; }),
      details.end());
  expect_audit_clean();
}

TEST_F(AdminData, RetentionWarningAndProjectErasure) {
  auto p = *repo_->find_project(seed_.project_id);
  p.retention_until = app_->now() - 24 * 3600;
  repo_->update_project(p);
  Browser researcher = login(researcher_.email);
  const auto d = researcher.get(base());
  EXPECT_NE(d.body.find("ist abgelaufen"), std::string::npos);
  EXPECT_EQ(d.body.find("Projektdaten jetzt löschen"), std::string::npos);  // admin only
  Browser a = login(seed_.admin_email, seed_.admin_password);
  const auto ad = a.get(base());
  EXPECT_NE(ad.body.find("Projektdaten jetzt löschen"), std::string::npos);
  EXPECT_EQ(a.post_form(base() + "/erase", {{"confirm", "musterstad"}}).status, 400);
  EXPECT_TRUE(repo_->find_project(seed_.project_id));
  const auto r = a.post_form(base() + "/erase", {{"confirm", seed_.project_slug}});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(repo_->find_project(seed_.project_id));
  EXPECT_TRUE(repo_->list_actors(seed_.project_id, true).empty());
  EXPECT_EQ(a.get(base()).status, 404);
  bool audited = false;
  for (const auto& e : repo_->list_audit(0, 100))
    audited = audited || e.action == "project.erase";
  EXPECT_TRUE(audited);
}

TEST_F(AdminData, AuditPageShowsActionsWithoutPersonalContent) {
  Browser b = login(researcher_.email);
  b.get(base());
  b.post_form(base() + "/waves/" + std::to_string(seed_.wave_id) + "/close", {});
  b.get(base() + "/export?format=json");
  const auto r = b.get(base() + "/audit");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("wave.close"), std::string::npos);
  EXPECT_NE(r.body.find("export"), std::string::npos);
  EXPECT_NE(r.body.find("demo.seed"), std::string::npos);
  EXPECT_EQ(personal_data_in(r.body), std::vector<std::string>{});
}

TEST_F(AdminData, DateHelpers) {
  EXPECT_EQ(web::parse_date("2026-03-01"), 1772323200);
  EXPECT_EQ(web::format_time(1772323200 + 14 * 3600 + 5 * 60), "2026-03-01 14:05 UTC");
  EXPECT_FALSE(web::parse_date("2026-13-01"));
  EXPECT_FALSE(web::parse_date("26-03-01"));
  EXPECT_FALSE(web::parse_date("2026-02-29"));
  EXPECT_EQ(web::format_date(0), "");
}

}  // namespace
}  // namespace kn::test
