#pragma once
// Building blocks of the HTML pages and the report: HTML escaping, numbers in the language's
// notation, sector colours and inline SVG figures (bar charts). Pure functions; the report
// (report_html.hpp) and the server's dashboard pages (server/web/map_pages.hpp) draw with them,
// so the same chart looks the same in both.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <string>
#include <string_view>
#include <vector>

#include "app/i18n.hpp"

namespace kn::report {

/// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

/// A number with `digits` decimals in the language's notation (German decimal comma); "–" for
/// NaN or infinity.
std::string decimal(app::Lang lang, double v, int digits);
/// A share 0..1 as a percentage ("12 %" / "12%"; one decimal below 10 %); "–" if undefined.
std::string percent(app::Lang lang, double share);

/// Key of a Gould-Fernandez role (analysis/brokerage/gould_fernandez.hpp BrokerageRole 0..4:
/// coordinator, itinerant, representative, gatekeeper, liaison); "" for -1 (none).
std::string_view broker_role_key(int role);

/// Colour of a sector on the map, dashboard, report and exports (colour-blind-safe Okabe-Ito
/// order for the seven domain sectors, then a fixed list; grey for none / "other").
std::string sector_colour(const std::string& sector);

/// Label of a data key (sector, field, barrier, enabler, relation, ...) from the catalogue key
/// "<prefix>.<key>", else the key itself; the catalogue's "map.none" for an empty key.
std::string data_label(app::Lang lang, std::string_view prefix, const std::string& key);

/// A horizontal bar chart as inline SVG: one bar per item with its label and value text; each
/// bar a link when `href` is given. Values >= 0; the longest bar spans the width. Labels longer
/// than 44 code points end in "…" (the full label is in the bar's <title>).
struct BarItem {
  std::string label;  ///< plain text
  double value = 0.0;
  std::string value_text;  ///< shown at the bar's end (plain text)
  std::string href;        ///< empty = no link
  std::string colour;      ///< empty = the default blue
};
std::string svg_bar_chart(const std::vector<BarItem>& items, const std::string& title);

}  // namespace kn::report
