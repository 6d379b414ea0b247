// The city report as an xlsx workbook (see report_xlsx.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/report_xlsx.hpp"

#include <cmath>
#include <set>

#include "report/report_html.hpp"
#include "report/svg.hpp"

namespace kn::report {

namespace {

using app::Lang;

std::string join(const std::vector<std::string>& items, Lang lang, std::string_view prefix) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : ", ") + data_label(lang, prefix, i);
  return out;
}

Cell number(double v) {
  return std::isfinite(v) ? Cell(v) : Cell();
}

Cell count(std::size_t n) {
  return Cell(static_cast<double>(n));
}

Cell optional_number(const std::optional<double>& v) {
  return v ? number(*v) : Cell();
}

Sheet actors_sheet(const ReportModel& r, Lang lang) {
  const auto& m = r.structure();
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  Sheet s;
  s.name = tr("report.xlsx.actors");
  s.header = {tr("report.xlsx.id"),     tr("map.dash.actor"),        tr("map.dash.sector"),
              tr("report.xlsx.fields"), tr("report.xlsx.responded"), tr("report.xlsx.component")};
  for (const auto& k : m.measure_keys)
    s.header.push_back(data_label(lang, "measure", k));
  s.header.push_back(tr("map.dash.role"));
  s.header.push_back(tr("report.xlsx.core"));
  s.header.push_back(tr("report.xlsx.key_player_f"));
  s.header.push_back(tr("report.xlsx.key_player_reach"));
  s.header.push_back(tr("report.col.lost_pairs"));
  const std::set<ActorIndex> kf(r.key_players.fragmentation.set.begin(),
                                r.key_players.fragmentation.set.end());
  const std::set<ActorIndex> kr(r.key_players.reach.set.begin(), r.key_players.reach.set.end());
  const std::string yes = tr("report.xlsx.yes"), no = tr("report.xlsx.no");
  for (const auto& a : m.actors) {
    std::vector<Cell> row = {a.id,
                             a.label,
                             data_label(lang, "sector", a.sector),
                             join(a.fields, lang, "field"),
                             a.invited ? Cell(a.responded ? yes : no) : Cell(),
                             Cell(static_cast<double>(a.component))};
    for (const double v : a.measures)
      row.push_back(number(v));
    row.push_back(a.broker_role >= 0
                      ? Cell(data_label(lang, "role", std::string(broker_role_key(a.broker_role))))
                      : Cell());
    const bool core = a.index < r.key_players.core.core.size() && r.key_players.core.core[a.index];
    row.push_back(core ? yes : no);
    row.push_back(kf.count(a.index) ? yes : no);
    row.push_back(kr.count(a.index) ? yes : no);
    if (a.index < r.key_players.removal.removals.size())
      row.push_back(count(r.key_players.removal.removals[a.index].lost_pairs));
    s.rows.push_back(std::move(row));
  }
  s.widths = {14, 32, 22, 40};
  return s;
}

Sheet ties_sheet(const ReportModel& r, Lang lang) {
  const auto& m = r.map;
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  Sheet s;
  s.name = tr("report.xlsx.ties");
  s.header = {tr("report.xlsx.from"),
              tr("report.xlsx.to"),
              tr("report.xlsx.relation"),
              tr("report.xlsx.quality"),
              tr("report.xlsx.reverse_quality"),
              tr("report.xlsx.confirmed"),
              tr("report.xlsx.frequency"),
              tr("report.xlsx.kind"),
              tr("map.dash.barriers"),
              tr("map.dash.enablers"),
              tr("report.xlsx.fields")};
  const std::string yes = tr("report.xlsx.yes"), no = tr("report.xlsx.no");
  for (const auto& t : m.ties) {
    s.rows.push_back(
        {m.actors[t.source].label, m.actors[t.target].label,
         data_label(lang, "relation", t.desired ? m.desired_relation : m.relation),
         optional_number(t.quality), optional_number(t.reverse_quality),
         t.desired ? Cell() : Cell(t.confirmed ? yes : no),
         t.frequency.empty() ? Cell() : Cell(data_label(lang, "frequency", t.frequency)),
         t.kind.empty() ? Cell() : Cell(data_label(lang, "tiekind", t.kind)),
         join(t.barriers, lang, "barrier"), join(t.enablers, lang, "enabler"),
         join(t.fields, lang, "field")});
  }
  s.widths = {30, 30, 22};
  return s;
}

Sheet suggestions_sheet(const ReportModel& r, Lang lang) {
  const auto& m = r.map;
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  Sheet s;
  s.name = tr("report.xlsx.suggestions");
  s.header = {tr("map.dash.rank"),
              tr("report.col.actor_a"),
              tr("map.dash.sector"),
              tr("report.col.actor_b"),
              tr("map.dash.sector"),
              tr("report.col.score"),
              tr("report.xlsx.wish"),
              tr("report.xlsx.shared_fields"),
              tr("report.xlsx.partners"),
              tr("report.xlsx.cross_sector"),
              tr("report.xlsx.common_partners"),
              tr("report.xlsx.introducer"),
              tr("report.col.reasons")};
  std::size_t rank = 0;
  for (const auto& g : r.matchmaking.suggestions)
    s.rows.push_back(
        {count(++rank), m.actors[g.a].label, data_label(lang, "sector", m.actors[g.a].sector),
         m.actors[g.b].label, data_label(lang, "sector", m.actors[g.b].sector), number(g.score),
         number(g.wish), number(g.fields), number(g.partners), number(g.cross_sector),
         count(g.common_partners), g.introducer ? Cell(m.actors[*g.introducer].label) : Cell(),
         suggestion_reasons(m, g, lang)});
  s.widths = {6, 30, 20, 30, 20, 8, 8, 8, 8, 8, 8, 30, 80};
  return s;
}

Sheet gaps_sheet(const ReportModel& r, Lang lang) {
  const auto& m = r.structure();
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  Sheet s;
  s.name = tr("report.coordination_gaps");
  s.header = {tr("report.col.field"), tr("report.col.actor_a"), tr("map.dash.sector"),
              tr("report.col.actor_b"), tr("map.dash.sector")};
  for (const auto& f : r.fields.fields)
    for (const auto& [a, b] : f.gaps)
      s.rows.push_back({data_label(lang, "field", f.field), m.actors[a].label,
                        data_label(lang, "sector", m.actors[a].sector), m.actors[b].label,
                        data_label(lang, "sector", m.actors[b].sector)});
  s.widths = {32, 30, 20, 30, 20};
  return s;
}

Sheet quality_sheet(const ReportModel& r, Lang lang) {
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  Sheet s;
  s.name = tr("report.xlsx.sector_pairs");
  s.header = {tr("report.xlsx.sector_a"), tr("report.xlsx.sector_b"), tr("report.col.rated"),
              tr("report.col.difficult"), tr("report.col.share"),     tr("report.col.p"),
              tr("report.xlsx.notable")};
  const std::string yes = tr("report.xlsx.yes"), no = tr("report.xlsx.no");
  for (const auto& p : r.quality.sector_pairs)
    s.rows.push_back({data_label(lang, "sector", p.from), data_label(lang, "sector", p.to),
                      count(p.rated), count(p.difficult), number(p.share), number(p.p_value),
                      p.notable ? yes : no});
  s.widths = {24, 24};
  return s;
}

Sheet innovations_sheet(const ReportModel& r, Lang lang) {
  const auto& m = r.structure();
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  Sheet s;
  s.name = tr("report.xlsx.innovations");
  s.header = {tr("report.col.idea"),       tr("report.col.field"),    tr("report.col.stage"),
              tr("report.col.initiators"), tr("report.col.partners"), tr("report.col.sectors"),
              tr("report.conditions")};
  for (std::size_t i = 0; i < r.ideas.size() && i < r.innovations.per_idea.size(); ++i) {
    const auto& idea = r.ideas[i];
    const auto& pa = r.innovations.per_idea[i];
    std::string initiators, partners;
    for (const auto a : pa.initiators)
      initiators += (initiators.empty() ? "" : ", ") + m.actors[a].label;
    for (const auto a : pa.partners)
      partners += (partners.empty() ? "" : ", ") + m.actors[a].label;
    s.rows.push_back({idea.title, data_label(lang, "field", idea.field),
                      data_label(lang, "stage", idea.stage), initiators, partners,
                      join(pa.sectors, lang, "sector"), join(idea.conditions, lang, "condition")});
  }
  s.widths = {40, 28, 14, 30, 40, 30, 40};
  return s;
}

Sheet response_sheet(const ReportModel& r, Lang lang) {
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  Sheet s;
  s.name = tr("map.dash.response");
  s.header = {tr("map.dash.sector"), tr("report.col.actors"), tr("report.xlsx.invited"),
              tr("map.dash.responded"), tr("map.kf.response_rate")};
  for (const auto& x : r.dashboard.response)
    s.rows.push_back({data_label(lang, "sector", x.sector), count(x.actors), count(x.invited),
                      count(x.responded),
                      x.invited ? number(static_cast<double>(x.responded) / x.invited) : Cell()});
  s.widths = {26};
  return s;
}

/// Rows "group, kind, item, count, share, share among the ties naming any" of one group.
void frequency_rows(Sheet& s, const std::vector<Cell>& group, const app::FrequencyGroup& g,
                    Lang lang) {
  const auto add = [&](const std::vector<app::KeyFrequency>& list, std::string_view prefix,
                       std::string_view kind_key) {
    for (const auto& k : list) {
      std::vector<Cell> row = group;
      row.push_back(app::tr(lang, kind_key));
      row.push_back(data_label(lang, prefix, k.key));
      row.push_back(count(k.count));
      row.push_back(count(g.ties));
      row.push_back(number(k.share));
      row.push_back(number(k.share_named));
      s.rows.push_back(std::move(row));
    }
  };
  add(g.barriers, "barrier", "report.xlsx.kind_barrier");
  add(g.enablers, "enabler", "report.xlsx.kind_enabler");
}

std::vector<Sheet> barrier_sheets(const ReportModel& r, Lang lang) {
  const auto tr = [&](std::string_view key) { return app::tr(lang, key); };
  const std::vector<std::string> tail = {
      tr("report.xlsx.kind_barrier") + " / " + tr("report.xlsx.kind_enabler"),
      tr("report.xlsx.item"),
      tr("report.xlsx.count"),
      tr("report.col.ties"),
      tr("report.xlsx.share_group"),
      tr("report.xlsx.share_named")};
  std::vector<Sheet> out(3);
  out[0].name = tr("report.xlsx.barriers");
  out[0].header = tail;
  frequency_rows(out[0], {}, r.barriers.overall, lang);
  out[0].widths = {16, 44};
  out[1].name = tr("report.xlsx.barriers_pair");
  out[1].header = {tr("report.xlsx.sector_a"), tr("report.xlsx.sector_b")};
  out[1].header.insert(out[1].header.end(), tail.begin(), tail.end());
  for (const auto& p : r.barriers.sector_pairs)
    frequency_rows(out[1],
                   {data_label(lang, "sector", p.first), data_label(lang, "sector", p.second)},
                   p.counts, lang);
  out[1].widths = {24, 24, 16, 44};
  out[2].name = tr("report.xlsx.barriers_field");
  out[2].header = {tr("report.col.field")};
  out[2].header.insert(out[2].header.end(), tail.begin(), tail.end());
  for (const auto& f : r.barriers.fields)
    frequency_rows(out[2], {data_label(lang, "field", f.field)}, f.counts, lang);
  out[2].widths = {32, 16, 44};
  return out;
}

}  // namespace

Workbook report_workbook(const ReportModel& r, Lang lang) {
  Workbook w;
  w.title = app::tr_format(lang, "report.title", {r.project});
  w.author = "KlimaNetze";
  w.sheets.push_back(actors_sheet(r, lang));
  w.sheets.push_back(ties_sheet(r, lang));
  w.sheets.push_back(suggestions_sheet(r, lang));
  w.sheets.push_back(gaps_sheet(r, lang));
  for (auto& s : barrier_sheets(r, lang))
    w.sheets.push_back(std::move(s));
  w.sheets.push_back(quality_sheet(r, lang));
  w.sheets.push_back(innovations_sheet(r, lang));
  w.sheets.push_back(response_sheet(r, lang));
  return w;
}

}  // namespace kn::report
