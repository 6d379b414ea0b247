// Admin area, authentication: login (ok, wrong password, unknown user, disabled user), rate
// limits with 429 and recovery, session cookie attributes, a new session on every login,
// logout with server-side deletion (the old cookie replayed is rejected), CSRF token and
// foreign Origin, anonymous access, language.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <thread>

#include "unit/web/admin_support.hpp"

namespace kn::test {
namespace {

using storage::Role;

class AdminAuth : public AdminFixture {};

TEST_F(AdminAuth, LoginPageIsAFormWithTokenAndNoStore) {
  Browser b = browser();
  const auto r = b.get("/admin/login");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("name=\"password\""), std::string::npos);
  EXPECT_NE(r.body.find("name=\"csrf\""), std::string::npos);
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_NE(r.header("Content-Type").value_or("").find("charset=utf-8"), std::string::npos);
  EXPECT_NE(r.body.find("Anmeldung"), std::string::npos);  // German by default
}

TEST_F(AdminAuth, LoginOkGivesAHostCookieWithAllAttributes) {
  Browser b = browser();
  b.get("/admin/login");
  const auto r = b.post_form("/admin/login",
                             {{"email", seed_.admin_email}, {"password", seed_.admin_password}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location").value_or(""), "/admin/projects");
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.rfind("__Host-kn_user=", 0) == 0) cookie = v;
  ASSERT_FALSE(cookie.empty());
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Max-Age"), std::string::npos) << cookie;  // ends with the browser
  const auto page = b.get("/admin/projects");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Musterstadt 2026"), std::string::npos);
  EXPECT_NE(page.body.find(seed_.admin_email), std::string::npos);
}

TEST_F(AdminAuth, WrongPasswordAndUnknownUserGetTheSameGenericAnswer) {
  Browser b = browser();
  b.get("/admin/login");
  const auto wrong = b.post_form(
      "/admin/login", {{"email", seed_.admin_email}, {"password", "falsch-falsch-falsch"}});
  b.get("/admin/login");
  const auto unknown = b.post_form("/admin/login", {{"email", "niemand@musterstadt.example"},
                                                    {"password", "falsch-falsch-falsch"}});
  for (const auto* r : {&wrong, &unknown}) {
    EXPECT_EQ(r->status, 200);
    EXPECT_NE(r->body.find("E-Mail-Adresse oder Passwort falsch."), std::string::npos);
    for (const auto& [k, v] : r->headers)
      EXPECT_NE(v.rfind("__Host-kn_user=", 0), 0U) << v;
  }
  EXPECT_FALSE(b.cookies().contains("__Host-kn_user"));
  EXPECT_EQ(b.get("/admin/projects").status, 303);
  // Failures are audited without the e-mail address.
  bool audited = false;
  for (const auto& e : repo_->list_audit(0, 50)) {
    if (e.action == "login.failed") audited = true;
    EXPECT_EQ(e.detail.find('@'), std::string::npos);
    EXPECT_EQ(e.object.find('@'), std::string::npos);
  }
  EXPECT_TRUE(audited);
}

TEST_F(AdminAuth, DisabledUserIsRefusedAndLosesSessions) {
  auto u = make_user("forschung@uni.example", Role::Researcher, seed_.project_id);
  Browser active = login(u.email);
  EXPECT_EQ(active.get(base()).status, 200);
  u.disabled = true;
  repo_->update_user(u);
  // An existing session of a disabled user is not accepted any more.
  EXPECT_EQ(active.get(base()).status, 303);
  Browser b = browser();
  b.get("/admin/login");
  const auto r = b.post_form("/admin/login", {{"email", u.email}, {"password", kPassword}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("E-Mail-Adresse oder Passwort falsch."), std::string::npos);
  EXPECT_FALSE(b.cookies().contains("__Host-kn_user"));
}

TEST_F(AdminAuth, LoginWithoutTokenIsForbidden) {
  Browser b = browser();
  b.get("/admin/login");
  const auto r = b.post_form(
      "/admin/login", {{"email", seed_.admin_email}, {"password", seed_.admin_password}}, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_FALSE(b.cookies().contains("__Host-kn_user"));
}

TEST_F(AdminAuth, EmailIsCaseInsensitive) {
  Browser b = browser();
  b.get("/admin/login");
  const auto r = b.post_form("/admin/login", {{"email", " ADMIN@Musterstadt.example "},
                                              {"password", seed_.admin_password}});
  EXPECT_EQ(r.status, 303);
}

class AdminAccountLimit : public AdminFixture {
  void configure(web::WebOptions& o) override { o.login_per_account = {2, 0.5, 100}; }
};

TEST_F(AdminAccountLimit, TooManyAttemptsGive429ThenRecover) {
  Browser b = browser();
  for (int i = 0; i < 2; ++i) {
    b.get("/admin/login");
    EXPECT_EQ(b.post_form("/admin/login",
                          {{"email", seed_.admin_email}, {"password", "nicht-das-passwort"}})
                  .status,
              200);
  }
  b.get("/admin/login");
  auto r = b.post_form("/admin/login",
                       {{"email", seed_.admin_email}, {"password", seed_.admin_password}});
  EXPECT_EQ(r.status, 429);
  ASSERT_TRUE(r.header("Retry-After"));
  EXPECT_GE(std::stoi(*r.header("Retry-After")), 1);
  EXPECT_NE(r.body.find("Zu viele Anmeldeversuche"), std::string::npos);
  EXPECT_FALSE(b.cookies().contains("__Host-kn_user"));
  // Other accounts are not affected by this account's bucket.
  auto u = make_user("partner@partner.example", Role::Partner, seed_.project_id, Role::Partner);
  b.get("/admin/login");
  EXPECT_EQ(b.post_form("/admin/login", {{"email", u.email}, {"password", kPassword}}).status, 303);
  // Recovery: one token after two seconds.
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  Browser c = browser();
  c.get("/admin/login");
  r = c.post_form("/admin/login",
                  {{"email", seed_.admin_email}, {"password", seed_.admin_password}});
  EXPECT_EQ(r.status, 303);
}

class AdminIpLimit : public AdminFixture {
  void configure(web::WebOptions& o) override { o.login_per_ip = {3, 0.5, 100}; }
};

TEST_F(AdminIpLimit, ManyAccountsFromOneAddressGive429) {
  Browser b = browser();
  int limited = 0;
  for (int i = 0; i < 5; ++i) {
    b.get("/admin/login");
    const auto r = b.post_form(
        "/admin/login", {{"email", "user" + std::to_string(i) + "@x.example"}, {"password", "x"}});
    if (r.status == 429) {
      ++limited;
      EXPECT_TRUE(r.header("Retry-After"));
    }
  }
  EXPECT_GE(limited, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  b.get("/admin/login");
  EXPECT_EQ(b.post_form("/admin/login",
                        {{"email", seed_.admin_email}, {"password", seed_.admin_password}})
                .status,
            303);
}

TEST_F(AdminAuth, EveryLoginStartsANewSession) {
  Browser b = admin();
  const std::string first = b.cookies().at("__Host-kn_user");
  Browser again = browser();
  again.get("/admin/login");
  again.cookies()["__Host-kn_user"] = first;  // a planted (fixated) session cookie
  ASSERT_EQ(again
                .post_form("/admin/login",
                           {{"email", seed_.admin_email}, {"password", seed_.admin_password}})
                .status,
            303);
  const std::string second = again.cookies().at("__Host-kn_user");
  EXPECT_NE(first, second);
  // The replaced session is gone server-side.
  Browser old = browser();
  old.cookies()["__Host-kn_user"] = first;
  EXPECT_EQ(old.get("/admin/projects").status, 303);
}

TEST_F(AdminAuth, LogoutDeletesTheSessionAndTheOldCookieIsRejected) {
  Browser b = admin();
  ASSERT_EQ(b.get("/admin/projects").status, 200);
  const std::string cookie = b.cookies().at("__Host-kn_user");
  const std::string csrf = b.csrf();
  const auto out = b.post_form("/admin/logout", {});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.header("Location").value_or(""), "/admin/login");
  EXPECT_FALSE(b.cookies().contains("__Host-kn_user"));
  EXPECT_FALSE(repo_->find_session(web::token_hash(cookie), app_->now()));
  Browser replay = browser();
  replay.cookies()["__Host-kn_user"] = cookie;
  const auto g = replay.get("/admin/projects");
  EXPECT_EQ(g.status, 303);
  EXPECT_EQ(g.header("Location").value_or(""), "/admin/login");
  replay.csrf() = csrf;
  EXPECT_EQ(replay.post_form("/admin/p/" + seed_.project_slug + "/waves", {{"name", "x"}}).status,
            401);
}

TEST_F(AdminAuth, AnonymousRequestsAreSentToLoginOr401) {
  Browser b = browser();
  for (const std::string path :
       {"/admin", "/admin/projects", "/admin/users", "/admin/p/musterstadt",
        "/admin/p/musterstadt/actors", "/admin/p/nope/export"}) {
    const auto r = b.get(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.header("Location").value_or(""), "/admin/login") << path;
  }
  for (const std::string path : {"/admin/projects", "/admin/users", "/admin/p/musterstadt/waves",
                                 "/admin/p/musterstadt/erase", "/admin/logout"}) {
    const auto r = b.post_form(path, {{"name", "x"}});
    EXPECT_TRUE(r.status == 401 || (path == "/admin/logout" && r.status == 303))
        << path << " " << r.status;
  }
}

TEST_F(AdminAuth, PostWithoutTokenOrFromForeignOriginIsForbidden) {
  Browser b = admin();
  b.get("/admin/projects");
  const std::size_t waves = repo_->list_waves(seed_.project_id).size();
  EXPECT_EQ(b.post_form(base() + "/waves", {{"name", "ohne-token"}}, false).status, 403);
  EXPECT_EQ(
      b.post_form(base() + "/waves",
                  {{"name", "falsch"}, {"csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}},
                  false)
          .status,
      403);
  EXPECT_EQ(b.post_form(base() + "/waves", {{"name", "fremd"}}, true,
                        {{"Origin", "http://127.0.0.1:1"}, {"Sec-Fetch-Site", "cross-site"}})
                .status,
            403);
  EXPECT_EQ(repo_->list_waves(seed_.project_id).size(), waves);
  EXPECT_EQ(b.post_form(base() + "/waves", {{"name", "2027"}}).status, 303);
  EXPECT_EQ(repo_->list_waves(seed_.project_id).size(), waves + 1);
}

TEST_F(AdminAuth, EnglishThroughTheSameCatalogues) {
  Browser b = browser();
  const auto r = b.get("/admin/login", {{"Accept-Language", "en-GB,en;q=0.9"}});
  EXPECT_NE(r.body.find("Log in"), std::string::npos);
  EXPECT_NE(r.body.find("lang=\"en\""), std::string::npos);
  Browser a = admin();
  a.cookies()["__Host-kn_lang"] = "en";
  const auto d = a.get(base());
  EXPECT_NE(d.body.find("Responses by sector"), std::string::npos);
  a.cookies()["__Host-kn_lang"] = "de";
  EXPECT_NE(a.get(base()).body.find("Rücklauf nach Sektor"), std::string::npos);
}

}  // namespace
}  // namespace kn::test
