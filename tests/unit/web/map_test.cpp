// The map area against a real server on the seeded demo (docs/map.md): the map JSON with
// stored, stable layouts; layout changes (new seed, positions from the browser) and their
// validation; views by role (names, pseudonyms, public aggregates without any actor); the map
// page shell with its catalogue island under the strict CSP; the network dashboard with links
// into the map; the public page switched on and off.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "storage/network_bridge.hpp"
#include "unit/web/admin_support.hpp"

namespace kn::test {
namespace {

using nlohmann::json;
using storage::Role;

class MapArea : public AdminFixture {
 protected:
  static json body(const RawResponse& r) { return json::parse(r.body); }
  std::string api() const { return "/api/v1/projects/" + seed_.project_slug; }

  Browser researcher() {
    make_user("forscherin@example.org", Role::Researcher, seed_.project_id, Role::Researcher);
    return login("forscherin@example.org");
  }
  Browser partner() {
    make_user("partner@example.org", Role::Partner, seed_.project_id, Role::Partner);
    return login("partner@example.org");
  }
  static RawResponse post_json(Browser& b, const std::string& target, const json& j,
                               bool csrf = true) {
    std::vector<std::pair<std::string, std::string>> extra;
    if (csrf) extra.emplace_back("X-CSRF-Token", b.csrf());
    return b.request("POST", target, j.dump(), "application/json", extra);
  }
  static std::map<std::string, std::pair<double, double>> positions(const json& map) {
    std::map<std::string, std::pair<double, double>> out;
    for (const auto& a : map["actors"])
      out[a["id"].get<std::string>()] = {a["x"].get<double>(), a["y"].get<double>()};
    return out;
  }
};

TEST_F(MapArea, MapJsonHasEveryActorPlacedAndTheTiesOfTheRelation) {
  Browser b = researcher();
  const auto r = b.get(api() + "/map");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
  const json m = body(r);
  EXPECT_EQ(m["wave"], "2026");
  EXPECT_EQ(m["relation"], "zusammenarbeit");
  EXPECT_EQ(m["desired_relation"], "wunsch");
  EXPECT_EQ(m["lang"], "de");
  EXPECT_TRUE(m["survey"].get<bool>());
  ASSERT_EQ(m["actors"].size(), 60U);
  std::set<std::pair<double, double>> distinct;
  std::set<std::string> ids;
  std::size_t responded = 0;
  for (const auto& a : m["actors"]) {
    ASSERT_TRUE(a["x"].is_number() && a["y"].is_number()) << a.dump();
    EXPECT_TRUE(std::isfinite(a["x"].get<double>()));
    distinct.insert({a["x"].get<double>(), a["y"].get<double>()});
    ids.insert(a["id"].get<std::string>());
    EXPECT_TRUE(a["measures"].contains("betweenness"));
    EXPECT_TRUE(a["measures"].contains("degree"));
    responded += a["responded"].get<bool>() ? 1U : 0U;
  }
  EXPECT_EQ(distinct.size(), 60U) << "two actors on the same spot";
  EXPECT_EQ(responded, seed_.submitted);
  std::size_t desired = 0, plain = 0;
  for (const auto& t : m["ties"]) {
    EXPECT_TRUE(ids.count(t["source"].get<std::string>()));
    EXPECT_TRUE(ids.count(t["target"].get<std::string>()));
    if (t["desired"].get<bool>()) {
      ++desired;
      EXPECT_EQ(t["relation"], "wunsch");
    } else {
      ++plain;
      EXPECT_EQ(t["relation"], "zusammenarbeit");
      if (!t["quality"].is_null()) {
        EXPECT_GE(t["quality"].get<double>(), 1.0);
        EXPECT_LE(t["quality"].get<double>(), 5.0);
      }
    }
  }
  EXPECT_GT(plain, 0U);
  EXPECT_GT(desired, 0U);
  // Sectors with colours and German labels; labels for every barrier key that occurs.
  ASSERT_FALSE(m["sectors"].empty());
  bool verwaltung = false;
  for (const auto& s : m["sectors"]) {
    EXPECT_EQ(s["color"].get<std::string>().size(), 7U);
    if (s["key"] == "verwaltung") {
      verwaltung = true;
      EXPECT_EQ(s["label"], "Verwaltung");
    }
  }
  EXPECT_TRUE(verwaltung);
  EXPECT_EQ(m["labels"]["broker_role"]["liaison"], "Verbindungsglied");
  EXPECT_EQ(m["layout"]["seed"], 42);
  EXPECT_EQ(m["layout"]["source"], "server");

  // English labels through the same catalogue.
  b.cookies()["__Host-kn_lang"] = "en";
  const json en = body(b.get(api() + "/map"));
  EXPECT_EQ(en["lang"], "en");
  bool collaboration = false;
  for (const auto& rel : en["relations"])
    if (rel["key"] == "zusammenarbeit") collaboration = rel["label"] == "Collaboration";
  EXPECT_TRUE(collaboration) << en["relations"].dump();
  EXPECT_EQ(en["labels"]["broker_role"]["liaison"], "Liaison");
}

TEST_F(MapArea, LayoutIsStoredAndStableAndRefinedWhenTheGraphChanges) {
  Browser b = researcher();
  const json first = body(b.get(api() + "/map"));
  const auto stored = repo_->find_layout(seed_.project_id, "wave=2026|relation=zusammenarbeit");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->positions.size(), 60U);
  const auto updated_at = stored->updated_at;
  const json again = body(b.get(api() + "/map"));
  EXPECT_EQ(positions(again), positions(first)) << "the picture must not change between visits";
  EXPECT_EQ(repo_->find_layout(seed_.project_id, stored->scope)->updated_at, updated_at);

  // Another relation has its own layout.
  const json info = body(b.get(api() + "/map?relation=information"));
  EXPECT_EQ(info["relation"], "information");
  EXPECT_TRUE(repo_->find_layout(seed_.project_id, "wave=2026|relation=information"));

  // A new tie changes the graph: the layout is refined from the stored positions.
  const auto actors = repo_->list_actors(seed_.project_id);
  kn::Network net = storage::load_network(*repo_, seed_.project_id, {{}, true, {}});
  const auto coll = *net.find_relation("zusammenarbeit");
  ActorIndex s = 0, t = 1;
  for (ActorIndex i = 0; i < net.actor_count(); ++i) {
    bool linked = false;
    for (TieIndex k = 0; k < net.tie_count(); ++k)
      linked = linked ||
               ((net.tie_source(k) == i || net.tie_target(k) == i) && net.tie_relation(k) == coll);
    if (!linked) {
      s = i;  // an isolate gets a partner
      break;
    }
  }
  t = s == 0 ? 1 : 0;
  kn::Network add;
  add.directed = true;
  add.add_actor(net.actor_id(s));
  add.add_actor(net.actor_id(t));
  add.add_tie(0, 1, add.relation("zusammenarbeit"), add.wave("2026"));
  storage::import_network(*repo_, seed_.project_id, add);
  const json after = body(b.get(api() + "/map"));
  const auto p0 = positions(first), p1 = positions(after);
  ASSERT_EQ(p0.size(), p1.size());
  EXPECT_NE(repo_->find_layout(seed_.project_id, stored->scope)->fingerprint, stored->fingerprint);
  // Most actors stay where they were. The map fits the camera to the picture, so a shift or a
  // uniform scaling is invisible: compare after the best translation and scale (least squares).
  double m0x = 0, m0y = 0, m1x = 0, m1y = 0;
  for (const auto& [id, xy] : p0) {
    m0x += xy.first / 60.0;
    m0y += xy.second / 60.0;
    m1x += p1.at(id).first / 60.0;
    m1y += p1.at(id).second / 60.0;
  }
  double dot = 0, norm = 0;
  for (const auto& [id, xy] : p0) {
    const auto& n = p1.at(id);
    dot += (xy.first - m0x) * (n.first - m1x) + (xy.second - m0y) * (n.second - m1y);
    norm += (n.first - m1x) * (n.first - m1x) + (n.second - m1y) * (n.second - m1y);
  }
  ASSERT_GT(norm, 0.0);
  const double scale = dot / norm;
  double minx = 1e300, maxx = -1e300;
  for (const auto& [id, xy] : p0) {
    minx = std::min(minx, xy.first);
    maxx = std::max(maxx, xy.first);
  }
  const double extent = maxx - minx;
  ASSERT_GT(extent, 0.0);
  std::size_t stayed = 0;
  for (const auto& [id, xy] : p0) {
    const auto& n = p1.at(id);
    const double x = m0x + scale * (n.first - m1x), y = m0y + scale * (n.second - m1y);
    if (std::hypot(x - xy.first, y - xy.second) < 0.1 * extent) ++stayed;
  }
  EXPECT_GE(stayed, 50U) << "a refinement should not redraw the whole picture (" << stayed
                         << " of 60 stayed)";
}

TEST_F(MapArea, ResearchersChangeTheLayoutPartnersCannot) {
  Browser b = researcher();
  const json before = body(b.get(api() + "/map"));
  b.get(base() + "/map");  // a page with the session's CSRF token
  auto r = post_json(b, api() + "/layout",
                     {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"seed", 7}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(r)["seed"], 7);
  const json reseeded = body(b.get(api() + "/map"));
  EXPECT_EQ(reseeded["layout"]["seed"], 7);
  EXPECT_NE(positions(reseeded), positions(before));

  // Positions refined in the browser are stored as they are.
  json pos = json::object();
  double k = 0;
  for (const auto& a : before["actors"]) {
    pos[a["id"].get<std::string>()] = {k, -k / 3.0};
    k += 1.5;
  }
  r = post_json(b, api() + "/layout",
                {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"positions", pos}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(r)["source"], "browser");
  const json saved = body(b.get(api() + "/map"));
  EXPECT_EQ(saved["layout"]["source"], "browser");
  for (const auto& a : saved["actors"]) {
    EXPECT_EQ(a["x"], pos[a["id"].get<std::string>()][0]);
    EXPECT_EQ(a["y"], pos[a["id"].get<std::string>()][1]);
  }

  // Validation: nothing stored on bad input.
  json missing = pos;
  missing.erase(missing.begin());
  EXPECT_EQ(post_json(b, api() + "/layout",
                      {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"positions", missing}})
                .status,
            400);
  json unknown = pos;
  unknown["kein-akteur"] = {0, 0};
  EXPECT_EQ(post_json(b, api() + "/layout",
                      {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"positions", unknown}})
                .status,
            400);
  json wrong = pos;
  wrong[wrong.begin().key()] = {"x", 1};
  EXPECT_EQ(post_json(b, api() + "/layout",
                      {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"positions", wrong}})
                .status,
            400);
  EXPECT_EQ(post_json(b, api() + "/layout",
                      {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"seed", -1}})
                .status,
            400);
  EXPECT_EQ(
      post_json(b, api() + "/layout", {{"wave", "2026"}, {"relation", "zusammenarbeit"}}).status,
      400);
  EXPECT_EQ(post_json(b, api() + "/layout",
                      {{"wave", "1999"}, {"relation", "zusammenarbeit"}, {"seed", 1}})
                .status,
            400);
  EXPECT_EQ(
      b.request("POST", api() + "/layout", "{", "application/json", {{"X-CSRF-Token", b.csrf()}})
          .status,
      400);
  EXPECT_EQ(post_json(b, api() + "/layout",
                      {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"seed", 3}}, false)
                .status,
            403);
  EXPECT_EQ(body(b.get(api() + "/map"))["layout"]["source"], "browser");

  Browser p = partner();
  p.get(base() + "/map");
  r = post_json(p, api() + "/layout",
                {{"wave", "2026"}, {"relation", "zusammenarbeit"}, {"seed", 9}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(body(r)["error"]["code"], "forbidden");
}

TEST_F(MapArea, PartnersSeePseudonymsOnly) {
  Browser p = partner();
  const auto r = p.get(api() + "/map");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(personal_data_in(r.body).empty()) << personal_data_in(r.body).front();
  std::set<std::string> pseudonyms;
  for (const auto& a : repo_->list_actors(seed_.project_id))
    pseudonyms.insert(a.pseudonym);
  for (const auto& a : body(r)["actors"]) {
    EXPECT_TRUE(pseudonyms.count(a["id"].get<std::string>())) << a["id"];
    EXPECT_EQ(a["label"], a["id"]);
  }
  const auto page = p.get(base() + "/dashboard");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(personal_data_in(page.body).empty()) << personal_data_in(page.body).front();
  EXPECT_EQ(page.body.find("name=\"public_view\""), std::string::npos)
      << "partners cannot switch the public view";
  // An outsider does not see the project at all.
  make_user("fremd@example.org", Role::Researcher);
  Browser o = login("fremd@example.org");
  EXPECT_EQ(o.get(api() + "/map").status, 404);
  EXPECT_EQ(o.get(base() + "/map").status, 404);
  EXPECT_EQ(browser().get(api() + "/map").status, 401);
}

TEST_F(MapArea, UnknownWaveOrRelationIsNotFound) {
  Browser b = researcher();
  EXPECT_EQ(b.get(api() + "/map?wave=1999").status, 404);
  EXPECT_EQ(b.get(api() + "/map?relation=konflikt").status, 404);
  EXPECT_EQ(b.get(api() + "/dashboard?relation=konflikt").status, 404);
  EXPECT_EQ(b.get(base() + "/dashboard?wave=1999").status, 404);
}

TEST_F(MapArea, MapPageIsAShellWithTheCatalogueUnderTheStrictCsp) {
  Browser b = researcher();
  const auto r = b.get(base() + "/map");
  ASSERT_EQ(r.status, 200);
  const auto csp = r.header("Content-Security-Policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp->find("unsafe"), std::string::npos);
  EXPECT_NE(r.body.find("id=\"kn-map\""), std::string::npos);
  EXPECT_NE(r.body.find("data-map-api=\"/api/v1/projects/musterstadt/map\""), std::string::npos);
  EXPECT_NE(r.body.find("data-can-edit=\"1\""), std::string::npos);
  const std::regex js("<script src=\"(/static/map-[0-9a-f]{10}\\.js)\" defer>");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, js)) << "the bundle is not linked";
  const auto bundle = b.get(m[1]);
  EXPECT_EQ(bundle.status, 200);
  EXPECT_GT(bundle.body.size(), 1000U);
  const std::regex worker("data-worker=\"(/static/layout-worker-[0-9a-f]{10}\\.js)\"");
  ASSERT_TRUE(std::regex_search(r.body, m, worker));
  EXPECT_EQ(b.get(m[1]).status, 200);
  // Every inline <script> is data, never code.
  const std::regex inline_script("<script(?![^>]*\\bsrc=)([^>]*)>");
  for (std::sregex_iterator it(r.body.begin(), r.body.end(), inline_script), end; it != end; ++it)
    EXPECT_NE((*it)[1].str().find("type=\"application/json\""), std::string::npos) << (*it)[0];
  const std::regex island("<script type=\"application/json\" id=\"kn-map-i18n\">([^<]*)</script>");
  ASSERT_TRUE(std::regex_search(r.body, m, island));
  const json de = json::parse(m[1].str());
  EXPECT_FALSE(de.empty());
  for (const auto& [key, value] : de.items())
    EXPECT_EQ(key.rfind("map.ui.", 0), 0U) << key;
  b.cookies()["__Host-kn_lang"] = "en";
  const auto en_page = b.get(base() + "/map");
  ASSERT_TRUE(std::regex_search(en_page.body, m, island));
  const json en = json::parse(m[1].str());
  EXPECT_EQ(en.size(), de.size());
  EXPECT_NE(en, de);
  EXPECT_NE(en_page.body.find("<html lang=\"en\""), std::string::npos);
  // Partners get the page read-only.
  Browser p = partner();
  EXPECT_NE(p.get(base() + "/map").body.find("data-can-edit=\"0\""), std::string::npos);
}

TEST_F(MapArea, DashboardAgreesWithTheMapAndLinksIntoIt) {
  Browser b = researcher();
  const json m = body(b.get(api() + "/map"));
  const json d = body(b.get(api() + "/dashboard"));
  std::size_t ties = 0;
  for (const auto& t : m["ties"])
    ties += t["desired"].get<bool>() ? 0U : 1U;
  EXPECT_EQ(d["key_figures"]["actors"], 60);
  EXPECT_EQ(d["key_figures"]["ties"], ties);
  EXPECT_EQ(d["key_figures"]["responded"], seed_.submitted);
  std::size_t cells = 0;
  for (const auto& row : d["matrix"])
    for (const auto& c : row)
      cells += c["ties"].get<std::size_t>();
  EXPECT_EQ(cells, ties);
  ASSERT_FALSE(d["rankings"]["central"].empty());
  EXPECT_EQ(d["rankings"]["central"][0]["rank"], 1);
  // The top actor by betweenness in the dashboard is rank 1 on the map too.
  const std::string top = d["rankings"]["central"][0]["id"];
  for (const auto& a : m["actors"])
    if (a["id"] == top) {
      EXPECT_EQ(a["ranks"]["betweenness"], 1);
    }
  ASSERT_FALSE(d["barriers"].empty());

  const auto page = b.get(base() + "/dashboard");
  ASSERT_EQ(page.status, 200);
  const std::string& h = page.body;
  EXPECT_NE(h.find("<table class=\"heat\""), std::string::npos);
  EXPECT_NE(h.find("/admin/p/musterstadt/map?wave=2026&amp;relation=zusammenarbeit&amp;sector="),
            std::string::npos);
  EXPECT_NE(h.find("&amp;barrier="), std::string::npos) << "barrier bars link into the map";
  EXPECT_NE(h.find("&amp;actor="), std::string::npos) << "rankings link into the map";
  EXPECT_NE(h.find("<svg class=\"bars\""), std::string::npos);
  EXPECT_NE(h.find("Hemmnisse"), std::string::npos);
  EXPECT_NE(h.find("name=\"public_view\""), std::string::npos);
  EXPECT_EQ(h.find(" style=\""), std::string::npos) << "inline styles break the CSP";
  // Other heat-map metrics.
  EXPECT_NE(b.get(base() + "/dashboard?metric=ties").body.find("heat-s"), std::string::npos);
  EXPECT_EQ(b.get(base() + "/dashboard?metric=density").status, 200);
}

TEST_F(MapArea, PublicViewOnlyWhenSwitchedOnAndWithoutAnyActor) {
  Browser anon = browser();
  EXPECT_EQ(anon.get("/public/musterstadt").status, 404);
  EXPECT_EQ(anon.get("/api/v1/public/musterstadt").status, 404);
  EXPECT_EQ(anon.get("/public/nowhere").status, 404);

  Browser p = partner();
  p.get(base() + "/dashboard");
  EXPECT_EQ(p.post_form(base() + "/public", {{"public_view", "1"}, {"min_group", "5"}}).status,
            403);
  Browser b = researcher();
  b.get(base() + "/dashboard");
  EXPECT_EQ(b.post_form(base() + "/public", {{"public_view", "1"}, {"min_group", "1"}}).status,
            400);
  EXPECT_EQ(b.post_form(base() + "/public", {{"public_view", "1"}, {"min_group", "x"}}).status,
            400);
  EXPECT_FALSE(repo_->find_project(seed_.project_id)->public_view);
  const auto on = b.post_form(base() + "/public", {{"public_view", "1"}, {"min_group", "6"}});
  EXPECT_EQ(on.status, 303);
  EXPECT_TRUE(repo_->find_project(seed_.project_id)->public_view);
  EXPECT_EQ(repo_->find_project(seed_.project_id)->public_min_group, 6);

  const auto page = anon.get("/public/musterstadt");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(personal_data_in(page.body).empty()) << personal_data_in(page.body).front();
  for (const auto& a : repo_->list_actors(seed_.project_id))
    EXPECT_EQ(page.body.find(a.pseudonym), std::string::npos) << a.pseudonym;
  EXPECT_NE(page.body.find("<table class=\"heat\""), std::string::npos);
  EXPECT_EQ(page.body.find("/admin/p/"), std::string::npos) << "no links into the member area";
  const json j = body(anon.get("/api/v1/public/musterstadt"));
  EXPECT_EQ(j["min_group"], 6);
  EXPECT_FALSE(j.contains("actors"));
  EXPECT_FALSE(j.contains("ties"));
  EXPECT_EQ(j["key_figures"]["actors"], 60);
  for (const auto& g : j["groups"])
    if (!g["actors"].is_null()) {
      EXPECT_GE(g["actors"].get<int>(), 6);
    }
  for (const auto& row : j["matrix"])
    for (const auto& c : row)
      if (!c["ties"].is_null()) {
        EXPECT_GE(c["ties"].get<int>(), 6);
      }
  for (const auto& x : j["barriers"])
    if (!x["count"].is_null()) {
      EXPECT_GE(x["count"].get<int>(), 6);
    }

  // The public page and its JSON never compute or store a layout.
  EXPECT_FALSE(repo_->find_layout(seed_.project_id, "wave=2026|relation=zusammenarbeit"));

  EXPECT_EQ(b.post_form(base() + "/public", {{"min_group", "6"}}).status, 303);  // unticked: off
  EXPECT_EQ(anon.get("/public/musterstadt").status, 404);
}

}  // namespace
}  // namespace kn::test
