// Map area pages (see map_pages.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "server/web/map_pages.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "server/web/html.hpp"

namespace kn::web {

namespace {

using app::Lang;

std::string num(Lang lang, double v, int digits) {
  return report::decimal(lang, v, digits);
}

using report::percent;

std::string count(std::size_t n) {
  return std::to_string(n);
}

std::string shown_count(Lang lang, const app::Shown& v, int min_group) {
  if (!v) return tf(lang, "map.public.withheld", {std::to_string(min_group)});
  return esc(num(lang, *v, 0));
}

std::string sector_label(Lang lang, const std::string& key) {
  return esc(data_label(lang, "sector", key));
}

/// Query string of a map link with the dashboard's wave and relation.
std::string map_link(const std::string& base, const MapData& data, const std::string& extra) {
  std::string h = base + "/map?wave=" + url_component(data.model.wave) +
                  "&relation=" + url_component(data.model.relation);
  if (!extra.empty()) h += "&" + extra;
  return h;
}

std::string selection_form(Lang lang, const std::string& action, const MapData& data,
                           const std::string& metric) {
  std::string h = "<form method=\"get\" action=\"" + esc(action) + "\" class=\"selection\">";
  h += "<label>" + t(lang, "map.wave") + " <select name=\"wave\">";
  for (const auto& w : data.model.waves)
    h += "<option value=\"" + esc(w) + "\"" + (w == data.model.wave ? " selected" : "") + ">" +
         esc(w) + "</option>";
  h += "</select></label> <label>" + t(lang, "map.relation") + " <select name=\"relation\">";
  for (const auto& r : data.model.relations)
    h += "<option value=\"" + esc(r) + "\"" + (r == data.model.relation ? " selected" : "") + ">" +
         esc(data_label(lang, "relation", r)) + "</option>";
  h += "</select></label>";
  if (!metric.empty()) h += "<input type=\"hidden\" name=\"metric\" value=\"" + esc(metric) + "\">";
  h += " <button type=\"submit\">" + t(lang, "map.show") + "</button></form>";
  return h;
}

/// Heat class of a cell: quality 1..5 diverging (q1..q5), ties/density sequential (s0..s5).
std::string heat_class(HeatMetric metric, const app::SectorCell& c, double max_value) {
  if (metric == HeatMetric::Quality) {
    if (!c.rated) return "heat-none";
    const int q = std::clamp(static_cast<int>(std::lround(c.mean_quality)), 1, 5);
    return "heat-q" + std::to_string(q);
  }
  const double v = metric == HeatMetric::Ties ? static_cast<double>(c.ties) : c.density;
  if (!std::isfinite(v) || v <= 0.0 || max_value <= 0.0) return "heat-s0";
  const int level = std::clamp(static_cast<int>(std::ceil(5.0 * v / max_value)), 1, 5);
  return "heat-s" + std::to_string(level);
}

std::string key_figure(const std::string& label_html, const std::string& value_html) {
  return "<div class=\"figure\"><dt>" + label_html + "</dt><dd>" + value_html + "</dd></div>";
}

}  // namespace

std::string map_ui_catalogue(Lang lang) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& key : app::catalogue_keys(lang))
    if (key.rfind("map.ui.", 0) == 0) j[key] = app::tr(lang, key);
  std::string text = j.dump();
  // Inside <script> only "</" could end the element early.
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string render_map_page(const AdminContext& ctx, const MapPageView& view) {
  const Lang lang = ctx.lang;
  std::string h = "<h1 class=\"map-title\">" + t(lang, "map.title") + "</h1>";
  h += "<div id=\"kn-map\" data-map-api=\"" + esc(view.map_api) + "\" data-layout-api=\"" +
       esc(view.layout_api) + "\" data-csrf=\"" + esc(ctx.csrf) + "\" data-can-edit=\"" +
       (view.can_edit ? "1" : "0") + "\" data-worker=\"" + esc(view.worker_url) +
       "\" data-lang=\"" + std::string(app::lang_code(lang)) + "\" data-project=\"" +
       esc(ctx.project ? ctx.project->slug : "") + "\"></div>";
  h += "<script type=\"application/json\" id=\"kn-map-i18n\">" + map_ui_catalogue(lang) +
       "</script>";
  h += "<noscript><p class=\"notice\">" + t(lang, "map.noscript") + "</p></noscript>";
  return admin_page(ctx, app::tr(lang, "map.title"), h);
}

std::string render_network_dashboard(const AdminContext& ctx, const NetworkDashboardView& view) {
  const Lang lang = ctx.lang;
  const MapData& data = *view.data;
  const app::DashboardModel& d = *view.dashboard;
  const std::string base = "/admin/p/" + ctx.project->slug;
  const std::string metric_key = view.metric == HeatMetric::Ties      ? "ties"
                                 : view.metric == HeatMetric::Density ? "density"
                                                                      : "quality";
  std::string h = "<h1>" + t(lang, "map.dash.title") + "</h1>";
  h += selection_form(lang, base + "/dashboard", data, metric_key);
  h += "<p><a class=\"button\" href=\"" + esc(map_link(base, data, "")) + "\">" +
       t(lang, "map.dash.open_map") + "</a></p>";

  // Key figures.
  const auto& s = d.summary;
  h += "<section aria-labelledby=\"kf\"><h2 id=\"kf\">" + t(lang, "map.dash.key_figures") +
       "</h2><dl class=\"figures\">";
  h += key_figure(t(lang, "map.kf.actors"), count(s.actors));
  if (data.survey)
    h += key_figure(t(lang, "map.kf.response_rate"),
                    esc(percent(lang, s.invited ? static_cast<double>(s.responded) / s.invited
                                                : std::nan(""))) +
                        " <small>" +
                        tf(lang, "map.kf.responded_of", {count(s.responded), count(s.invited)}) +
                        "</small>");
  h += key_figure(t(lang, "map.kf.ties"), count(s.ties));
  h += key_figure(t(lang, "map.kf.density"), esc(num(lang, s.density, 3)));
  h += key_figure(t(lang, "map.kf.reciprocity"), esc(percent(lang, s.reciprocity)));
  h += key_figure(t(lang, "map.kf.components"),
                  count(s.components) + " <small>" +
                      tf(lang, "map.kf.isolates", {count(s.isolates)}) + "</small>");
  h += key_figure(t(lang, "map.kf.difficult"),
                  "<a href=\"" + esc(map_link(base, data, "qmax=2")) + "\">" +
                      count(d.difficult_ties) + "</a> <small>" +
                      tf(lang, "map.kf.of_rated", {count(d.rated_ties)}) + "</small>");
  h += "</dl></section>";

  // Sector x sector heat map.
  h += "<section aria-labelledby=\"heat\"><h2 id=\"heat\">" + t(lang, "map.dash.heat") + "</h2>";
  h += "<p class=\"metric\">" + t(lang, "map.dash.metric") + ": ";
  for (const auto& [key, label] :
       std::vector<std::pair<std::string, std::string>>{{"quality", "map.dash.metric.quality"},
                                                        {"ties", "map.dash.metric.ties"},
                                                        {"density", "map.dash.metric.density"}}) {
    const std::string href = base + "/dashboard?wave=" + url_component(data.model.wave) +
                             "&relation=" + url_component(data.model.relation) + "&metric=" + key;
    if (key == metric_key) {
      h += "<strong aria-current=\"true\">" + t(lang, label) + "</strong> ";
    } else {
      h += "<a href=\"" + esc(href) + "\">" + t(lang, label) + "</a> ";
    }
  }
  h += "</p>";
  double max_value = 0.0;
  for (const auto& row : d.matrix)
    for (const auto& c : row)
      max_value = std::max(max_value, view.metric == HeatMetric::Ties ? static_cast<double>(c.ties)
                                      : std::isfinite(c.density)      ? c.density
                                                                      : 0.0);
  h += "<div class=\"scroll\"><table class=\"heat\"><caption>" + t(lang, "map.dash.heat_caption") +
       "</caption><thead><tr><th scope=\"col\">" + t(lang, "map.dash.from_to") + "</th>";
  for (const auto& sector : d.sectors)
    h += "<th scope=\"col\">" + sector_label(lang, sector) + "</th>";
  h += "</tr></thead><tbody>";
  for (std::size_t a = 0; a < d.sectors.size(); ++a) {
    h += "<tr><th scope=\"row\">" + sector_label(lang, d.sectors[a]) + " <small>(" +
         count(d.sector_sizes[a]) + ")</small></th>";
    for (std::size_t b = 0; b < d.sectors.size(); ++b) {
      const auto& c = d.matrix[a][b];
      std::string value = view.metric == HeatMetric::Ties      ? count(c.ties)
                          : view.metric == HeatMetric::Density ? num(lang, c.density, 3)
                                                               : num(lang, c.mean_quality, 1);
      const std::string title =
          tf(lang, "map.dash.cell_title",
             {data_label(lang, "sector", d.sectors[a]), data_label(lang, "sector", d.sectors[b]),
              count(c.ties), num(lang, c.density, 3), num(lang, c.mean_quality, 1),
              count(c.difficult)});
      std::string sectors = url_component(d.sectors[a]);
      if (b != a) sectors += "," + url_component(d.sectors[b]);
      h += "<td class=\"" + heat_class(view.metric, c, max_value) + "\"><a href=\"" +
           esc(map_link(base, data, "sector=" + sectors)) + "\" title=\"" + title + "\">" +
           esc(value) +
           (c.difficult ? " <span class=\"difficult\">⚠" + count(c.difficult) + "</span>" : "") +
           "</a></td>";
    }
    h += "</tr>";
  }
  h += "</tbody></table></div>";
  if (view.metric == HeatMetric::Quality) {
    h += "<p class=\"heat-legend\">";
    for (int q = 1; q <= 5; ++q)
      h += "<span class=\"heat-q" + std::to_string(q) + "\">" + std::to_string(q) + " " +
           t(lang, "map.quality." + std::to_string(q)) + "</span> ";
    h += "</p>";
  }
  h += "</section>";

  // Rankings.
  auto ranking = [&](const char* title_key, const std::vector<app::RankingRow>& rows,
                     const char* value_key, int digits, bool roles) {
    std::string r = "<section class=\"ranking\"><h3>" + t(lang, title_key) + "</h3>";
    if (rows.empty()) return r + "<p>" + t(lang, "map.dash.none") + "</p></section>";
    r += "<table><thead><tr><th scope=\"col\">" + t(lang, "map.dash.rank") +
         "</th><th scope=\"col\">" + t(lang, "map.dash.actor") + "</th><th scope=\"col\">" +
         t(lang, "map.dash.sector") + "</th><th scope=\"col\" class=\"num\">" + t(lang, value_key) +
         "</th>" +
         (roles ? "<th scope=\"col\">" + t(lang, "map.dash.role") + "</th>" : std::string()) +
         "</tr></thead><tbody>";
    for (const auto& row : rows) {
      const auto& a = data.model.actors[row.actor];
      r += "<tr><td>" + count(row.rank) + "</td><td><a href=\"" +
           esc(map_link(base, data, "actor=" + url_component(a.id))) + "\">" + esc(a.label) +
           "</a></td><td>" + sector_label(lang, a.sector) + "</td><td class=\"num\">" +
           esc(num(lang, row.value, digits)) + "</td>";
      if (roles)
        r += "<td>" +
             (row.role >= 0 ? t(lang, "role." + std::string(broker_role_key(row.role)))
                            : std::string("–")) +
             "</td>";
      r += "</tr>";
    }
    return r + "</tbody></table></section>";
  };
  h += "<section aria-labelledby=\"rk\"><h2 id=\"rk\">" + t(lang, "map.dash.rankings") +
       "</h2><div class=\"rankings\">";
  h += ranking("map.dash.central", d.central, "measure.betweenness", 1, false);
  h += ranking("map.dash.brokers", d.brokers, "measure.brokerage", 0, true);
  h += ranking("map.dash.constrained", d.constrained, "measure.constraint", 3, false);
  h += "</div></section>";

  // Barriers and enablers.
  auto chart = [&](const char* title_key, const std::vector<app::Frequency>& f,
                   std::string_view prefix, const char* param, std::size_t base_count) {
    std::string r = "<section class=\"chart\"><h3>" + t(lang, title_key) + "</h3>";
    if (f.empty()) return r + "<p>" + t(lang, "map.dash.none") + "</p></section>";
    std::vector<BarItem> items;
    for (const auto& x : f)
      items.push_back({data_label(lang, prefix, x.key), static_cast<double>(x.count),
                       count(x.count) + " (" + percent(lang, x.share) + ")",
                       param[0]
                           ? map_link(base, data, std::string(param) + "=" + url_component(x.key))
                           : std::string(),
                       ""});
    r += svg_bar_chart(items, app::tr(lang, title_key));
    r += "<p class=\"note\">" + tf(lang, "map.dash.share_note", {count(base_count)}) + "</p>";
    return r + "</section>";
  };
  h += "<section aria-labelledby=\"be\"><h2 id=\"be\">" + t(lang, "map.dash.barriers_enablers") +
       "</h2><div class=\"charts\">";
  h += chart("map.dash.barriers", d.barriers, "barrier", "barrier", d.ties_with_barriers);
  h += chart("map.dash.enablers", d.enablers, "enabler", "", d.ties_with_enablers);
  h += "</div></section>";

  // Response by sector.
  if (data.survey) {
    h += "<section aria-labelledby=\"rs\"><h2 id=\"rs\">" + t(lang, "map.dash.response") +
         "</h2><table><thead><tr><th scope=\"col\">" + t(lang, "map.dash.sector") +
         "</th><th scope=\"col\" class=\"num\">" + t(lang, "map.kf.actors") +
         "</th><th scope=\"col\" class=\"num\">" + t(lang, "map.dash.responded") +
         "</th><th scope=\"col\" class=\"num\">" + t(lang, "map.kf.response_rate") +
         "</th></tr></thead><tbody>";
    for (const auto& r : d.response)
      h += "<tr><th scope=\"row\"><a href=\"" +
           esc(map_link(base, data, "sector=" + url_component(r.sector))) + "\">" +
           sector_label(lang, r.sector) + "</a></th><td class=\"num\">" + count(r.actors) +
           "</td><td class=\"num\">" + count(r.responded) + "</td><td class=\"num\">" +
           esc(percent(lang,
                       r.invited ? static_cast<double>(r.responded) / r.invited : std::nan(""))) +
           "</td></tr>";
    h += "</tbody></table></section>";
  }

  // The city report of this wave and relation (report_download.hpp), in the page's language.
  const std::string report = base + "/report?wave=" + url_component(data.model.wave) +
                             "&relation=" + url_component(data.model.relation) +
                             "&lang=" + std::string(app::lang_code(lang));
  auto report_links = [&](const std::string& extra) {
    std::string r;
    for (const auto& [format, key] : std::array<std::pair<const char*, const char*>, 3>{
             {{"html", "map.report.html"}, {"pdf", "map.report.pdf"}, {"xlsx", "map.report.xlsx"}}})
      r += "<a class=\"button\" href=\"" + esc(report + "&format=" + format + extra) + "\">" +
           t(lang, key) + "</a> ";
    return r;
  };
  h += "<section aria-labelledby=\"rep\" class=\"report\"><h2 id=\"rep\">" +
       t(lang, "map.report.title") + "</h2>";
  h += "<p>" +
       tf(lang, "map.report.intro",
          {data.model.wave, data_label(lang, "relation", data.model.relation)}) +
       "</p>";
  h += "<p class=\"downloads\">" + report_links("") + "</p>";
  if (ctx.names) {
    h += "<p class=\"downloads\">" + t(lang, "map.report.with_names") + ": " +
         report_links("&names=1") + "</p>";
    h += "<p class=\"note\">" + t(lang, "map.report.names_note") + "</p>";
  }
  h += "</section>";

  // The public page.
  const auto& p = *ctx.project;
  h += "<section aria-labelledby=\"pub\"><h2 id=\"pub\">" + t(lang, "map.public.title") + "</h2>";
  h += "<p>" +
       (p.public_view ? tf(lang, "map.public.on", {"/public/" + p.slug})
                      : t(lang, "map.public.off")) +
       "</p>";
  if (p.public_view)
    h += "<p><a href=\"/public/" + esc(p.slug) + "\">/public/" + esc(p.slug) + "</a></p>";
  if (view.can_publish) {
    h += "<form method=\"post\" action=\"" + esc(base + "/public") + "\" class=\"publish\">" +
         csrf_field(ctx.csrf);
    h += "<label><input type=\"checkbox\" name=\"public_view\" value=\"1\"" +
         std::string(p.public_view ? " checked" : "") + "> " + t(lang, "map.public.enable") +
         "</label> ";
    h += "<label>" + t(lang, "map.public.min_group") +
         " <input type=\"number\" name=\"min_group\" min=\"2\" max=\"100\" value=\"" +
         std::to_string(p.public_min_group) + "\"></label> ";
    h += "<button type=\"submit\">" + t(lang, "map.public.save") + "</button></form>";
  }
  h += "</section>";
  return admin_page(ctx, app::tr(lang, "map.dash.title"), h);
}

std::string render_public_page(const PublicView& view) {
  const Lang lang = view.lang;
  const auto& p = *view.model;
  const MapData& data = *view.data;
  std::string h = "<h1>" + tf(lang, "map.public.heading", {view.project->name}) + "</h1>";
  h += "<p>" +
       tf(lang, "map.public.intro",
          {data_label(lang, "relation", data.model.relation), data.model.wave,
           std::to_string(p.min_group)}) +
       "</p>";
  h += selection_form(lang, "/public/" + view.project->slug, data, "");
  h += "<section aria-labelledby=\"kf\"><h2 id=\"kf\">" + t(lang, "map.dash.key_figures") +
       "</h2><dl class=\"figures\">";
  auto figure = [&](const char* key, const app::Shown& v, bool as_percent, int digits) {
    std::string value = !v ? tf(lang, "map.public.withheld", {std::to_string(p.min_group)})
                        : as_percent ? esc(percent(lang, *v))
                                     : esc(num(lang, *v, digits));
    h += key_figure(t(lang, key), value);
  };
  figure("map.kf.actors", p.actors, false, 0);
  if (data.survey) figure("map.kf.response_rate", p.response_rate, true, 0);
  figure("map.kf.ties", p.ties, false, 0);
  figure("map.kf.density", p.density, false, 3);
  figure("map.kf.reciprocity", p.reciprocity, true, 0);
  figure("map.kf.components", p.components, false, 0);
  h += "</dl></section>";

  h += "<section aria-labelledby=\"heat\"><h2 id=\"heat\">" + t(lang, "map.dash.heat") +
       "</h2><div class=\"scroll\"><table class=\"heat\"><caption>" +
       t(lang, "map.public.heat_caption") + "</caption><thead><tr><th scope=\"col\">" +
       t(lang, "map.dash.from_to") + "</th>";
  auto group_label = [&](const std::string& g) {
    return g == "other" ? t(lang, "map.public.other") : sector_label(lang, g);
  };
  for (const auto& g : p.groups)
    h += "<th scope=\"col\">" + group_label(g) + "</th>";
  h += "</tr></thead><tbody>";
  for (std::size_t a = 0; a < p.groups.size(); ++a) {
    h += "<tr><th scope=\"row\">" + group_label(p.groups[a]) + " <small>(" +
         shown_count(lang, p.group_sizes[a], p.min_group) + ")</small></th>";
    for (std::size_t b = 0; b < p.groups.size(); ++b) {
      const auto& c = p.matrix[a][b];
      std::string cls = "heat-none";
      if (c.mean_quality)
        cls = "heat-q" +
              std::to_string(std::clamp(static_cast<int>(std::lround(*c.mean_quality)), 1, 5));
      h += "<td class=\"" + cls + "\">";
      if (!c.ties) {
        h += tf(lang, "map.public.withheld", {std::to_string(p.min_group)});
      } else {
        h += esc(num(lang, *c.ties, 0));
        if (c.mean_quality) h += " · Ø " + esc(num(lang, *c.mean_quality, 1));
      }
      h += "</td>";
    }
    h += "</tr>";
  }
  h += "</tbody></table></div></section>";

  auto chart = [&](const char* title_key, const std::vector<std::pair<std::string, app::Shown>>& f,
                   std::string_view prefix) {
    std::vector<BarItem> items;
    std::size_t withheld = 0;
    for (const auto& [key, v] : f) {
      if (!v) {
        ++withheld;
        continue;
      }
      items.push_back({data_label(lang, prefix, key), *v, num(lang, *v, 0), "", ""});
    }
    std::string r = "<section class=\"chart\"><h3>" + t(lang, title_key) + "</h3>";
    r += items.empty() ? "<p>" + t(lang, "map.dash.none") + "</p>"
                       : svg_bar_chart(items, app::tr(lang, title_key));
    if (withheld)
      r += "<p class=\"note\">" +
           tf(lang, "map.public.withheld_items",
              {std::to_string(withheld), std::to_string(p.min_group)}) +
           "</p>";
    return r + "</section>";
  };
  h += "<section aria-labelledby=\"be\"><h2 id=\"be\">" + t(lang, "map.dash.barriers_enablers") +
       "</h2><div class=\"charts\">";
  h += chart("map.dash.barriers", p.barriers, "barrier");
  h += chart("map.dash.enablers", p.enablers, "enabler");
  h += "</div></section>";

  PageOptions o;
  o.lang = lang;
  o.title = app::tr_format(lang, "map.public.heading", {view.project->name});
  o.lang_return = view.path;
  return page(o, h);
}

}  // namespace kn::web
