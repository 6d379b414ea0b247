// The public aggregate view of a project (docs/map.md): /public/{slug} (HTML) and
// /api/v1/public/{slug} (JSON), without login, only while a researcher has switched the
// project's public view on. Aggregates by sector only (app::public_aggregates): no actor, no
// tie, no pseudonym; counts below the project's minimum group size are withheld. The map and the
// network dashboard for members live in admin_handlers.cpp and api_handlers.cpp.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <nlohmann/json.hpp>

#include "app/dashboard.hpp"
#include "server/web/map_pages.hpp"
#include "server/web/map_service.hpp"
#include "server/web/web_app.hpp"

namespace kn::web {

namespace {

using http::Request;
using http::Response;

struct PublicData {
  storage::Project project;
  MapData data;
  app::PublicModel model;
};

/// The project behind {slug} if its public view is on, with the aggregates of the request's
/// wave and relation; std::nullopt = 404 (unknown, switched off, or no such wave/relation).
std::optional<PublicData> public_data(WebApp& app, const Request& r) {
  const auto slug = r.param("slug");
  if (!slug) return std::nullopt;
  auto project = app.repo().find_project_by_slug(std::string(*slug));
  if (!project || !project->public_view) return std::nullopt;
  MapQuery q;
  q.project_id = project->id;
  q.wave = r.query_param("wave").value_or("");
  q.relation = r.query_param("relation").value_or("");
  q.names = false;
  q.with_layout = false;
  PublicData out;
  try {
    out.data = app.maps().load(q);
  } catch (const MapQueryError&) {
    return std::nullopt;
  }
  out.model = app::public_aggregates(out.data.model, project->public_min_group);
  out.project = *project;
  return out;
}

}  // namespace

void add_public_routes(WebApp& app, http::Router& router) {
  router.get("/public/{slug}", [&app](Request& r) {
    const auto lang = app.lang(r);
    const auto d = public_data(app, r);
    if (!d) return Response::text(app::tr(lang, "map.public.not_found") + "\n", 404);
    PublicView v;
    v.lang = lang;
    v.project = &d->project;
    v.data = &d->data;
    v.model = &d->model;
    v.path = r.path;
    return Response::html(render_public_page(v));
  });
  router.get("/api/v1/public/{slug}", [&app](Request& r) {
    const auto d = public_data(app, r);
    if (!d)
      return Response::json(
          nlohmann::json{{"error", {{"code", "not_found"}, {"message", "no public view"}}}}, 404);
    return Response::json_text(public_json(d->data, d->model, app.lang(r)).dump());
  });
}

}  // namespace kn::web
