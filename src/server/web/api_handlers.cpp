// The JSON API (/api/v1/...), for scripts, the coming network map and dashboards. The OpenAPI
// 3.1 document at /api/v1/openapi.json describes every route; a test checks that each route
// registered here appears there. Authentication: the admin login session cookie (same-origin
// use from the browser; CSRF: the server's Origin/Sec-Fetch-Site check plus the X-CSRF-Token
// header for state-changing calls). Object-level authorisation: a project is visible only to
// its members (404 otherwise); partners get pseudonyms only.
//
//   GET  /api/v1/openapi.json                                  public
//   GET  /api/v1/me                                            the logged-in user and projects
//   GET  /api/v1/projects                                      projects of the user
//   GET  /api/v1/projects/{slug}                               project, waves, counts
//   GET  /api/v1/projects/{slug}/waves/{wave}/responses        response counts by sector
//   GET  /api/v1/projects/{slug}/network?wave=&names=          the network (KlimaNetze JSON)
//   POST /api/v1/projects/{slug}/waves/{wave}/status           {"status": "open"|"closed"}
//   GET  /api/v1/projects/{slug}/map?wave=&relation=           the map (docs/map.md)
//   POST /api/v1/projects/{slug}/layout                        new seed or refined positions
//   GET  /api/v1/projects/{slug}/dashboard?wave=&relation=     the dashboard's numbers
//   GET  /api/v1/projects/{slug}/report?format=&lang=&wave=&relation=&names=
//                                                              the city report (a file)

#include <nlohmann/json.hpp>

#include "app/dashboard.hpp"
#include "core/io/json_format.hpp"
#include "server/web/map_service.hpp"
#include "server/web/report_download.hpp"
#include "server/web/secrets.hpp"
#include "server/web/web_app.hpp"
#include "storage/network_bridge.hpp"

namespace kn::web {

namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using storage::Id;

Response api_error(int status, const std::string& code, const std::string& message) {
  return Response::json(json{{"error", {{"code", code}, {"message", message}}}}, status);
}

json project_json(const storage::Project& p) {
  return {{"slug", p.slug},
          {"name", p.name},
          {"lang", p.lang},
          {"retention_until", p.retention_until},
          {"created_at", p.created_at}};
}

json wave_json(const storage::Wave& w) {
  return {{"id", w.id},
          {"name", w.name},
          {"status", std::string(storage::to_string(w.status))},
          {"position", w.position},
          {"opened_at", w.opened_at},
          {"closed_at", w.closed_at}};
}

class Api {
 public:
  explicit Api(WebApp& app) : app_(app) {}

  void add_routes(http::Router& router) {
    router.get("/api/v1/openapi.json", [](Request&) { return Response::json(openapi()); });
    router.get("/api/v1/me",
               [this](Request& r) { return authed(r, [&](const Auth& a) { return me(a); }); });
    router.get("/api/v1/projects", [this](Request& r) {
      return authed(r, [&](const Auth& a) { return projects(a); });
    });
    router.get("/api/v1/projects/{slug}", [this](Request& r) {
      return in_project(
          r, [&](const Auth&, const storage::Project& p, storage::Role) { return project(p); });
    });
    router.get("/api/v1/projects/{slug}/waves/{wave}/responses", [this](Request& r) {
      return in_project(r, [&](const Auth&, const storage::Project& p, storage::Role) {
        return responses(r, p);
      });
    });
    router.get("/api/v1/projects/{slug}/network", [this](Request& r) {
      return in_project(r, [&](const Auth& a, const storage::Project& p, storage::Role role) {
        return network(r, a, p, role);
      });
    });
    router.post("/api/v1/projects/{slug}/waves/{wave}/status", [this](Request& r) {
      return in_project(r, [&](const Auth& a, const storage::Project& p, storage::Role role) {
        return wave_status(r, a, p, role);
      });
    });
    router.get("/api/v1/projects/{slug}/map", [this](Request& r) {
      return in_project(r, [&](const Auth&, const storage::Project& p, storage::Role role) {
        return map(r, p, role);
      });
    });
    router.get("/api/v1/projects/{slug}/dashboard", [this](Request& r) {
      return in_project(r, [&](const Auth&, const storage::Project& p, storage::Role role) {
        return dashboard(r, p, role);
      });
    });
    router.get("/api/v1/projects/{slug}/report", [this](Request& r) {
      return in_project(r, [&](const Auth& a, const storage::Project& p, storage::Role role) {
        return report(r, a, p, role);
      });
    });
    // Positions of a whole map: up to ~50,000 actors at ~40 bytes each.
    http::RouteOptions layout_body;
    layout_body.max_body = std::size_t{4} * 1024 * 1024;
    router.post(
        "/api/v1/projects/{slug}/layout",
        [this](Request& r) {
          return in_project(r, [&](const Auth& a, const storage::Project& p, storage::Role role) {
            return layout(r, a, p, role);
          });
        },
        layout_body);
  }

  /// The OpenAPI document (also the list of routes the tests compare against).
  static json openapi() {
    auto op = [](const char* summary, const char* tag, json extra = json::object()) {
      json o = {{"summary", summary},
                {"tags", {tag}},
                {"responses",
                 {{"200", {{"description", "OK"}}}, {"401", {{"description", "not logged in"}}}}}};
      for (auto& [k, v] : extra.items())
        o[k] = v;
      return o;
    };
    const json slug = {
        {"name", "slug"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
    const json wave = {{"name", "wave"},
                       {"in", "path"},
                       {"required", true},
                       {"schema", {{"type", "string"}}},
                       {"description", "wave name"}};
    json doc;
    doc["openapi"] = "3.1.0";
    doc["info"] = {{"title", "KlimaNetze API"},
                   {"version", "1"},
                   {"license", {{"name", "GPL-3.0-or-later"}}},
                   {"description",
                    "Survey administration and network data of KlimaNetze. Authentication: the "
                    "login session cookie "
                    "(__Host-kn_user); state-changing calls also need the X-CSRF-Token header. "
                    "Projects are visible "
                    "to their members only; partners see pseudonyms."}};
    doc["components"]["securitySchemes"]["session"] = {
        {"type", "apiKey"}, {"in", "cookie"}, {"name", std::string(kUserCookie)}};
    doc["security"] = json::array({{{"session", json::array()}}});
    doc["paths"]["/api/v1/openapi.json"]["get"] =
        op("This document", "meta", {{"security", json::array()}});
    doc["paths"]["/api/v1/me"]["get"] = op("The logged-in user, its role and projects", "users");
    doc["paths"]["/api/v1/projects"]["get"] = op("Projects the user may see", "projects");
    doc["paths"]["/api/v1/projects/{slug}"]["get"] =
        op("A project with its waves and counts", "projects", {{"parameters", {slug}}});
    doc["paths"]["/api/v1/projects/{slug}/waves/{wave}/responses"]["get"] =
        op("Response monitoring: invited, started and submitted by sector", "waves",
           {{"parameters", {slug, wave}}});
    doc["paths"]["/api/v1/projects/{slug}/network"]["get"] =
        op("The network in KlimaNetze JSON (docs/formats.md); pseudonymised unless a researcher "
           "asks for names",
           "network",
           {{"parameters",
             {slug,
              {{"name", "wave"},
               {"in", "query"},
               {"required", false},
               {"schema", {{"type", "string"}}}},
              {{"name", "names"},
               {"in", "query"},
               {"required", false},
               {"schema", {{"type", "string"}, {"enum", {"0", "1"}}}}}}}});
    json status_schema = {{"type", "object"}, {"required", json::array({"status"})}};
    status_schema["properties"]["status"] = {{"type", "string"},
                                             {"enum", json::array({"draft", "open", "closed"})}};
    json body;
    body["required"] = true;
    body["content"]["application/json"]["schema"] = status_schema;
    const json csrf = {{"name", "X-CSRF-Token"},
                       {"in", "header"},
                       {"required", true},
                       {"schema", {{"type", "string"}}}};
    doc["paths"]["/api/v1/projects/{slug}/waves/{wave}/status"]["post"] =
        op("Open or close a wave (researchers and admins)", "waves",
           {{"parameters", json::array({slug, wave, csrf})}, {"requestBody", body}});
    const json wave_q = {{"name", "wave"},
                         {"in", "query"},
                         {"required", false},
                         {"schema", {{"type", "string"}}},
                         {"description", "wave name; default the latest wave"}};
    const json relation_q = {{"name", "relation"},
                             {"in", "query"},
                             {"required", false},
                             {"schema", {{"type", "string"}}},
                             {"description", "relation; default zusammenarbeit"}};
    doc["paths"]["/api/v1/projects/{slug}/map"]["get"] =
        op("The map of one relation and wave: actors with stored positions, measures and ranks, "
           "ties with quality, barriers, reciprocity and desired ties (docs/map.md); partners "
           "get pseudonyms",
           "map", {{"parameters", json::array({slug, wave_q, relation_q})}});
    doc["paths"]["/api/v1/projects/{slug}/dashboard"]["get"] =
        op("Key figures, sector x sector matrix, rankings and barrier/enabler frequencies", "map",
           {{"parameters", json::array({slug, wave_q, relation_q})}});
    json report_op =
        op("The city report of one wave and relation as a file: HTML, PDF (needs Chromium on the "
           "server) or xlsx (docs/report.md); pseudonymised unless a researcher or admin asks for "
           "names",
           "report",
           {{"parameters",
             json::array({slug,
                          {{"name", "format"},
                           {"in", "query"},
                           {"required", false},
                           {"schema", {{"type", "string"}, {"enum", {"html", "pdf", "xlsx"}}}},
                           {"description", "default html"}},
                          {{"name", "lang"},
                           {"in", "query"},
                           {"required", false},
                           {"schema", {{"type", "string"}, {"enum", {"de", "en"}}}},
                           {"description", "default the request's language"}},
                          wave_q,
                          relation_q,
                          {{"name", "names"},
                           {"in", "query"},
                           {"required", false},
                           {"schema", {{"type", "string"}, {"enum", {"0", "1"}}}}}})}});
    report_op["responses"]["200"]["content"] = {
        {"text/html", {{"schema", {{"type", "string"}}}}},
        {"application/pdf", {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    report_op["responses"]["400"] = {{"description", "unknown format or language"}};
    report_op["responses"]["403"] = {{"description", "names asked for by a partner"}};
    report_op["responses"]["404"] = {{"description", "no such project, wave or relation"}};
    report_op["responses"]["503"] = {{"description", "PDF asked for and no Chromium installed"}};
    doc["paths"]["/api/v1/projects/{slug}/report"]["get"] = report_op;
    json layout_schema = {{"type", "object"}, {"required", json::array({"wave", "relation"})}};
    layout_schema["properties"]["wave"] = {{"type", "string"}};
    layout_schema["properties"]["relation"] = {{"type", "string"}};
    layout_schema["properties"]["seed"] = {{"type", "integer"}, {"minimum", 0}};
    layout_schema["properties"]["positions"] = {
        {"type", "object"},
        {"additionalProperties",
         {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2}}}};
    json layout_body;
    layout_body["required"] = true;
    layout_body["content"]["application/json"]["schema"] = layout_schema;
    doc["paths"]["/api/v1/projects/{slug}/layout"]["post"] =
        op("Lay the map out again with a seed, or store positions refined in the browser "
           "(researchers and admins)",
           "map", {{"parameters", json::array({slug, csrf})}, {"requestBody", layout_body}});
    doc["paths"]["/api/v1/public/{slug}"]["get"] =
        op("Public aggregates by sector with the minimum group size (only when the project's "
           "public view is on)",
           "map",
           {{"parameters", json::array({slug, wave_q, relation_q})}, {"security", json::array()}});
    return doc;
  }

 private:
  WebApp& app_;

  struct Auth {
    storage::Session session;
    storage::User user;
  };

  template <typename Body>
  Response authed(Request& r, Body&& body) {
    const auto s = app_.session(r, storage::SessionKind::User);
    if (!s) return api_error(401, "unauthenticated", "log in first");
    const auto u = app_.repo().find_user(s->user_id);
    if (!u || u->disabled) return api_error(401, "unauthenticated", "log in first");
    if (http::is_state_changing(r.method)) {
      const auto token = r.header("X-CSRF-Token");
      if (!token || !equal_secret(*token, s->csrf_token))
        return api_error(403, "csrf", "missing or wrong X-CSRF-Token");
    }
    return body(Auth{*s, *u});
  }

  template <typename Body>
  Response in_project(Request& r, Body&& body) {
    return authed(r, [&](const Auth& a) {
      const auto slug = r.param("slug");
      const auto p = slug ? app_.repo().find_project_by_slug(std::string(*slug)) : std::nullopt;
      const auto role = p ? app_.repo().project_role(p->id, a.user.id) : std::nullopt;
      // Not a member: the project does not exist for this user.
      if (!p || !role) return api_error(404, "not_found", "no such project");
      return body(a, *p, *role);
    });
  }

  std::optional<storage::Wave> wave_of(const Request& r, const storage::Project& p) {
    const auto name = r.param("wave") ? r.param("wave") : r.query_param("wave");
    if (!name) return std::nullopt;
    for (const auto& w : app_.repo().list_waves(p.id))
      if (w.name == *name) return w;
    return std::nullopt;
  }

  Response me(const Auth& a) {
    json projects = json::array();
    for (const auto& p : app_.repo().list_projects_for_user(a.user.id)) {
      const auto role = app_.repo().project_role(p.id, a.user.id);
      projects.push_back({{"slug", p.slug},
                          {"name", p.name},
                          {"role", role ? std::string(storage::to_string(*role)) : ""}});
    }
    return Response::json({{"email", a.user.email},
                           {"display_name", a.user.display_name},
                           {"role", std::string(storage::to_string(a.user.role))},
                           {"csrf_token", a.session.csrf_token},
                           {"projects", projects}});
  }

  Response projects(const Auth& a) {
    json out = json::array();
    for (const auto& p : app_.repo().list_projects_for_user(a.user.id))
      out.push_back(project_json(p));
    return Response::json({{"projects", out}});
  }

  Response project(const storage::Project& p) {
    json waves = json::array();
    for (const auto& w : app_.repo().list_waves(p.id))
      waves.push_back(wave_json(w));
    auto out = project_json(p);
    out["waves"] = waves;
    out["actors"] = app_.repo().list_actors(p.id).size();
    return Response::json(out);
  }

  Response responses(const Request& r, const storage::Project& p) {
    const auto w = wave_of(r, p);
    if (!w) return api_error(404, "not_found", "no such wave");
    json rows = json::array();
    std::size_t invited = 0, started = 0, submitted = 0;
    for (const auto& c : app_.repo().response_counts(w->id)) {
      rows.push_back(
          {{"sector", c.sector},
           {"invited", c.invited},
           {"started", c.started},
           {"submitted", c.submitted},
           {"response_rate",
            c.invited ? static_cast<double>(c.submitted) / static_cast<double>(c.invited) : 0.0}});
      invited += c.invited;
      started += c.started;
      submitted += c.submitted;
    }
    return Response::json(
        {{"wave", wave_json(*w)},
         {"invited", invited},
         {"started", started},
         {"submitted", submitted},
         {"response_rate",
          invited ? static_cast<double>(submitted) / static_cast<double>(invited) : 0.0},
         {"by_sector", rows}});
  }

  Response network(const Request& r, const Auth& a, const storage::Project& p, storage::Role role) {
    storage::LoadOptions lo;
    if (r.query_param("wave")) {
      const auto w = wave_of(r, p);
      if (!w) return api_error(404, "not_found", "no such wave");
      lo.waves.push_back(w->id);
    }
    const auto names = r.query_param("names");
    lo.names = names && *names == "1";
    if (lo.names && role == storage::Role::Partner)
      return api_error(403, "forbidden", "partners see pseudonyms only");
    const auto net = storage::load_network(app_.repo(), p.id, lo);
    app_.audit(a.user.id, p.id, "export.api", "project:" + std::to_string(p.id),
               lo.names ? "names=1" : "names=0");
    return Response::json_text(io::write_json(net));
  }

  static MapQuery map_query(const Request& r, const storage::Project& p, storage::Role role) {
    MapQuery q;
    q.project_id = p.id;
    q.wave = r.query_param("wave").value_or("");
    q.relation = r.query_param("relation").value_or("");
    q.names = role != storage::Role::Partner;
    return q;
  }

  Response map(const Request& r, const storage::Project& p, storage::Role role) {
    try {
      const auto data = app_.maps().load(map_query(r, p, role));
      return Response::json_text(map_json(data, p, app_.lang(r)).dump());
    } catch (const MapQueryError& e) {
      return api_error(404, "not_found", e.what());
    }
  }

  Response dashboard(const Request& r, const storage::Project& p, storage::Role role) {
    try {
      MapQuery q = map_query(r, p, role);
      q.with_layout = false;
      const auto data = app_.maps().load(q);
      const auto d = app::dashboard(data.model);
      return Response::json_text(dashboard_json(data, d, app_.lang(r)).dump());
    } catch (const MapQueryError& e) {
      return api_error(404, "not_found", e.what());
    }
  }

  Response report(const Request& r, const Auth& a, const storage::Project& p, storage::Role role) {
    auto d = report_download(app_, p, role, a.user.id, r);
    if (d.status != 200) return api_error(d.status, d.code, d.message);
    return std::move(d.response);
  }

  Response layout(const Request& r, const Auth& a, const storage::Project& p, storage::Role role) {
    if (role == storage::Role::Partner)
      return api_error(403, "forbidden", "partners cannot change the layout");
    if (r.content_type() != "application/json")
      return api_error(415, "unsupported_media_type", "send application/json");
    LayoutRequest req;
    try {
      req = parse_layout_request(r.body);
    } catch (const MapQueryError& e) {
      return api_error(400, "bad_request", e.what());
    }
    MapQuery q;
    q.project_id = p.id;
    q.wave = req.wave;
    q.relation = req.relation;
    q.names = true;  // the browser sends the ids it was given: keys for researchers
    const bool has_seed = req.seed.has_value();
    try {
      const storage::StoredLayout stored = has_seed ? app_.maps().relayout(q, *req.seed)
                                                    : app_.maps().save_positions(q, req.positions);
      app_.audit(a.user.id, p.id, "layout.save", "project:" + std::to_string(p.id),
                 has_seed ? "seed" : "positions");
      return Response::json({{"seed", stored.seed},
                             {"source", stored.source},
                             {"iterations", stored.iterations},
                             {"updated_at", stored.updated_at}});
    } catch (const MapQueryError& e) {
      return api_error(400, "bad_request", e.what());
    }
  }

  Response wave_status(const Request& r, const Auth& a, const storage::Project& p,
                       storage::Role role) {
    if (role == storage::Role::Partner)
      return api_error(403, "forbidden", "partners cannot change waves");
    const auto w = wave_of(r, p);
    if (!w) return api_error(404, "not_found", "no such wave");
    if (r.content_type() != "application/json")
      return api_error(415, "unsupported_media_type", "send application/json");
    json body;
    try {
      body = json::parse(r.body);
    } catch (const json::exception&) {
      return api_error(400, "bad_json", "the body is not valid JSON");
    }
    if (!body.is_object() || !body.contains("status") || !body["status"].is_string())
      return api_error(400, "bad_request", "expected {\"status\": \"open\"|\"closed\"|\"draft\"}");
    const auto status = storage::parse_wave_status(body["status"].get<std::string>());
    if (!status) return api_error(400, "bad_request", "status must be draft, open or closed");
    const auto updated = app_.repo().set_wave_status(w->id, *status);
    app_.audit(a.user.id, p.id, "wave.status", "wave:" + std::to_string(w->id),
               std::string(storage::to_string(*status)));
    return Response::json(wave_json(updated));
  }
};

}  // namespace

void add_api_routes(WebApp& app, http::Router& router) {
  auto api = std::make_shared<Api>(app);
  api->add_routes(router);
  app.keep(api);
}

nlohmann::json openapi_document() {
  return Api::openapi();
}

}  // namespace kn::web
