#pragma once
// Server-rendered pages of the map area (docs/map.md): the map page (a shell the browser bundle
// fills), the network dashboard (key figures, sector x sector heat map, rankings, barrier and
// enabler charts as inline SVG, every item a link into the map) and the public page with
// aggregates only. Pure functions from models to HTML; names appear only as the MapModel holds
// them (the handler loads pseudonyms for partners).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <string>

#include "app/dashboard.hpp"
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

/// A horizontal bar chart as inline SVG: one bar per item with its label and count; each bar a
/// link when `hrefs` is given (same length). Values >= 0; the longest bar spans the width.
struct BarItem {
  std::string label;  ///< plain text
  double value = 0.0;
  std::string value_text;  ///< shown at the bar's end (plain text)
  std::string href;        ///< empty = no link
};
std::string svg_bar_chart(const std::vector<BarItem>& items, const std::string& title);

/// The catalogue keys the map bundle needs (prefix "map.ui."), as a JSON object text that is
/// safe inside <script type="application/json"> ("</" escaped).
std::string map_ui_catalogue(app::Lang lang);

}  // namespace kn::web
