// The city report as self-contained HTML (see report_html.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <type_traits>

#include "report/svg.hpp"

namespace kn::report {

namespace {

using app::Lang;

std::string coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

template <class Integer>
requires std::is_integral_v<Integer> std::string str(Integer n) {
  return std::to_string(n);
}

/// Texts of one language, HTML-escaped.
class Texts {
 public:
  explicit Texts(Lang lang) : lang_(lang) {}
  [[nodiscard]] Lang lang() const { return lang_; }
  [[nodiscard]] std::string t(std::string_view key) const {
    return html_escape(app::tr(lang_, key));
  }
  [[nodiscard]] std::string plain(std::string_view key) const { return app::tr(lang_, key); }
  [[nodiscard]] std::string tf(std::string_view key, const std::vector<std::string>& args) const {
    return html_escape(app::tr_format(lang_, key, args));
  }
  [[nodiscard]] std::string plainf(std::string_view key,
                                   const std::vector<std::string>& args) const {
    return app::tr_format(lang_, key, args);
  }
  [[nodiscard]] std::string label(std::string_view prefix, const std::string& key) const {
    return data_label(lang_, prefix, key);
  }
  [[nodiscard]] std::string num(double v, int digits) const { return decimal(lang_, v, digits); }
  [[nodiscard]] std::string pct(double share) const { return percent(lang_, share); }

 private:
  Lang lang_;
};

const app::MapActor& actor_of(const app::MapModel& map, ActorIndex i) {
  return map.actors.at(i);
}

std::string actor_name(const app::MapModel& map, ActorIndex i) {
  return html_escape(actor_of(map, i).label);
}

std::string actor_with_sector(const Texts& x, const app::MapModel& map, ActorIndex i) {
  return actor_name(map, i) + " <span class=\"muted\">(" +
         html_escape(x.label("sector", actor_of(map, i).sector)) + ")</span>";
}

std::string reading(const std::string& text_html) {
  return "<p class=\"reading\">" + text_html + "</p>";
}

std::string basis(const Texts& x, bool reconstructed) {
  return "<p class=\"basis\">" +
         x.t(reconstructed ? "report.basis.reconstructed" : "report.basis.reported") + "</p>";
}

std::string table_open(const std::vector<std::string>& headers_html, const std::string& caption) {
  std::string h = "<table>";
  if (!caption.empty()) h += "<caption>" + caption + "</caption>";
  h += "<thead><tr>";
  for (const auto& c : headers_html)
    h += "<th scope=\"col\">" + c + "</th>";
  return h + "</tr></thead><tbody>";
}

std::string row(const std::vector<std::string>& cells_html) {
  std::string h = "<tr>";
  for (const auto& c : cells_html)
    h += "<td>" + c + "</td>";
  return h + "</tr>";
}

constexpr const char* kTableClose = "</tbody></table>";

std::string quality_colour(double q) {
  if (!std::isfinite(q)) return "#EEEEEE";
  if (q <= 1.5) return "#D55E00";
  if (q <= 2.5) return "#E69F00";
  if (q <= 3.5) return "#F0E442";
  if (q <= 4.5) return "#56B4E9";
  return "#0072B2";
}

/// Sector x sector heat map of the mean tie quality, cell text "mean (ties)".
std::string svg_heat_map(const Texts& x, const app::DashboardModel& d) {
  const std::size_t k = d.sectors.size();
  constexpr int kLabel = 210, kCell = 64, kHead = 120;
  const int width = kLabel + static_cast<int>(k) * kCell + 10;
  const int height = kHead + static_cast<int>(k) * kCell + 10;
  std::string h = "<svg class=\"figure heat\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                  str(width) + " " + str(height) + "\" role=\"img\"><title>" +
                  x.t("report.fig.heat") + "</title>";
  for (std::size_t b = 0; b < k; ++b) {
    const int cx = kLabel + static_cast<int>(b) * kCell + kCell / 2;
    h += "<text transform=\"translate(" + str(cx) + "," + str(kHead - 6) +
         ") rotate(-40)\" font-size=\"12\">" + html_escape(x.label("sector", d.sectors[b])) +
         "</text>";
  }
  for (std::size_t a = 0; a < k; ++a) {
    const int y = kHead + static_cast<int>(a) * kCell;
    h += "<text x=\"" + str(kLabel - 8) + "\" y=\"" + str(y + kCell / 2 + 4) +
         "\" text-anchor=\"end\" font-size=\"12\">" + html_escape(x.label("sector", d.sectors[a])) +
         "</text>";
    for (std::size_t b = 0; b < k; ++b) {
      const auto& c = d.matrix[a][b];
      const int cx = kLabel + static_cast<int>(b) * kCell;
      const double q = c.rated ? c.mean_quality : std::nan("");
      h += "<g><title>" +
           html_escape(
               x.label("sector", d.sectors[a]) + " → " + x.label("sector", d.sectors[b]) + ": " +
               x.plainf("report.fig.heat_cell", {str(c.ties), x.num(q, 1), str(c.difficult)})) +
           "</title><rect x=\"" + str(cx) + "\" y=\"" + str(y) + "\" width=\"" + str(kCell - 2) +
           "\" height=\"" + str(kCell - 2) + "\" fill=\"" + quality_colour(q) + "\"/>";
      if (c.ties > 0)
        h += "<text x=\"" + str(cx + kCell / 2 - 1) + "\" y=\"" + str(y + kCell / 2 - 2) +
             "\" text-anchor=\"middle\" font-size=\"14\">" + html_escape(x.num(q, 1)) +
             "</text><text x=\"" + str(cx + kCell / 2 - 1) + "\" y=\"" + str(y + kCell / 2 + 14) +
             "\" text-anchor=\"middle\" font-size=\"10\">(" + str(c.ties) + ")</text>";
      h += "</g>";
    }
  }
  return h + "</svg>";
}

std::string heat_legend(const Texts& x) {
  std::string h = "<p class=\"legend\">" + x.t("report.fig.heat_legend") + " ";
  for (int q = 1; q <= 5; ++q)
    h +=
        "<svg class=\"swatch\" viewBox=\"0 0 12 12\" width=\"12\" height=\"12\"><rect width=\"12\" "
        "height=\"12\" fill=\"" +
        quality_colour(q) + "\"/></svg> " + std::to_string(q) + " ";
  return h + "</p>";
}

/// Field coverage: one stacked bar per field, a segment per sector.
std::string svg_field_coverage(const Texts& x, const app::FieldInsights& fields,
                               const std::vector<std::string>& sectors) {
  constexpr int kLabel = 300, kBar = 420, kRow = 24;
  std::size_t max_actors = 1;
  for (const auto& f : fields.fields)
    max_actors = std::max(max_actors, f.actors.size());
  const int height = static_cast<int>(fields.fields.size()) * kRow + 12;
  std::string h = "<svg class=\"figure\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                  str(kLabel + kBar + 80) + " " + str(height) + "\" role=\"img\"><title>" +
                  x.t("report.fig.fields") + "</title>";
  for (std::size_t r = 0; r < fields.fields.size(); ++r) {
    const auto& f = fields.fields[r];
    const int y = 6 + static_cast<int>(r) * kRow;
    const bool thin =
        std::find(fields.thin.begin(), fields.thin.end(), f.field) != fields.thin.end();
    h += "<text x=\"" + str(kLabel - 8) + "\" y=\"" + str(y + 16) +
         "\" text-anchor=\"end\" font-size=\"12\">" + (thin ? "⚠ " : std::string()) +
         html_escape(x.label("field", f.field)) + "</text>";
    double offset = 0.0;
    for (const auto& s : sectors) {
      const auto it = f.sectors.find(s);
      if (it == f.sectors.end() || it->second == 0) continue;
      const double w = kBar * static_cast<double>(it->second) / static_cast<double>(max_actors);
      h += "<rect x=\"" + coord(kLabel + offset) + "\" y=\"" + str(y + 3) + "\" width=\"" +
           coord(w) + "\" height=\"" + str(kRow - 7) + "\" fill=\"" + sector_colour(s) +
           "\"><title>" +
           html_escape(x.label("field", f.field) + " · " + x.label("sector", s) + ": " +
                       std::to_string(it->second)) +
           "</title></rect>";
      offset += w;
    }
    h += "<text x=\"" + coord(kLabel + offset + 6) + "\" y=\"" + str(y + 16) +
         "\" font-size=\"12\">" + str(f.actors.size()) + "</text>";
  }
  return h + "</svg>";
}

std::string sector_legend(const Texts& x, const std::vector<std::string>& sectors) {
  std::string h = "<p class=\"legend\">";
  for (const auto& s : sectors)
    h += "<span class=\"key\"><svg class=\"swatch\" viewBox=\"0 0 12 12\" width=\"12\" "
         "height=\"12\"><circle cx=\"6\" cy=\"6\" r=\"6\" fill=\"" +
         sector_colour(s) + "\"/></svg> " + html_escape(x.label("sector", s)) + "</span> ";
  return h + "</p>";
}

std::vector<BarItem> frequency_bars(const Texts& x, const std::vector<app::Frequency>& list,
                                    std::string_view prefix, const std::string& colour) {
  std::vector<BarItem> items;
  items.reserve(list.size());
  for (const auto& f : list)
    items.push_back({x.label(prefix, f.key), static_cast<double>(f.count),
                     std::to_string(f.count) + " (" + x.pct(f.share) + ")", "", colour});
  return items;
}

std::string names_list(const app::MapModel& map, const std::vector<ActorIndex>& actors,
                       std::size_t max = 12) {
  std::string h;
  for (std::size_t i = 0; i < actors.size() && i < max; ++i) {
    if (i) h += ", ";
    h += actor_name(map, actors[i]);
  }
  if (actors.size() > max) h += ", … (+" + str(actors.size() - max) + ")";
  return h;
}

// ---------------------------------------------------------------------------------------------
// Chapters

std::string chapter_overview(const Texts& x, const ReportModel& r) {
  const auto& d = r.structure_dashboard;
  const auto& s = d.summary;
  std::string h = "<section id=\"overview\"><h2>" + x.t("report.overview") + "</h2>";
  h += "<dl class=\"figures\">";
  auto fig = [&](const std::string& label, const std::string& value) {
    h += "<div><dt>" + label + "</dt><dd>" + value + "</dd></div>";
  };
  fig(x.t("map.kf.actors"), str(s.actors));
  if (r.missing.survey)
    fig(x.t("map.kf.response_rate"),
        html_escape(
            x.pct(s.invited ? static_cast<double>(s.responded) / s.invited : std::nan(""))) +
            " <small>" + x.tf("map.kf.responded_of", {str(s.responded), str(s.invited)}) +
            "</small>");
  fig(x.t("map.kf.ties"), str(s.ties));
  fig(x.t("map.kf.density"), html_escape(x.num(s.density, 3)));
  fig(x.t("map.kf.reciprocity"), html_escape(x.pct(s.reciprocity)));
  fig(x.t("map.kf.components"),
      str(s.components) + " <small>" + x.tf("map.kf.isolates", {str(s.isolates)}) + "</small>");
  fig(x.t("report.ei_index"), html_escape(x.num(r.mixing.ei_index, 2)));
  h += "</dl>";
  h += reading(x.tf("report.read.overview", {str(s.actors), str(s.ties), x.pct(s.density),
                                             str(s.components), str(s.isolates)}));
  h += "<figure>" + svg_network_map(r.map, x.lang()) + "<figcaption>" +
       x.tf("report.fig.map", {x.label("relation", r.relation), r.wave}) + "</figcaption>" +
       sector_legend(x, d.sectors) + "</figure>";
  // Mixing.
  h += "<h3>" + x.t("report.mixing") + "</h3>";
  const double ei = r.mixing.ei_index;
  h +=
      reading(x.tf(std::isfinite(ei) && ei > 0 ? "report.read.ei_outward" : "report.read.ei_inward",
                   {x.num(ei, 2)}));
  h += table_open({x.t("map.dash.sector"), x.t("report.col.actors"), x.t("report.ei_index"),
                   x.t("report.col.density_inside")},
                  "");
  for (std::size_t i = 0; i < d.sectors.size(); ++i) {
    const double inside = d.matrix[i][i].density;
    h += row({html_escape(x.label("sector", d.sectors[i])), str(d.sector_sizes[i]),
              html_escape(
                  x.num(i < r.mixing.sector_ei.size() ? r.mixing.sector_ei[i] : std::nan(""), 2)),
              html_escape(x.num(inside, 3))});
  }
  h += kTableClose;
  // Density between sectors (directed block density of the reported ties).
  std::vector<std::string> head = {x.t("map.dash.from_to")};
  for (const auto& sec : d.sectors)
    head.push_back(html_escape(x.label("sector", sec)));
  h += table_open(head, x.t("report.density_caption"));
  for (std::size_t a = 0; a < d.sectors.size(); ++a) {
    std::vector<std::string> cells = {html_escape(x.label("sector", d.sectors[a]))};
    for (std::size_t b = 0; b < d.sectors.size(); ++b)
      cells.push_back(html_escape(x.num(d.matrix[a][b].density, 3)));
    h += row(cells);
  }
  h += kTableClose;
  h += basis(x, r.reconstructed.has_value());
  return h + "</section>";
}

std::string ranking_table(const Texts& x, const app::MapModel& map,
                          const std::vector<app::RankingRow>& rows, int digits, bool roles) {
  if (rows.empty()) return "<p>" + x.t("map.dash.none") + "</p>";
  std::vector<std::string> head = {x.t("map.dash.rank"), x.t("map.dash.actor"),
                                   x.t("map.dash.sector"), x.t("report.col.value")};
  if (roles) head.push_back(x.t("map.dash.role"));
  std::string h = table_open(head, "");
  for (const auto& rr : rows) {
    std::vector<std::string> cells = {std::to_string(rr.rank), actor_name(map, rr.actor),
                                      html_escape(x.label("sector", map.actors[rr.actor].sector)),
                                      html_escape(x.num(rr.value, digits))};
    if (roles) cells.push_back(html_escape(x.label("role", std::string(broker_role_key(rr.role)))));
    h += row(cells);
  }
  return h + kTableClose;
}

std::string chapter_key_actors(const Texts& x, const ReportModel& r) {
  const auto& m = r.structure();
  const auto& d = r.structure_dashboard;
  const auto& kp = r.key_players;
  std::string h = "<section id=\"key-actors\"><h2>" + x.t("report.key_actors") + "</h2>";
  h += basis(x, r.reconstructed.has_value());
  h += "<h3>" + x.t("map.dash.central") + "</h3>" + ranking_table(x, m, d.central, 1, false);
  if (!d.central.empty())
    h += reading(x.tf("report.read.central", {m.actors[d.central.front().actor].label}));
  h += "<h3>" + x.t("map.dash.brokers") + "</h3>" + ranking_table(x, m, d.brokers, 0, true);
  h += reading(x.t("report.read.brokers"));
  h +=
      "<h3>" + x.t("map.dash.constrained") + "</h3>" + ranking_table(x, m, d.constrained, 2, false);
  h += reading(x.t("report.read.constrained"));

  // Key players.
  h += "<h3>" + x.t("report.key_players") + "</h3>";
  if (kp.k == 0) {
    h += "<p>" + x.t("map.dash.none") + "</p>";
  } else {
    h += table_open({x.t("report.col.goal"), x.t("report.col.set"), x.t("report.col.score")}, "");
    h += row({x.t("report.kpp.fragmentation"), names_list(m, kp.fragmentation.set),
              html_escape(x.plainf("report.kpp.f_value", {x.num(kp.fragmentation.baseline, 3),
                                                          x.num(kp.fragmentation.score, 3)}))});
    h += row(
        {x.t("report.kpp.reach"), names_list(m, kp.reach.set), html_escape(x.pct(kp.reach.score))});
    h += kTableClose;
    h += reading(
        x.tf("report.read.key_players", {str(kp.k), x.num(kp.fragmentation.baseline, 3),
                                         x.num(kp.fragmentation.score, 3), x.pct(kp.reach.score)}));
  }
  // Removal.
  h += "<h3>" + x.t("report.removal") + "</h3>";
  if (kp.removal_top.empty()) {
    h += reading(x.t("report.read.removal_none"));
  } else {
    h += table_open({x.t("map.dash.actor"), x.t("map.dash.sector"), x.t("report.col.components"),
                     x.t("report.col.largest"), x.t("report.col.lost_pairs")},
                    x.tf("report.removal_caption", {str(kp.removal.components)}));
    for (const auto i : kp.removal_top) {
      const auto& ri = kp.removal.removals[i];
      h += row({actor_name(m, ri.actor), html_escape(x.label("sector", m.actors[ri.actor].sector)),
                str(ri.components), str(ri.largest),
                str(ri.lost_pairs) + " (" +
                    html_escape(x.pct(kp.removal.reachable_pairs
                                          ? static_cast<double>(ri.lost_pairs) /
                                                static_cast<double>(kp.removal.reachable_pairs)
                                          : std::nan(""))) +
                    ")"});
    }
    h += kTableClose;
    const auto& top = kp.removal.removals[kp.removal_top.front()];
    h += reading(x.tf("report.read.removal", {m.actors[top.actor].label, str(top.lost_pairs)}));
  }
  // Core-periphery.
  h += "<h3>" + x.t("report.core_periphery") + "</h3>";
  const auto& cp = kp.core;
  std::vector<ActorIndex> core;
  for (std::size_t i = 0; i < cp.core.size(); ++i)
    if (cp.core[i]) core.push_back(static_cast<ActorIndex>(i));
  h += table_open(
      {x.t("report.col.core_size"), x.t("report.col.fit"), x.t("report.col.core_density"),
       x.t("report.col.between_density"), x.t("report.col.periphery_density")},
      "");
  h += row({str(cp.core_size), html_escape(x.num(cp.correlation, 3)),
            html_escape(x.num(cp.core_density, 3)), html_escape(x.num(cp.between_density, 3)),
            html_escape(x.num(cp.periphery_density, 3))});
  h += kTableClose;
  h += "<p><strong>" + x.t("report.core_members") + "</strong> " + names_list(m, core, 30) + "</p>";
  h += reading(x.tf(std::isfinite(cp.correlation) && cp.correlation >= 0.5
                        ? "report.read.core_strong"
                        : "report.read.core_weak",
                    {str(cp.core_size), x.num(cp.correlation, 2)}));
  return h + "</section>";
}

/// Top keys of a group as "label (share)", at most `max`.
std::string top_keys(const Texts& x, const std::vector<app::KeyFrequency>& keys,
                     std::string_view prefix, std::size_t max = 3) {
  std::string out;
  for (std::size_t i = 0; i < keys.size() && i < max; ++i)
    out += (out.empty() ? "" : ", ") + x.label(prefix, keys[i].key) + " (" + x.pct(keys[i].share) +
           ")";
  return out.empty() ? "–" : out;
}

std::string barrier_tables(const Texts& x, const ReportModel& r) {
  const auto& b = r.barriers;
  std::string h = "<h3>" + x.t("report.barriers_by_pair") + "</h3>";
  h += table_open(
      {x.t("report.col.sector_pair"), x.t("report.col.ties"), x.t("report.col.with_barriers"),
       x.t("report.col.top_barriers"), x.t("report.col.top_enablers")},
      x.t("report.barriers_pair_caption"));
  // The pairs with the highest share of ties naming a barrier (at least 5 ties); every pair is
  // in the xlsx report.
  std::vector<const app::SectorPairFrequencies*> pairs;
  for (const auto& p : b.sector_pairs)
    if (p.counts.ties >= 5) pairs.push_back(&p);
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto* a, const auto* c) {
    return a->counts.with_barriers * c->counts.ties > c->counts.with_barriers * a->counts.ties;
  });
  if (pairs.size() > 10) pairs.resize(10);
  for (const auto* pp : pairs) {
    const auto& p = *pp;
    h += row({html_escape(x.label("sector", p.first) + " – " + x.label("sector", p.second)),
              str(p.counts.ties), str(p.counts.with_barriers),
              html_escape(top_keys(x, p.counts.barriers, "barrier")),
              html_escape(top_keys(x, p.counts.enablers, "enabler"))});
  }
  h += kTableClose;
  // The pair where the most frequent barrier is most concentrated.
  const app::SectorPairFrequencies* peak = nullptr;
  for (const auto& p : b.sector_pairs)
    if (p.counts.ties >= 5 && !p.counts.barriers.empty() &&
        (!peak || p.counts.barriers.front().share > peak->counts.barriers.front().share))
      peak = &p;
  if (peak)
    h += reading(x.tf("report.read.barrier_pair",
                      {x.label("sector", peak->first), x.label("sector", peak->second),
                       x.label("barrier", peak->counts.barriers.front().key),
                       x.pct(peak->counts.barriers.front().share)}));
  h += "<h3>" + x.t("report.barriers_by_field") + "</h3>";
  h += table_open({x.t("report.col.field"), x.t("report.col.ties"), x.t("report.col.with_barriers"),
                   x.t("report.col.top_barriers"), x.t("report.col.top_enablers")},
                  x.t("report.barriers_caption"));
  for (const auto& f : b.fields)
    h += row({html_escape(x.label("field", f.field)), str(f.counts.ties),
              str(f.counts.with_barriers), html_escape(top_keys(x, f.counts.barriers, "barrier")),
              html_escape(top_keys(x, f.counts.enablers, "enabler"))});
  h += kTableClose;
  return h;
}

std::string sector_cohesion_section(const Texts& x, const ReportModel& r) {
  const auto& m = r.structure();
  std::string h = "<h3>" + x.t("report.cohesion") + "</h3>";
  h += table_open(
      {x.t("report.col.sector"), x.t("report.col.actors"), x.t("report.col.inside_ties"),
       x.t("map.kf.density"), x.t("report.col.groups"), x.t("report.col.isolates_inside")},
      "");
  std::string fragmented;
  for (const auto& c : r.cohesion.sectors) {
    std::string sizes;
    for (std::size_t i = 0; i < c.component_sizes.size() && i < 6; ++i)
      if (c.component_sizes[i] > 1)
        sizes += (sizes.empty() ? "" : ", ") + str(c.component_sizes[i]);
    h += std::string(c.fragmented ? "<tr class=\"notable\">" : "<tr>") + "<td>" +
         (c.fragmented ? "⚠ " : std::string()) + html_escape(x.label("sector", c.sector)) +
         "</td><td>" + str(c.actors.size()) + "</td><td>" + str(c.ties) + "</td><td>" +
         html_escape(x.num(c.density, 2)) + "</td><td>" + (sizes.empty() ? "–" : sizes) +
         "</td><td>" + str(c.isolates.size()) + "</td></tr>";
    if (!c.fragmented) continue;
    std::string groups;
    for (const auto& g : c.groups)
      groups += (groups.empty() ? "" : " | ") + names_list(m, g, 6);
    fragmented += reading(x.tf("report.read.fragmented",
                               {x.label("sector", c.sector), str(c.groups.size()), "{GROUPS}"}));
    const auto pos = fragmented.rfind("{GROUPS}");
    fragmented.replace(pos, 8, groups);  // names are escaped already
    if (c.bridge)
      fragmented += reading(x.tf("report.read.fragment_bridge", {m.actors[*c.bridge].label}));
  }
  h += kTableClose;
  h += fragmented.empty() ? reading(x.t("report.read.not_fragmented")) : fragmented;
  return h;
}

std::string chapter_quality(const Texts& x, const ReportModel& r) {
  const auto& m = r.map;
  const auto& d = r.dashboard;
  const auto& q = r.quality;
  std::string h = "<section id=\"quality\"><h2>" + x.t("report.quality") + "</h2>";
  h += basis(x, false);
  h += "<h3>" + x.t("report.quality_by_sector") + "</h3><figure>" + svg_heat_map(x, d) +
       "<figcaption>" + x.t("report.fig.heat_caption") + "</figcaption>" + heat_legend(x) +
       "</figure>";
  h += reading(x.tf("report.read.difficult",
                    {str(d.difficult_ties), str(d.rated_ties), x.pct(q.difficult_share)}));
  // Notable sector pairs.
  std::string notable;
  for (const auto& sp : q.sector_pairs)
    if (sp.notable) {
      if (!notable.empty()) notable += "; ";
      notable += x.label("sector", sp.from) + " – " + x.label("sector", sp.to);
    }
  h += table_open({x.t("report.col.sector_pair"), x.t("report.col.rated"),
                   x.t("report.col.difficult"), x.t("report.col.share"), x.t("report.col.p")},
                  x.t("report.sector_pairs_caption"));
  for (const auto& sp : q.sector_pairs) {
    if (sp.rated == 0) continue;
    h += std::string(sp.notable ? "<tr class=\"notable\">" : "<tr>") + "<td>" +
         (sp.notable ? "⚠ " : std::string()) +
         html_escape(x.label("sector", sp.from) + " – " + x.label("sector", sp.to)) + "</td><td>" +
         str(sp.rated) + "</td><td>" + str(sp.difficult) + "</td><td>" +
         html_escape(x.pct(sp.share)) + "</td><td>" + html_escape(x.num(sp.p_value, 4)) +
         "</td></tr>";
  }
  h += kTableClose;
  h += reading(notable.empty() ? x.t("report.read.no_notable_pair")
                               : x.tf("report.read.notable_pair", {notable}));

  // Barriers and enablers.
  h += "<h3>" + x.t("map.dash.barriers_enablers") + "</h3>";
  h += "<figure>" +
       svg_bar_chart(frequency_bars(x, d.barriers, "barrier", "#D55E00"),
                     x.plain("map.dash.barriers")) +
       "<figcaption>" + x.t("map.dash.barriers") + " — " +
       x.tf("map.dash.share_note", {str(d.ties_with_barriers)}) + "</figcaption></figure>";
  h += "<figure>" +
       svg_bar_chart(frequency_bars(x, d.enablers, "enabler", "#009E73"),
                     x.plain("map.dash.enablers")) +
       "<figcaption>" + x.t("map.dash.enablers") + " — " +
       x.tf("map.dash.share_note", {str(d.ties_with_enablers)}) + "</figcaption></figure>";
  if (!d.barriers.empty())
    h += reading(
        x.tf("report.read.barriers",
             {x.label("barrier", d.barriers.front().key), x.pct(d.barriers.front().share),
              d.enablers.empty() ? std::string("–") : x.label("enabler", d.enablers.front().key)}));
  h += barrier_tables(x, r);

  // Hotspots.
  h += "<h3>" + x.t("report.hotspots") + "</h3>";
  if (q.hotspots.empty()) {
    h += reading(x.t("report.read.no_hotspots"));
  } else {
    h += table_open({x.t("map.dash.actor"), x.t("map.dash.sector"), x.t("report.col.rated"),
                     x.t("report.col.difficult"), x.t("report.col.share")},
                    "");
    for (std::size_t i = 0; i < q.hotspots.size() && i < std::size_t{20}; ++i) {
      const auto& hs = q.hotspots[i];
      h += row({actor_name(m, hs.actor), html_escape(x.label("sector", m.actors[hs.actor].sector)),
                str(hs.rated), str(hs.difficult), html_escape(x.pct(hs.share))});
    }
    h += kTableClose;
    h += reading(x.tf("report.read.hotspots", {str(q.hotspots.size())}));
  }
  // Confirmed vs one-sided, perception gaps.
  h += "<h3>" + x.t("report.confirmation") + "</h3>";
  h += table_open({x.t("report.col.pairs"), x.t("report.col.confirmed"),
                   x.t("report.col.one_sided"), x.t("report.col.one_sided_unanswered")},
                  "");
  h += row({str(q.pairs), str(q.confirmed), str(q.one_sided), str(q.one_sided_unanswered)});
  h += kTableClose;
  h += reading(x.tf("report.read.confirmation",
                    {x.pct(q.pairs ? static_cast<double>(q.confirmed) / static_cast<double>(q.pairs)
                                   : std::nan("")),
                     str(q.one_sided)}));
  h += "<h3>" + x.t("report.gaps") + "</h3>";
  if (q.gaps.empty()) {
    h += reading(x.t("report.read.no_gaps"));
  } else {
    h += table_open({x.t("report.col.actor_a"), x.t("report.col.a_rates_b"),
                     x.t("report.col.actor_b"), x.t("report.col.b_rates_a")},
                    "");
    for (std::size_t i = 0; i < q.gaps.size() && i < 30; ++i) {
      const auto& g = q.gaps[i];
      h += row({actor_with_sector(x, m, g.a), html_escape(x.num(g.a_rates_b, 0)),
                actor_with_sector(x, m, g.b), html_escape(x.num(g.b_rates_a, 0))});
    }
    h += kTableClose;
    h += reading(x.tf("report.read.gaps", {str(q.gaps.size())}));
  }
  return h + "</section>";
}

std::string chapter_wishes(const Texts& x, const ReportModel& r) {
  const auto& m = r.map;
  const auto& mm = r.matchmaking;
  std::string h = "<section id=\"wishes\"><h2>" + x.t("report.wishes") + "</h2>";
  h += basis(x, false);
  if (m.desired_relation.empty()) {
    h += reading(x.t("report.read.no_wish_relation"));
    return h + "</section>";
  }
  h += reading(x.tf("report.read.wishes", {str(mm.unmet.size()), str(mm.mutual_unmet)}));
  // Mutual unmet wishes first.
  std::set<std::pair<ActorIndex, ActorIndex>> mutual;
  for (const auto& u : mm.unmet)
    if (u.mutual) mutual.insert({std::min(u.from, u.to), std::max(u.from, u.to)});
  if (!mutual.empty()) {
    h += "<h3>" + x.t("report.mutual_wishes") + "</h3>";
    h += table_open({x.t("report.col.actor_a"), x.t("report.col.actor_b")}, "");
    for (const auto& [a, b] : mutual)
      h += row({actor_with_sector(x, m, a), actor_with_sector(x, m, b)});
    h += kTableClose;
  }
  h += "<h3>" + x.t("report.suggestions") + "</h3>";
  if (mm.suggestions.empty()) {
    h += reading(x.t("report.read.no_suggestions"));
  } else {
    h += table_open({x.t("map.dash.rank"), x.t("report.col.actor_a"), x.t("report.col.actor_b"),
                     x.t("report.col.score"), x.t("report.col.reasons")},
                    x.t("report.suggestions_caption"));
    std::size_t rank = 0;
    for (const auto& s : mm.suggestions)
      h += row({str(++rank), actor_with_sector(x, m, s.a), actor_with_sector(x, m, s.b),
                html_escape(x.num(s.score, 1)), html_escape(suggestion_reasons(m, s, x.lang()))});
    h += kTableClose;
  }
  // One-sided unmet wishes.
  std::size_t one_sided = 0;
  std::string rows;
  for (const auto& u : mm.unmet) {
    if (u.mutual) continue;
    if (++one_sided > 30) continue;
    rows += row({actor_with_sector(x, m, u.from), actor_with_sector(x, m, u.to)});
  }
  if (one_sided > 0) {
    h += "<h3>" + x.t("report.one_sided_wishes") + "</h3>";
    h += table_open({x.t("report.col.wishes"), x.t("report.col.wished")},
                    one_sided > 30 ? x.tf("report.first_n", {"30", str(one_sided)}) : "");
    h += rows + kTableClose;
  }
  return h + "</section>";
}

std::string chapter_fields(const Texts& x, const ReportModel& r) {
  const auto& m = r.structure();
  const auto& f = r.fields;
  std::string h = "<section id=\"fields\"><h2>" + x.t("report.fields") + "</h2>";
  h += basis(x, r.reconstructed.has_value());
  if (f.fields.empty()) {
    h += reading(x.t("report.read.no_fields"));
    return h + "</section>";
  }
  h += "<figure>" + svg_field_coverage(x, f, r.dashboard.sectors) + "<figcaption>" +
       x.t("report.fig.fields_caption") + "</figcaption>" + sector_legend(x, r.dashboard.sectors) +
       "</figure>";
  std::string thin;
  for (const auto& k : f.thin)
    thin += (thin.empty() ? "" : ", ") + x.label("field", k);
  h += reading(thin.empty() ? x.t("report.read.no_thin") : x.tf("report.read.thin", {thin}));
  // Field networks and coordination gaps.
  h += "<h3>" + x.t("report.field_networks") + "</h3>";
  h += table_open({x.t("report.col.field"), x.t("report.col.actors"), x.t("report.col.ties"),
                   x.t("map.kf.density"), x.t("map.kf.components"), x.t("report.col.isolated"),
                   x.t("report.col.gap_pairs")},
                  x.t("report.field_networks_caption"));
  std::string worst;
  double worst_share = -1.0;
  for (std::size_t i = 0; i < f.fields.size(); ++i) {
    const auto& fc = f.fields[i];
    const auto& fn = r.field_networks[i];
    const auto na = static_cast<double>(fc.actors.size());
    const double pairs = na * (na - 1.0) / 2.0;
    const double share = pairs > 0 ? static_cast<double>(fc.gap_count) / pairs : 0.0;
    if (fc.actors.size() >= 3 && share > worst_share) {
      worst_share = share;
      worst = x.label("field", fc.field);
    }
    h += row(
        {html_escape(x.label("field", fc.field)), str(fn.actors), str(fn.ties),
         html_escape(x.num(fn.density, 2)), str(fn.components), str(fn.isolated),
         str(fc.gap_count) + " (" + html_escape(x.pct(pairs > 0 ? share : std::nan(""))) + ")"});
  }
  h += kTableClose;
  if (!worst.empty()) h += reading(x.tf("report.read.gaps_field", {worst, x.pct(worst_share)}));
  // Listed coordination gaps (the pairs) of fields where whole groups do not talk.
  h += "<h3>" + x.t("report.coordination_gaps") + "</h3>";
  std::size_t listed = 0;
  std::string rows;
  for (const auto& fc : f.fields)
    for (const auto& [a, b] : fc.gaps) {
      if (listed >= 40) break;
      ++listed;
      rows += row({html_escape(x.label("field", fc.field)), actor_with_sector(x, m, a),
                   actor_with_sector(x, m, b)});
    }
  if (listed == 0) {
    h += reading(x.t("report.read.no_coordination_gaps"));
  } else {
    h += table_open({x.t("report.col.field"), x.t("report.col.actor_a"), x.t("report.col.actor_b")},
                    x.t("report.coordination_gaps_caption"));
    h += rows + kTableClose;
  }
  h += sector_cohesion_section(x, r);
  return h + "</section>";
}

std::string chapter_innovations(const Texts& x, const ReportModel& r) {
  const auto& inn = r.innovations;
  const auto& m = r.structure();
  std::string h = "<section id=\"innovations\"><h2>" + x.t("report.innovations") + "</h2>";
  if (inn.ideas == 0) {
    h += reading(x.t("report.read.no_innovations"));
    return h + "</section>";
  }
  h += reading(
      x.tf("report.read.innovations", {str(inn.ideas), str(inn.realised), str(inn.cross_sector)}));
  std::vector<BarItem> stages;
  for (const auto& s : inn.by_stage)
    stages.push_back({x.label("stage", s.key), static_cast<double>(s.count),
                      std::to_string(s.count) + " (" + x.pct(s.share) + ")", "", "#CC79A7"});
  h += "<figure>" + svg_bar_chart(stages, x.plain("report.fig.stages")) + "<figcaption>" +
       x.t("report.fig.stages") + "</figcaption></figure>";
  // Stage x field.
  const auto& sf = inn.stage_field;
  std::vector<std::string> head = {x.t("report.col.field")};
  for (const auto& s : sf.stages)
    head.push_back(html_escape(x.label("stage", s)));
  h += table_open(head, x.t("report.stage_field_caption"));
  for (std::size_t fi = 0; fi < sf.fields.size(); ++fi) {
    std::vector<std::string> cells = {html_escape(x.label("field", sf.fields[fi]))};
    for (std::size_t si = 0; si < sf.stages.size(); ++si)
      cells.push_back(str(sf.counts[si][fi]));
    h += row(cells);
  }
  h += kTableClose;
  // Conditions lacking.
  h += "<h3>" + x.t("report.conditions") + "</h3>";
  if (inn.conditions.empty()) {
    h += reading(x.t("report.read.no_conditions"));
  } else {
    h += table_open({x.t("report.col.condition"), x.t("report.col.ideas"),
                     x.t("report.col.not_realised"), x.t("report.col.realised")},
                    x.t("report.conditions_caption"));
    for (const auto& c : inn.conditions)
      h += row({html_escape(x.label("condition", c.key)),
                str(c.count) + " (" + html_escape(x.pct(c.share)) + ")",
                html_escape(x.pct(c.share_not_realised)), html_escape(x.pct(c.share_realised))});
    h += kTableClose;
    h +=
        reading(x.tf("report.read.conditions", {x.label("condition", inn.conditions.front().key)}));
  }
  // Ideas with partners.
  h += "<h3>" + x.t("report.ideas") + "</h3>";
  h += table_open(
      {x.t("report.col.idea"), x.t("report.col.field"), x.t("report.col.stage"),
       x.t("report.col.initiators"), x.t("report.col.partners"), x.t("report.col.sectors")},
      "");
  for (std::size_t i = 0; i < r.ideas.size() && i < inn.per_idea.size() && i < 60; ++i) {
    const auto& idea = r.ideas[i];
    const auto& pa = inn.per_idea[i];
    std::string sectors;
    for (const auto& s : pa.sectors)
      sectors += (sectors.empty() ? "" : ", ") + x.label("sector", s);
    h += row({html_escape(idea.title), html_escape(x.label("field", idea.field)),
              html_escape(x.label("stage", idea.stage)), names_list(m, pa.initiators, 5),
              names_list(m, pa.partners, 6), html_escape(sectors)});
  }
  h += kTableClose;
  // Position of the initiators.
  h += "<h3>" + x.t("report.innovator_position") + "</h3>";
  h += table_open(
      {x.t("report.col.measure"), x.t("report.col.initiators_mean"), x.t("report.col.others_mean"),
       x.t("report.col.initiators_median"), x.t("report.col.others_median"), x.t("report.col.p")},
      x.tf("report.position_caption", {str(inn.initiators.size())}));
  std::string higher;
  for (const auto& p : inn.positions) {
    h += row({html_escape(x.label("measure", p.measure)), html_escape(x.num(p.initiator_mean, 2)),
              html_escape(x.num(p.other_mean, 2)), html_escape(x.num(p.initiator_median, 2)),
              html_escape(x.num(p.other_median, 2)), html_escape(x.num(p.p_value, 3))});
    if (std::isfinite(p.p_value) && p.p_value < 0.05 && p.difference > 0)
      higher += (higher.empty() ? "" : ", ") + x.label("measure", p.measure);
  }
  h += kTableClose;
  h += reading(higher.empty() ? x.t("report.read.position_same")
                              : x.tf("report.read.position_higher", {higher}));
  h += basis(x, r.reconstructed.has_value());
  return h + "</section>";
}

std::string chapter_missing(const Texts& x, const ReportModel& r) {
  const auto& md = r.missing;
  std::string h = "<section id=\"missing\"><h2>" + x.t("report.missing") + "</h2>";
  if (!md.survey) {
    h += reading(x.t("report.read.no_survey"));
    return h + "</section>";
  }
  std::vector<BarItem> items;
  for (const auto& s : r.dashboard.response) {
    if (s.invited == 0) continue;
    const double share = static_cast<double>(s.responded) / s.invited;
    items.push_back(
        {x.label("sector", s.sector), share,
         x.pct(share) + " (" + std::to_string(s.responded) + "/" + std::to_string(s.invited) + ")",
         "", sector_colour(s.sector)});
  }
  h += "<figure>" + svg_bar_chart(items, x.plain("map.dash.response")) + "<figcaption>" +
       x.t("map.dash.response") + "</figcaption></figure>";
  std::string by_relation;
  for (const auto& [rel, count] : md.added_by_relation)
    by_relation +=
        (by_relation.empty() ? "" : ", ") + x.label("relation", rel) + ": " + std::to_string(count);
  h += reading(x.tf(
      "report.read.response",
      {str(md.respondents), str(md.respondents + md.non_respondents), str(md.non_respondents)}));
  h += reading(md.reconstructed
                   ? x.tf("report.read.reconstructed", {str(md.added), by_relation})
                   : x.t(md.non_respondents > 0 ? "report.read.not_reconstructed_off"
                                                : "report.read.not_reconstructed_none"));
  return h + "</section>";
}

std::string chapter_methods(const Texts& x) {
  std::string h =
      "<section id=\"methods\"><h2>" + x.t("report.methods") + "</h2><dl class=\"methods\">";
  for (const char* key :
       {"data", "reconstruction", "measures", "brokerage", "constraint", "mixing", "key_players",
        "removal", "core_periphery", "quality", "sector_pairs", "barriers", "matchmaking", "fields",
        "cohesion", "innovations", "layout", "privacy"}) {
    const std::string k = std::string("report.method.") + key;
    h += "<dt>" + x.t(k + ".title") + "</dt><dd>" + x.t(k) + "</dd>";
  }
  return h + "</dl></section>";
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1a1a1a; line-height: 1.45;
       max-width: 60rem; margin: 0 auto; padding: 1.5rem; font-size: 11pt; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
section { break-before: page; }
section#overview { break-before: auto; }
.subtitle, .muted, .basis, caption, figcaption { color: #555; }
.basis { font-size: .85rem; font-style: italic; }
.reading { background: #F2F7FB; border-left: 4px solid #0072B2; padding: .5rem .8rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem;
        break-inside: auto; }
caption { text-align: left; font-size: .85rem; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
tr { break-inside: avoid; }
tr.notable td { background: #FCEBDD; }
figure { margin: 1rem 0; break-inside: avoid; }
svg.figure, svg.bars { width: 100%; height: auto; }
svg.map { width: 100%; height: auto; border: 1px solid #ddd; background: #fff; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12px; }
.legend { font-size: .85rem; }
.legend .key { white-space: nowrap; margin-right: .6rem; }
dl.figures { display: flex; flex-wrap: wrap; gap: .6rem; }
dl.figures div { border: 1px solid #ddd; border-radius: 4px; padding: .4rem .7rem; min-width: 9rem; }
dl.figures dt { font-size: .8rem; color: #555; }
dl.figures dd { margin: 0; font-size: 1.3rem; font-weight: bold; }
dl.figures small { font-size: .7rem; font-weight: normal; color: #555; display: block; }
dl.methods dt { font-weight: bold; margin-top: .6rem; }
dl.methods dd { margin-left: 0; }
nav ol { columns: 2; }
)css";

}  // namespace

std::string suggestion_reasons(const app::MapModel& m, const app::Suggestion& s, Lang lang) {
  const Texts x(lang);
  std::vector<std::string> parts;
  const auto& a = m.actors[s.a].label;
  const auto& b = m.actors[s.b].label;
  if (s.a_wishes_b && s.b_wishes_a)
    parts.push_back(x.plain("report.reason.mutual_wish"));
  else if (s.a_wishes_b)
    parts.push_back(x.plainf("report.reason.wish", {a, b}));
  else if (s.b_wishes_a)
    parts.push_back(x.plainf("report.reason.wish", {b, a}));
  if (!s.shared_fields.empty()) {
    std::string f;
    for (const auto& k : s.shared_fields)
      f += (f.empty() ? "" : ", ") + x.label("field", k);
    parts.push_back(x.plainf("report.reason.fields", {f}));
  }
  if (s.common_partners > 0)
    parts.push_back(s.introducer
                        ? x.plainf("report.reason.partners_via", {std::to_string(s.common_partners),
                                                                  m.actors[*s.introducer].label})
                        : x.plainf("report.reason.partners", {std::to_string(s.common_partners)}));
  if (s.cross_sector > 0)
    parts.push_back(x.plainf(
        "report.reason.cross_sector",
        {x.label("sector", m.actors[s.a].sector), x.label("sector", m.actors[s.b].sector)}));
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string svg_network_map(const app::MapModel& map, Lang lang, std::size_t labels) {
  constexpr double kW = 900, kH = 620, kPad = 24;
  double minx = 0, maxx = 0, miny = 0, maxy = 0;
  bool first = true;
  for (const auto& a : map.actors) {
    if (!std::isfinite(a.x) || !std::isfinite(a.y)) continue;
    if (first) {
      minx = maxx = a.x;
      miny = maxy = a.y;
      first = false;
    }
    minx = std::min(minx, a.x);
    maxx = std::max(maxx, a.x);
    miny = std::min(miny, a.y);
    maxy = std::max(maxy, a.y);
  }
  const double sx = maxx > minx ? (kW - 2 * kPad) / (maxx - minx) : 1.0;
  const double sy = maxy > miny ? (kH - 2 * kPad) / (maxy - miny) : 1.0;
  const double s = std::min(sx, sy);
  const double ox = (kW - s * (maxx - minx)) / 2, oy = (kH - s * (maxy - miny)) / 2;
  auto px = [&](double v) { return coord(ox + (v - minx) * s); };
  auto py = [&](double v) { return coord(oy + (maxy - v) * s); };  // y up

  std::string h =
      "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 900 620\" "
      "role=\"img\"><title>" +
      html_escape(app::tr(lang, "report.fig.map_title")) + "</title>";
  // Ties once per pair; difficult ones (quality <= 2 from either side) red and on top.
  std::set<std::pair<ActorIndex, ActorIndex>> seen;
  std::string normal, difficult;
  for (const auto& t : map.ties) {
    if (t.desired || t.source == t.target) continue;
    const auto key = std::minmax(t.source, t.target);
    const bool bad =
        (t.quality && *t.quality <= 2.0) || (t.reverse_quality && *t.reverse_quality <= 2.0);
    if (!seen.insert({key.first, key.second}).second && !bad) continue;
    const auto& a = map.actors[t.source];
    const auto& b = map.actors[t.target];
    const std::string line = "<line x1=\"" + px(a.x) + "\" y1=\"" + py(a.y) + "\" x2=\"" + px(b.x) +
                             "\" y2=\"" + py(b.y) + "\"/>";
    (bad ? difficult : normal) += line;
  }
  h += "<g stroke=\"#9a9a9a\" stroke-opacity=\"0.45\" stroke-width=\"0.7\">" + normal + "</g>";
  h += "<g stroke=\"#D55E00\" stroke-opacity=\"0.9\" stroke-width=\"1.4\">" + difficult + "</g>";
  const int deg = map.measure_index("degree");
  double max_degree = 1.0;
  if (deg >= 0)
    for (const auto& a : map.actors)
      if (std::isfinite(a.measures[static_cast<std::size_t>(deg)]))
        max_degree = std::max(max_degree, a.measures[static_cast<std::size_t>(deg)]);
  const double base = map.actors.size() > 1000 ? 1.5 : 3.0;
  h += "<g stroke=\"#ffffff\" stroke-width=\"0.8\">";
  for (const auto& a : map.actors) {
    const double d = deg >= 0 ? a.measures[static_cast<std::size_t>(deg)] : 0.0;
    const double r = base + (map.actors.size() > 1000 ? 4.0 : 7.0) *
                                std::sqrt(std::isfinite(d) ? d / max_degree : 0.0);
    const std::string colour = sector_colour(a.sector);
    h += "<circle cx=\"" + px(a.x) + "\" cy=\"" + py(a.y) + "\" r=\"" + coord(r) + "\" fill=\"" +
         (a.responded ? colour : std::string("#ffffff")) + "\"" +
         (a.responded ? std::string() : " stroke=\"" + colour + "\" stroke-width=\"1.5\"") +
         "><title>" + html_escape(a.label) + "</title></circle>";
  }
  h += "</g>";
  // Labels of the most central actors (betweenness).
  const int btw = map.measure_index("betweenness");
  std::vector<std::size_t> order(map.actors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (btw >= 0) {
    const auto m = static_cast<std::size_t>(btw);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double va = map.actors[a].measures[m], vb = map.actors[b].measures[m];
      return (std::isfinite(va) ? va : -1.0) > (std::isfinite(vb) ? vb : -1.0);
    });
    h += "<g font-size=\"11\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" "
         "fill=\"#1a1a1a\">";
    for (std::size_t i = 0; i < order.size() && i < labels; ++i) {
      const auto& a = map.actors[order[i]];
      h += "<text x=\"" + coord(ox + (a.x - minx) * s + 7) + "\" y=\"" +
           coord(oy + (maxy - a.y) * s + 4) + "\">" + html_escape(a.label) + "</text>";
    }
    h += "</g>";
  }
  return h + "</svg>";
}

std::string render_report_html(const ReportModel& r, const HtmlOptions& options) {
  const Texts x(options.lang);
  std::string h = "<!DOCTYPE html><html lang=\"" + std::string(app::lang_code(options.lang)) +
                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                  "content=\"width=device-width, initial-scale=1\"><title>" +
                  x.tf("report.title", {r.project}) + "</title><style>" + kStyle +
                  "</style></head><body>";
  h += "<header><h1>" + x.tf("report.title", {r.project}) + "</h1><p class=\"subtitle\">" +
       x.tf("report.subtitle", {x.label("relation", r.relation), r.wave.empty() ? "–" : r.wave}) +
       (options.generated.empty() ? std::string()
                                  : " · " + x.tf("report.generated", {options.generated})) +
       " · " + x.t(r.names ? "report.with_names" : "report.pseudonymised") + "</p></header>";
  h += "<nav><h2>" + x.t("report.contents") + "</h2><ol>";
  for (const char* id : {"overview", "key-actors", "quality", "wishes", "fields", "innovations",
                         "missing", "methods"}) {
    std::string key = std::string("report.") + id;
    std::replace(key.begin(), key.end(), '-', '_');
    h += "<li><a href=\"#" + std::string(id) + "\">" + x.t(key) + "</a></li>";
  }
  h += "</ol></nav>";
  h += chapter_overview(x, r);
  h += chapter_key_actors(x, r);
  h += chapter_quality(x, r);
  h += chapter_wishes(x, r);
  h += chapter_fields(x, r);
  h += chapter_innovations(x, r);
  h += chapter_missing(x, r);
  h += chapter_methods(x);
  h += "</body></html>";
  return h;
}

}  // namespace kn::report
