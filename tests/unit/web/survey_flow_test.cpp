// The survey against a real server on 127.0.0.1 with a seeded SQLite database: the link
// exchange, consent, every section kind, validation errors that keep the input, pause and
// resume, summary and submit (twice), closed waves, withdrawal, the language switch, security
// headers, CSRF and what a respondent session can reach.

#include <gtest/gtest.h>

#include <algorithm>

#include "unit/web/web_fixture.hpp"

namespace kn::test {
namespace {

using storage::Id;

class SurveyFlow : public WebFixture {
 protected:
  /// A browser with a respondent session for the actor `key` (consent not yet given).
  Browser respondent(const std::string& key, std::string* token_out = nullptr) {
    const std::string token = token_for(key);
    if (token_out) *token_out = token;
    Browser b = browser();
    const auto r = b.get("/s/" + token);
    EXPECT_EQ(r.status, 303);
    return b;
  }
  Browser consented(const std::string& key) {
    Browser b = respondent(key);
    b.get("/s");
    const auto r = b.post_form("/s/consent", {{"answer", "yes"}});
    EXPECT_EQ(r.status, 303) << r.body;
    return b;
  }
  storage::Actor actor(const std::string& key) {
    return *repo_->find_actor_by_key(seed_.project_id, key);
  }
  storage::Invitation invitation(const std::string& key) {
    const auto a = actor(key);
    for (const auto& inv : repo_->list_invitations(seed_.wave_id))
      if (inv.actor_id == a.id) return inv;
    throw std::runtime_error("no invitation");
  }
  std::vector<storage::Tie> ties(const std::string& key, const std::string& relation) {
    storage::TieQuery q;
    q.wave_id = seed_.wave_id;
    q.relation = relation;
    q.source = actor(key).id;
    return repo_->list_ties(q);
  }
  /// The key of an actor that has not answered (its invitation is Invited).
  std::string fresh_key(std::size_t skip = 0) {
    for (const auto& inv : repo_->list_invitations(seed_.wave_id)) {
      if (inv.status != storage::InvitationStatus::Invited) continue;
      if (skip-- == 0) return repo_->find_actor(inv.actor_id)->key;
    }
    throw std::runtime_error("no fresh actor");
  }
  /// Ids of two other actors of the roster.
  std::pair<Id, Id> two_others(const std::string& key) {
    std::vector<Id> ids;
    for (const auto& a : repo_->list_actors(seed_.project_id))
      if (a.key != key && !a.free_addition) ids.push_back(a.id);
    return {ids.at(0), ids.at(1)};
  }
};

TEST_F(SurveyFlow, LinkIsExchangedForACookieAndACleanUrl) {
  std::string token;
  Browser b = browser();
  token = token_for(fresh_key());
  const auto r = b.get("/s/" + token);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/s");
  const auto cookie = r.header("Set-Cookie");
  ASSERT_TRUE(cookie);
  EXPECT_EQ(cookie->rfind("__Host-kn_resp=", 0), 0U) << *cookie;
  for (const char* attr : {"Secure", "HttpOnly", "SameSite=Lax", "Path=/"})
    EXPECT_NE(cookie->find(attr), std::string::npos) << attr << " in " << *cookie;
  EXPECT_EQ(cookie->find("Domain"), std::string::npos);
  EXPECT_EQ(cookie->find(token), std::string::npos) << "the cookie is a new secret, not the token";
  EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
  // The token never reaches the access log; the route pattern is logged instead.
  for (const auto& line : access_log())
    EXPECT_EQ(line.find(token), std::string::npos) << line;
  // Only the hash is stored: no invitation row holds the token itself.
  for (const auto& inv : repo_->list_invitations(seed_.wave_id))
    EXPECT_NE(inv.token_hash, token);
  // The consent page comes first.
  const auto page = b.get("/s");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Einwilligung"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/s/consent\""), std::string::npos);
  // The access log line of a request is written after its response; by now the link's is there.
  const auto log = access_log();
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const std::string& l) {
    return l.find("/s/{token}") != std::string::npos;
  }));
  for (const auto& line : log)
    EXPECT_EQ(line.find(token), std::string::npos) << line;
}

TEST_F(SurveyFlow, SecurityHeadersOnSurveyPages) {
  Browser b = respondent(fresh_key());
  const auto r = b.get("/s");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  const auto csp = r.header("Content-Security-Policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  // Pages load only self-hosted, content-hashed assets, without inline script.
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  const auto pos = r.body.find("/static/app-");
  ASSERT_NE(pos, std::string::npos);
  const auto end = r.body.find('"', pos);
  const auto css = b.get(r.body.substr(pos, end - pos));
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.header("Cache-Control")->find("immutable"), std::string::npos);
}

TEST_F(SurveyFlow, BadLinksAreRefusedAndRateLimited) {
  Browser b = browser();
  const auto r = b.get("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(b.cookies().empty());
  int limited = 0;
  for (int i = 0; i < 40; ++i)
    if (b.get("/s/BBBBBBBBBBBBBBBBBBBBBBBB" + std::to_string(i)).status == 429) ++limited;
  EXPECT_GT(limited, 10);
}

TEST_F(SurveyFlow, NoSessionNoSurvey) {
  Browser b = browser();
  EXPECT_EQ(b.get("/s").status, 401);
  EXPECT_EQ(b.get("/s/p/about").status, 401);
  EXPECT_EQ(b.post_form("/s/p/about", {{"i.position", "x"}}).status, 401);
  b.cookies()["__Host-kn_resp"] = "forged-value-forged-value-forged";
  EXPECT_EQ(b.get("/s/summary").status, 401);
}

TEST_F(SurveyFlow, DeclineStoresNothing) {
  const auto key = fresh_key();
  Browser b = respondent(key);
  b.get("/s");
  const auto r = b.post_form("/s/consent", {{"answer", "no"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(repo_->active_consent(invitation(key).id));
  EXPECT_EQ(invitation(key).status, storage::InvitationStatus::Invited);
}

TEST_F(SurveyFlow, ConsentIsRecordedWithVersionAndTime) {
  const auto key = fresh_key();
  Browser b = consented(key);
  const auto c = repo_->active_consent(invitation(key).id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->text_version, "2026-11");
  EXPECT_GT(c->given_at, 0);
}

TEST_F(SurveyFlow, CsrfTokenRequired) {
  const auto key = fresh_key();
  Browser b = respondent(key);
  b.get("/s");
  EXPECT_EQ(b.post_form("/s/consent", {{"answer", "yes"}}, false).status, 403);
  EXPECT_EQ(b.post_form("/s/consent",
                        {{"answer", "yes"}, {"csrf", "wrong-wrong-wrong-wrong-wrong-wrong"}}, false)
                .status,
            403);
  // A form posted from another site is refused by the origin check.
  EXPECT_EQ(b.post_form("/s/consent", {{"answer", "yes"}}, true,
                        {{"Origin", "http://127.0.0.1:1"}, {"Sec-Fetch-Site", "cross-site"}})
                .status,
            403);
  EXPECT_FALSE(repo_->active_consent(invitation(key).id));
}

TEST_F(SurveyFlow, ItemsPageSavesAndKeepsInputOnErrors) {
  const auto key = fresh_key();
  Browser b = consented(key);
  auto page = b.get("/s/p/about");
  EXPECT_EQ(page.status, 200);
  // Invalid: an option that does not exist. Nothing is stored, the typed text is shown again.
  auto r = b.post_form("/s/p/about", {{"i.position", "Klimaschutzmanagerin für Süd & Nord"},
                                      {"i.own_fields", "weltraum"},
                                      {"go", "next"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Klimaschutzmanagerin für Süd &amp; Nord"), std::string::npos);
  EXPECT_NE(r.body.find("nicht vorgesehen"), std::string::npos);
  EXPECT_TRUE(repo_->list_answers(invitation(key).id).empty());
  r = b.post_form("/s/p/about", {{"i.position", "Klimaschutzmanagerin für Süd & Nord"},
                                 {"i.own_fields", "mobilitaet"},
                                 {"i.own_fields", "energie"},
                                 {"go", "next"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/s/p/collaboration");
  const auto answers = repo_->list_answers(invitation(key).id);
  std::map<std::string, kn::Value> byitem;
  for (const auto& a : answers)
    byitem[a.item] = a.value;
  EXPECT_EQ(std::get<std::string>(byitem.at("position")), "Klimaschutzmanagerin für Süd & Nord");
  EXPECT_EQ(std::get<std::vector<std::string>>(byitem.at("own_fields")),
            (std::vector<std::string>{"energie", "mobilitaet"}));
  EXPECT_EQ(invitation(key).status, storage::InvitationStatus::Started);
  // The page shows the stored answers again.
  page = b.get("/s/p/about");
  EXPECT_NE(page.body.find("value=\"mobilitaet\" checked"), std::string::npos);
}

TEST_F(SurveyFlow, RosterSelectThenRate) {
  const auto key = fresh_key();
  const auto [x, y] = two_others(key);
  Browser b = consented(key);
  auto page = b.get("/s/p/collaboration");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"a\" id=\"a-" + std::to_string(x) + "\""), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"a-" + std::to_string(actor(key).id) + "\""), std::string::npos)
      << "own organisation listed";
  auto r = b.post_form("/s/p/collaboration", {{"step", "select"},
                                              {"a", std::to_string(x)},
                                              {"a", std::to_string(y)},
                                              {"n.0.name", "Lastenrad-Initiative Süd"},
                                              {"go", "next"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location"), "/s/p/collaboration/rate");
  auto stored = ties(key, "zusammenarbeit");
  ASSERT_EQ(stored.size(), 3U);
  // The free addition is a new actor flagged for merging.
  std::optional<storage::Actor> added;
  for (const auto& a : repo_->list_actors(seed_.project_id))
    if (a.free_addition && a.name == "Lastenrad-Initiative Süd") added = a;
  ASSERT_TRUE(added);
  EXPECT_EQ(*added->added_by, invitation(key).id);
  // Others do not see this respondent's free addition on their roster.
  Browser other = consented(fresh_key(1));
  EXPECT_EQ(other.get("/s/p/collaboration").body.find("Lastenrad-Initiative"), std::string::npos);

  page = b.follow(r);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Lastenrad-Initiative Süd"), std::string::npos);
  EXPECT_NE(page.body.find("data-when-quality-max=\"3\""), std::string::npos);
  const std::string sx = std::to_string(x), sy = std::to_string(y), sa = std::to_string(added->id);
  r = b.post_form("/s/p/collaboration/rate", {{"a", sx},
                                              {"a", sy},
                                              {"a", sa},
                                              {"t." + sx + ".frequency", "monthly"},
                                              {"t." + sx + ".quality", "2"},
                                              {"t." + sx + ".barriers", "bureaucracy"},
                                              {"t." + sy + ".frequency", "weekly"},
                                              {"t." + sy + ".quality", "5"},
                                              {"t." + sy + ".barriers", "bureaucracy"},
                                              {"t." + sa + ".frequency", "yearly"},
                                              {"t." + sa + ".quality", "4"},
                                              {"go", "next"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location"), "/s/p/information");
  stored = ties(key, "zusammenarbeit");
  std::map<Id, storage::Attributes> by_target;
  for (const auto& t : stored)
    by_target[t.target] = t.attrs;
  EXPECT_EQ(std::get<double>(by_target.at(x).at("quality")), 2.0);
  EXPECT_EQ(std::get<std::vector<std::string>>(by_target.at(x).at("barriers")),
            (std::vector<std::string>{"bureaucracy"}));
  EXPECT_FALSE(by_target.at(y).contains("barriers")) << "barriers are asked only when quality <= 3";
  EXPECT_EQ(std::get<std::string>(by_target.at(added->id).at("frequency")), "yearly");

  // Step 1 again, dropping y: the answers about x are kept, y's tie is gone.
  r = b.post_form("/s/p/collaboration", {{"step", "select"}, {"a", sx}, {"a", sa}, {"go", "next"}});
  EXPECT_EQ(r.status, 303);
  stored = ties(key, "zusammenarbeit");
  ASSERT_EQ(stored.size(), 2U);
  for (const auto& t : stored) {
    if (t.target == x) {
      EXPECT_EQ(std::get<double>(t.attrs.at("quality")), 2.0);
    }
  }
}

TEST_F(SurveyFlow, RosterRejectsActorsOutsideTheRoster) {
  const auto key = fresh_key();
  Browser b = consented(key);
  for (const std::string& bad :
       std::vector<std::string>{std::to_string(actor(key).id), "999999", "abc"}) {
    const auto r =
        b.post_form("/s/p/collaboration", {{"step", "select"}, {"a", bad}, {"go", "next"}});
    EXPECT_EQ(r.status, 422) << bad;
  }
  EXPECT_TRUE(ties(key, "zusammenarbeit").empty());
}

TEST_F(SurveyFlow, InnovationsAreSaved) {
  const auto key = fresh_key();
  const auto [x, y] = two_others(key);
  Browser b = consented(key);
  const auto r = b.post_form("/s/p/innovations", {{"v.0.title", "Solardach-Börse"},
                                                  {"v.0.stage", "pilot"},
                                                  {"v.0.field", "energie"},
                                                  {"v.0.conditions", "funding"},
                                                  {"v.0.partners", std::to_string(x)},
                                                  {"go", "next"}});
  ASSERT_EQ(r.status, 303) << r.body;
  std::vector<storage::Innovation> own;
  for (const auto& inn : repo_->list_innovations(seed_.project_id))
    if (inn.reported_by && *inn.reported_by == invitation(key).id) own.push_back(inn);
  ASSERT_EQ(own.size(), 1U);
  EXPECT_EQ(own[0].title, "Solardach-Börse");
  EXPECT_EQ(own[0].conditions, (std::vector<std::string>{"funding"}));
  ASSERT_EQ(own[0].actors.size(), 2U);
  // Saving again replaces, never duplicates.
  b.post_form("/s/p/innovations",
              {{"v.0.title", "Solardach-Börse 2"}, {"v.0.stage", "idea"}, {"go", "next"}});
  own.clear();
  for (const auto& inn : repo_->list_innovations(seed_.project_id))
    if (inn.reported_by && *inn.reported_by == invitation(key).id) own.push_back(inn);
  ASSERT_EQ(own.size(), 1U);
  EXPECT_EQ(own[0].title, "Solardach-Börse 2");
  (void)y;
}

TEST_F(SurveyFlow, SummarySubmitTwiceAndResume) {
  const auto key = fresh_key();
  const auto [x, y] = two_others(key);
  std::string token;
  Browser b = respondent(key, &token);
  b.get("/s");
  b.post_form("/s/consent", {{"answer", "yes"}});
  // A named actor without the required answers blocks submission.
  b.post_form("/s/p/collaboration", {{"step", "select"}, {"a", std::to_string(x)}, {"go", "next"}});
  auto r = b.post_form("/s/submit", {});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Pflichtangaben"), std::string::npos);
  EXPECT_NE(invitation(key).status, storage::InvitationStatus::Submitted);
  const std::string sx = std::to_string(x);
  b.post_form("/s/p/collaboration/rate", {{"a", sx},
                                          {"t." + sx + ".frequency", "weekly"},
                                          {"t." + sx + ".quality", "4"},
                                          {"go", "next"}});
  b.post_form("/s/p/about", {{"i.own_fields", "klimaanpassung"}, {"go", "next"}});
  auto summary = b.get("/s/summary");
  EXPECT_EQ(summary.status, 200);
  EXPECT_NE(summary.body.find(repo_->find_actor(x)->name.substr(0, 10)), std::string::npos);
  r = b.post_form("/s/submit", {});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location"), "/s/done");
  const auto first = invitation(key);
  EXPECT_EQ(first.status, storage::InvitationStatus::Submitted);
  // Double submission is harmless.
  r = b.post_form("/s/submit", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(invitation(key).submitted_at, first.submitted_at);
  // Resume in another browser with the same link: the answers are there and can be changed.
  Browser phone = browser();
  EXPECT_EQ(phone.get("/s/" + token).status, 303);
  EXPECT_EQ(phone.get("/s").header("Location"), "/s/done");
  const auto page = phone.get("/s/p/collaboration");
  EXPECT_NE(page.body.find("value=\"" + sx + "\" checked"), std::string::npos);
  EXPECT_NE(page.body.find("bereits abgeschickt"), std::string::npos);
}

TEST_F(SurveyFlow, ClosedWaveAcceptsNoChanges) {
  const auto key = fresh_key();
  Browser b = consented(key);
  repo_->set_wave_status(seed_.wave_id, storage::WaveStatus::Closed);
  const auto r = b.post_form("/s/p/about", {{"i.own_fields", "energie"}, {"go", "next"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(repo_->list_answers(invitation(key).id).empty());
  EXPECT_NE(b.get("/s").body.find("Befragung beendet"), std::string::npos);
}

TEST_F(SurveyFlow, WithdrawDeletesAnswers) {
  const auto key = fresh_key();
  const auto [x, y] = two_others(key);
  Browser b = consented(key);
  b.post_form("/s/p/collaboration", {{"step", "select"}, {"a", std::to_string(x)}, {"go", "next"}});
  b.post_form("/s/p/about", {{"i.own_fields", "energie"}, {"go", "next"}});
  ASSERT_FALSE(ties(key, "zusammenarbeit").empty());
  b.get("/s/done");
  const auto r = b.post_form("/s/withdraw", {});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(repo_->active_consent(invitation(key).id));
  EXPECT_TRUE(ties(key, "zusammenarbeit").empty());
  EXPECT_TRUE(repo_->list_answers(invitation(key).id).empty());
  EXPECT_EQ(b.get("/s").status, 401) << "the session ended";
  (void)y;
}

TEST_F(SurveyFlow, LanguageSwitch) {
  Browser b = respondent(fresh_key());
  auto r = b.get("/lang?to=en&back=%2Fs");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/s");
  const auto page = b.get("/s");
  EXPECT_NE(page.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(page.body.find("Consent and data protection"), std::string::npos);
  // Only local paths are followed.
  EXPECT_EQ(b.get("/lang?to=de&back=https%3A%2F%2Fevil.example").header("Location"), "/");
  EXPECT_EQ(b.get("/lang?to=de&back=%2F%2Fevil.example").header("Location"), "/");
}

TEST_F(SurveyFlow, RespondentSessionReachesOnlyItsOwnInvitation) {
  const auto a_key = fresh_key(0), b_key = fresh_key(1);
  const auto [x, y] = two_others(a_key);
  Browser a = consented(a_key);
  Browser other = consented(b_key);
  a.post_form("/s/p/collaboration", {{"step", "select"}, {"a", std::to_string(x)}, {"go", "next"}});
  // B's pages never show A's answers, and B's saves never touch A's ties.
  EXPECT_EQ(
      other.get("/s/p/collaboration").body.find("value=\"" + std::to_string(x) + "\" checked"),
      std::string::npos);
  other.post_form("/s/p/collaboration",
                  {{"step", "select"}, {"a", std::to_string(y)}, {"go", "next"}});
  ASSERT_EQ(ties(a_key, "zusammenarbeit").size(), 1U);
  EXPECT_EQ(ties(a_key, "zusammenarbeit")[0].target, x);
  // A respondent cookie opens no admin page or API.
  EXPECT_EQ(a.get("/admin").status, 303);
  EXPECT_EQ(a.get("/api/v1/projects").status, 401);
  // A CSRF token of another session is useless.
  const std::string a_csrf = a.csrf();
  other.csrf() = a_csrf;
  EXPECT_EQ(other.post_form("/s/p/about", {{"i.own_fields", "energie"}}).status, 403);
}

TEST_F(SurveyFlow, HealthAndUnknownPaths) {
  Browser b = browser();
  EXPECT_EQ(b.get("/healthz").status, 200);
  EXPECT_EQ(b.get("/no/such/page").status, 404);
  Browser r = consented(fresh_key());
  EXPECT_EQ(r.get("/s/p/nonexistent").status, 404);
}

}  // namespace
}  // namespace kn::test
