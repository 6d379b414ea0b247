// Dashboard and public aggregates (see dashboard.hpp).

#include "app/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "app/demo/musterstadt.hpp"

namespace kn::app {

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

std::vector<Frequency> frequencies(const std::map<std::string, std::size_t>& counts,
                                   std::size_t base) {
  std::vector<Frequency> out;
  for (const auto& [key, count] : counts)
    out.push_back(
        {key, count, base ? static_cast<double>(count) / static_cast<double>(base) : 0.0});
  std::stable_sort(out.begin(), out.end(),
                   [](const Frequency& a, const Frequency& b) { return a.count > b.count; });
  return out;
}

std::vector<RankingRow> ranking(const MapModel& map, const std::string& key, std::size_t top,
                                bool with_role) {
  const int k = map.measure_index(key);
  std::vector<RankingRow> rows;
  if (k < 0) return rows;
  for (const auto& a : map.actors) {
    const double v = a.measures[static_cast<std::size_t>(k)];
    if (std::isnan(v) || a.ranks[static_cast<std::size_t>(k)] == 0) continue;
    if (key != "constraint" && v <= 0.0) continue;  // nobody is central/brokers with 0
    rows.push_back(
        {a.index, v, a.ranks[static_cast<std::size_t>(k)], with_role ? a.broker_role : -1});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const RankingRow& a, const RankingRow& b) { return a.rank < b.rank; });
  if (rows.size() > top) rows.resize(top);
  return rows;
}

}  // namespace

std::vector<std::string> sector_order(const MapModel& map) {
  std::vector<std::string> present;
  for (const auto& a : map.actors)
    if (std::find(present.begin(), present.end(), a.sector) == present.end())
      present.push_back(a.sector);
  std::vector<std::string> out;
  for (const auto key : kSectorKeys)
    if (std::find(present.begin(), present.end(), key) != present.end()) out.emplace_back(key);
  std::vector<std::string> rest;
  bool none = false;
  for (const auto& s : present) {
    if (s.empty()) {
      none = true;
    } else if (std::find(out.begin(), out.end(), s) == out.end()) {
      rest.push_back(s);
    }
  }
  std::sort(rest.begin(), rest.end());
  out.insert(out.end(), rest.begin(), rest.end());
  if (none) out.emplace_back();
  return out;
}

DashboardModel dashboard(const MapModel& map, const DashboardOptions& options) {
  DashboardModel d;
  d.summary = map.summary;
  d.sectors = sector_order(map);
  const std::size_t g = d.sectors.size();
  std::vector<std::size_t> group(map.actors.size(), 0);
  for (const auto& a : map.actors)
    group[a.index] = static_cast<std::size_t>(
        std::find(d.sectors.begin(), d.sectors.end(), a.sector) - d.sectors.begin());
  d.sector_sizes.assign(g, 0);
  d.response.resize(g);
  for (std::size_t s = 0; s < g; ++s)
    d.response[s].sector = d.sectors[s];
  for (const auto& a : map.actors) {
    auto& r = d.response[group[a.index]];
    ++d.sector_sizes[group[a.index]];
    ++r.actors;
    if (a.invited) ++r.invited;
    if (a.invited && a.responded) ++r.responded;
  }

  d.matrix.assign(g, std::vector<SectorCell>(g));
  std::vector<std::vector<double>> quality_sum(g, std::vector<double>(g, 0.0));
  std::map<std::string, std::size_t> barriers, enablers;
  for (const auto& t : map.ties) {
    if (t.desired) continue;
    SectorCell& cell = d.matrix[group[t.source]][group[t.target]];
    ++cell.ties;
    if (t.quality) {
      ++cell.rated;
      ++d.rated_ties;
      quality_sum[group[t.source]][group[t.target]] += *t.quality;
      if (*t.quality <= 2.0) {
        ++cell.difficult;
        ++d.difficult_ties;
      }
    }
    if (!t.barriers.empty()) ++d.ties_with_barriers;
    if (!t.enablers.empty()) ++d.ties_with_enablers;
    for (const auto& b : t.barriers)
      ++barriers[b];
    for (const auto& e : t.enablers)
      ++enablers[e];
  }
  for (std::size_t a = 0; a < g; ++a)
    for (std::size_t b = 0; b < g; ++b) {
      SectorCell& cell = d.matrix[a][b];
      const double na = d.sector_sizes[a], nb = d.sector_sizes[b];
      const double possible = a == b ? na * (na - 1.0) : na * nb;
      cell.density = possible > 0 ? static_cast<double>(cell.ties) / possible : kNone;
      cell.mean_quality = cell.rated ? quality_sum[a][b] / static_cast<double>(cell.rated) : kNone;
    }
  d.barriers = frequencies(barriers, d.ties_with_barriers);
  d.enablers = frequencies(enablers, d.ties_with_enablers);
  d.central = ranking(map, "betweenness", options.top, false);
  d.brokers = ranking(map, "brokerage", options.top, true);
  d.constrained = ranking(map, "constraint", options.top, false);
  return d;
}

PublicModel public_aggregates(const MapModel& map, int min_group) {
  if (min_group < 2) throw std::invalid_argument("the minimum group size must be at least 2");
  const DashboardModel d = dashboard(map, {});
  const auto min = static_cast<std::size_t>(min_group);
  auto shown = [&](std::size_t count) -> Shown {
    return count >= min ? Shown(static_cast<double>(count)) : std::nullopt;
  };
  PublicModel p;
  p.min_group = min_group;
  p.actors = shown(d.summary.actors);
  p.respondents = shown(d.summary.responded);
  if (d.summary.invited >= min && d.summary.responded >= min)
    p.response_rate = static_cast<double>(d.summary.responded) / d.summary.invited;
  const bool enough = d.summary.actors >= min;
  p.ties = shown(d.summary.ties);
  if (enough) {
    if (!std::isnan(d.summary.density)) p.density = d.summary.density;
    if (!std::isnan(d.summary.reciprocity) && d.summary.ties >= min)
      p.reciprocity = d.summary.reciprocity;
    p.components = static_cast<double>(d.summary.components);
  }

  // Pool the small sectors into "other".
  std::vector<std::size_t> to(d.sectors.size());
  bool other = false;
  for (std::size_t s = 0; s < d.sectors.size(); ++s) {
    if (d.sector_sizes[s] >= min && !d.sectors[s].empty()) {
      to[s] = p.groups.size();
      p.groups.push_back(d.sectors[s]);
    } else {
      other = true;
      to[s] = std::numeric_limits<std::size_t>::max();
    }
  }
  if (other) {
    for (auto& t : to)
      if (t == std::numeric_limits<std::size_t>::max()) t = p.groups.size();
    p.groups.emplace_back("other");
  }
  const std::size_t g = p.groups.size();
  std::vector<std::size_t> sizes(g, 0);
  for (std::size_t s = 0; s < d.sectors.size(); ++s)
    sizes[to[s]] += d.sector_sizes[s];
  for (const auto size : sizes)
    p.group_sizes.push_back(shown(size));
  std::vector<std::vector<SectorCell>> pooled(g, std::vector<SectorCell>(g));
  std::vector<std::vector<double>> qsum(g, std::vector<double>(g, 0.0));
  for (std::size_t a = 0; a < d.sectors.size(); ++a)
    for (std::size_t b = 0; b < d.sectors.size(); ++b) {
      const SectorCell& c = d.matrix[a][b];
      SectorCell& out = pooled[to[a]][to[b]];
      out.ties += c.ties;
      out.rated += c.rated;
      if (c.rated) qsum[to[a]][to[b]] += c.mean_quality * static_cast<double>(c.rated);
    }
  p.matrix.assign(g, std::vector<PublicCell>(g));
  for (std::size_t a = 0; a < g; ++a)
    for (std::size_t b = 0; b < g; ++b) {
      const SectorCell& c = pooled[a][b];
      PublicCell& out = p.matrix[a][b];
      const bool groups_ok = sizes[a] >= min && sizes[b] >= min;
      if (!groups_ok) continue;
      out.ties = shown(c.ties);
      if (c.ties >= min) {
        const double na = static_cast<double>(sizes[a]), nb = static_cast<double>(sizes[b]);
        const double possible = a == b ? na * (na - 1.0) : na * nb;
        out.density = static_cast<double>(c.ties) / possible;
      }
      if (c.rated >= min) out.mean_quality = qsum[a][b] / static_cast<double>(c.rated);
    }
  for (const auto& f : d.barriers)
    p.barriers.emplace_back(f.key, shown(f.count));
  for (const auto& f : d.enablers)
    p.enablers.emplace_back(f.key, shown(f.count));
  return p;
}

}  // namespace kn::app
