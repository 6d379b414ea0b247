// The JSON API against a real server: the OpenAPI document lists every route, authentication
// and object-level authorisation per role, pseudonymised network export, and the CSRF header
// and body validation of the state-changing call.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/io/json_format.hpp"
#include "server/web/secrets.hpp"
#include "unit/web/web_fixture.hpp"

namespace kn::test {
namespace {

using nlohmann::json;

/// Every API route the server registers (api_handlers.cpp), with the demo's values filled in.
const std::vector<std::pair<std::string, std::string>> kRoutes = {
    {"GET", "/api/v1/me"},
    {"GET", "/api/v1/projects"},
    {"GET", "/api/v1/projects/musterstadt"},
    {"GET", "/api/v1/projects/musterstadt/waves/2026/responses"},
    {"GET", "/api/v1/projects/musterstadt/network"},
    {"POST", "/api/v1/projects/musterstadt/waves/2026/status"},
    {"GET", "/api/v1/projects/musterstadt/map"},
    {"GET", "/api/v1/projects/musterstadt/dashboard"},
    {"POST", "/api/v1/projects/musterstadt/layout"},
    {"GET", "/api/v1/projects/musterstadt/report"},
};

class Api : public WebFixture {
 protected:
  /// Creates a user with a role and (unless admin) a membership in the demo project.
  Browser user(storage::Role role, bool member) {
    storage::User u;
    u.email = std::string(storage::to_string(role)) + (member ? "" : "-outsider") +
              "@musterstadt.example";
    u.display_name = "Test";
    u.role = role;
    u.password_hash = web::hash_password("Ein-langes-Passwort-2026");
    u = repo_->create_user(u);
    if (member && role != storage::Role::Admin) repo_->set_membership(seed_.project_id, u.id, role);
    Browser b = browser();
    b.get("/admin/login");
    const auto r =
        b.post_form("/admin/login", {{"email", u.email}, {"password", "Ein-langes-Passwort-2026"}});
    EXPECT_EQ(r.status, 303) << r.body;
    return b;
  }
  static json body(const RawResponse& r) { return json::parse(r.body); }
};

TEST_F(Api, OpenApiDocumentListsEveryRoute) {
  Browser b = browser();
  const auto r = b.get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
  const auto doc = body(r);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      documented.insert(method + " " + path);
      EXPECT_TRUE(op.contains("summary")) << path;
      if (op.contains("parameters")) {
        EXPECT_TRUE(op["parameters"].is_array()) << path;
      }
    }
  }
  std::set<std::string> expected = {"get /api/v1/openapi.json",
                                    "get /api/v1/me",
                                    "get /api/v1/projects",
                                    "get /api/v1/projects/{slug}",
                                    "get /api/v1/projects/{slug}/waves/{wave}/responses",
                                    "get /api/v1/projects/{slug}/network",
                                    "post /api/v1/projects/{slug}/waves/{wave}/status",
                                    "get /api/v1/projects/{slug}/map",
                                    "get /api/v1/projects/{slug}/dashboard",
                                    "post /api/v1/projects/{slug}/layout",
                                    "get /api/v1/projects/{slug}/report",
                                    "get /api/v1/public/{slug}"};
  EXPECT_EQ(documented, expected);
}

TEST_F(Api, EveryRouteNeedsALogin) {
  Browser anon = browser();
  for (const auto& [method, path] : kRoutes) {
    const auto r = anon.request(method, path, "{}", "application/json");
    EXPECT_EQ(r.status, 401) << method << " " << path;
    EXPECT_EQ(body(r)["error"]["code"], "unauthenticated");
  }
}

TEST_F(Api, AdminSeesTheProject) {
  Browser a = admin();
  auto me = body(a.get("/api/v1/me"));
  EXPECT_EQ(me["email"], seed_.admin_email);
  EXPECT_EQ(me["role"], "admin");
  EXPECT_EQ(me["csrf_token"].get<std::string>().size(), 43U);
  const auto projects = body(a.get("/api/v1/projects"))["projects"];
  ASSERT_EQ(projects.size(), 1U);
  EXPECT_EQ(projects[0]["slug"], "musterstadt");
  const auto project = body(a.get("/api/v1/projects/musterstadt"));
  EXPECT_EQ(project["actors"], 60);
  EXPECT_EQ(project["waves"][0]["status"], "open");
  const auto responses = body(a.get("/api/v1/projects/musterstadt/waves/2026/responses"));
  EXPECT_EQ(responses["invited"], 60);
  EXPECT_EQ(responses["submitted"], seed_.submitted);
  std::size_t sum = 0;
  for (const auto& row : responses["by_sector"])
    sum += row["invited"].get<std::size_t>();
  EXPECT_EQ(sum, 60U);
  EXPECT_EQ(a.get("/api/v1/projects/musterstadt/waves/1999/responses").status, 404);
  EXPECT_EQ(a.get("/api/v1/projects/nowhere").status, 404);
}

TEST_F(Api, NetworkIsPseudonymisedUnlessAResearcherAsksForNames) {
  Browser researcher = user(storage::Role::Researcher, true);
  const auto actors = repo_->list_actors(seed_.project_id);
  const auto pseudo = researcher.get("/api/v1/projects/musterstadt/network?wave=2026");
  ASSERT_EQ(pseudo.status, 200) << pseudo.body;
  const auto net = io::read_json(pseudo.body, "api");
  EXPECT_EQ(net.actor_count(), actors.size());
  EXPECT_GT(net.tie_count(), 0U);
  for (const auto& a : actors) {
    EXPECT_EQ(pseudo.body.find(a.name), std::string::npos) << a.name;
    EXPECT_EQ(pseudo.body.find(a.contact_email), std::string::npos);
  }
  EXPECT_NE(pseudo.body.find(actors[0].pseudonym), std::string::npos);
  const auto named = researcher.get("/api/v1/projects/musterstadt/network?names=1");
  ASSERT_EQ(named.status, 200);
  EXPECT_NE(named.body.find(json(actors[0].name).dump()), std::string::npos);
  // Exports are audited, without names.
  bool audited = false;
  for (const auto& e : repo_->list_audit(seed_.project_id)) {
    if (e.action == "export.api") audited = true;
    for (const auto& a : actors)
      EXPECT_EQ(e.detail.find(a.name), std::string::npos);
  }
  EXPECT_TRUE(audited);
}

TEST_F(Api, PartnersSeePseudonymsOnlyAndCannotChangeWaves) {
  Browser partner = user(storage::Role::Partner, true);
  EXPECT_EQ(partner.get("/api/v1/projects/musterstadt/network").status, 200);
  EXPECT_EQ(partner.get("/api/v1/projects/musterstadt/network?names=1").status, 403);
  const std::string csrf = body(partner.get("/api/v1/me"))["csrf_token"];
  const auto r =
      partner.request("POST", "/api/v1/projects/musterstadt/waves/2026/status",
                      R"({"status":"closed"})", "application/json", {{"X-CSRF-Token", csrf}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(repo_->find_wave(seed_.wave_id)->status, storage::WaveStatus::Open);
}

TEST_F(Api, NonMembersDoNotSeeTheProject) {
  Browser outsider = user(storage::Role::Researcher, false);
  EXPECT_TRUE(body(outsider.get("/api/v1/projects"))["projects"].empty());
  for (const auto& [method, path] : kRoutes) {
    if (path == "/api/v1/me" || path == "/api/v1/projects") continue;
    const std::string csrf = body(outsider.get("/api/v1/me"))["csrf_token"];
    const auto r = outsider.request(method, path, R"({"status":"closed"})", "application/json",
                                    {{"X-CSRF-Token", csrf}});
    EXPECT_EQ(r.status, 404) << method << " " << path;
  }
  EXPECT_EQ(repo_->find_wave(seed_.wave_id)->status, storage::WaveStatus::Open);
}

TEST_F(Api, WaveStatusNeedsTheCsrfHeaderAndValidJson) {
  Browser a = admin();
  const std::string csrf = body(a.get("/api/v1/me"))["csrf_token"];
  const std::string url = "/api/v1/projects/musterstadt/waves/2026/status";
  EXPECT_EQ(a.request("POST", url, R"({"status":"closed"})", "application/json").status, 403);
  EXPECT_EQ(
      a.request("POST", url, R"({"status":"closed"})", "application/json", {{"X-CSRF-Token", "x"}})
          .status,
      403);
  EXPECT_EQ(a.request("POST", url, "status=closed", "application/x-www-form-urlencoded",
                      {{"X-CSRF-Token", csrf}})
                .status,
            415);
  EXPECT_EQ(a.request("POST", url, "{", "application/json", {{"X-CSRF-Token", csrf}}).status, 400);
  EXPECT_EQ(a.request("POST", url, R"({"status":"sleeping"})", "application/json",
                      {{"X-CSRF-Token", csrf}})
                .status,
            400);
  EXPECT_EQ(a.request("POST", url, R"({"status":7})", "application/json", {{"X-CSRF-Token", csrf}})
                .status,
            400);
  EXPECT_EQ(repo_->find_wave(seed_.wave_id)->status, storage::WaveStatus::Open);
  // Cross-site requests are refused before the handler, whatever the header says.
  EXPECT_EQ(a.request("POST", url, R"({"status":"closed"})", "application/json",
                      {{"X-CSRF-Token", csrf}, {"Origin", "https://evil.example"}})
                .status,
            403);
  const auto ok = a.request("POST", url, R"({"status":"closed"})", "application/json",
                            {{"X-CSRF-Token", csrf}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(body(ok)["status"], "closed");
  EXPECT_EQ(repo_->find_wave(seed_.wave_id)->status, storage::WaveStatus::Closed);
}

}  // namespace
}  // namespace kn::test
