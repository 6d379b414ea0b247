#pragma once
// Server-rendered pages of the map area (docs/map.md): the map page (a shell the browser bundle
// fills), the network dashboard (key figures, sector x sector heat map, rankings, barrier and
// enabler charts as inline SVG, every item a link into the map) and the public page with
// aggregates only. Pure functions from models to HTML; names appear only as the MapModel holds
// them (the handler loads pseudonyms for partners).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <string>

#include "app/dashboard.hpp"
#include "report/svg.hpp"
#include "server/web/admin_pages.hpp"
#include "server/web/map_service.hpp"

namespace kn::web {

struct MapPageView {
  std::string map_api, layout_api, worker_url;
  bool can_edit = false;
};
std::string render_map_page(const AdminContext& ctx, const MapPageView& view);

enum class HeatMetric { Ties, Density, Quality };

struct NetworkDashboardView {
  const MapData* data = nullptr;
  const app::DashboardModel* dashboard = nullptr;
  HeatMetric metric = HeatMetric::Quality;
  bool can_publish = false;  ///< may switch the public page on/off (researcher, admin)
};
std::string render_network_dashboard(const AdminContext& ctx, const NetworkDashboardView& view);

struct PublicView {
  app::Lang lang = app::Lang::De;
  const storage::Project* project = nullptr;
  const MapData* data = nullptr;
  const app::PublicModel* model = nullptr;
  std::string path;  ///< for the language switch
};
std::string render_public_page(const PublicView& view);

/// The bar chart of the dashboard is the report's (report/svg.hpp).
using report::BarItem;
using report::svg_bar_chart;

/// The catalogue keys the map bundle needs (prefix "map.ui."), as a JSON object text that is
/// safe inside <script type="application/json"> ("</" escaped).
std::string map_ui_catalogue(app::Lang lang);

}  // namespace kn::web
