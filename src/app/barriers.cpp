// Barrier and enabler frequencies (see barriers.hpp).

#include "app/barriers.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "app/dashboard.hpp"
#include "app/demo/musterstadt.hpp"

namespace kn::app {

namespace {

/// Counts while the ties are added, turned into a FrequencyGroup at the end.
struct Tally {
  std::size_t ties = 0, with_barriers = 0, with_enablers = 0;
  std::map<std::string, std::size_t> barriers, enablers;

  void add(const std::set<std::string>& b, const std::set<std::string>& e) {
    ++ties;
    with_barriers += b.empty() ? 0U : 1U;
    with_enablers += e.empty() ? 0U : 1U;
    for (const auto& k : b)
      ++barriers[k];
    for (const auto& k : e)
      ++enablers[k];
  }
};

std::vector<KeyFrequency> frequencies(const std::map<std::string, std::size_t>& counts,
                                      std::size_t ties, std::size_t named) {
  std::vector<KeyFrequency> out;
  out.reserve(counts.size());
  for (const auto& [key, count] : counts)  // std::map: by key
    out.push_back({key, count, static_cast<double>(count) / static_cast<double>(ties),
                   named ? static_cast<double>(count) / static_cast<double>(named) : 0.0});
  std::stable_sort(out.begin(), out.end(),
                   [](const KeyFrequency& a, const KeyFrequency& b) { return a.count > b.count; });
  return out;
}

FrequencyGroup finish(const Tally& t) {
  FrequencyGroup g;
  g.ties = t.ties;
  g.with_barriers = t.with_barriers;
  g.with_enablers = t.with_enablers;
  g.barriers = frequencies(t.barriers, t.ties, t.with_barriers);
  g.enablers = frequencies(t.enablers, t.ties, t.with_enablers);
  return g;
}

std::size_t field_rank(const std::string& field) {
  const auto it = std::find(kFieldKeys.begin(), kFieldKeys.end(), field);
  return static_cast<std::size_t>(it - kFieldKeys.begin());
}

}  // namespace

BarrierInsights barrier_frequencies(const MapModel& map, const BarrierOptions& options) {
  if (options.min_ties == 0)
    throw std::invalid_argument("barrier_frequencies: min_ties must be at least 1");
  const std::vector<std::string> sectors = sector_order(map);
  std::vector<std::size_t> sector_of(map.actors.size(), 0);
  for (const auto& a : map.actors)
    sector_of[a.index] = static_cast<std::size_t>(
        std::find(sectors.begin(), sectors.end(), a.sector) - sectors.begin());

  BarrierInsights out;
  Tally overall;
  std::map<std::pair<std::size_t, std::size_t>, Tally> by_pair;
  std::map<std::string, Tally> by_field;
  for (const auto& t : map.ties) {
    if (t.desired) continue;
    const std::set<std::string> b(t.barriers.begin(), t.barriers.end());
    const std::set<std::string> e(t.enablers.begin(), t.enablers.end());
    overall.add(b, e);
    by_pair[std::minmax(sector_of[t.source], sector_of[t.target])].add(b, e);
    std::set<std::string> fields(t.fields.begin(), t.fields.end());
    if (fields.empty()) {
      const auto& fs = map.actors[t.source].fields;
      const std::set<std::string> other(map.actors[t.target].fields.begin(),
                                        map.actors[t.target].fields.end());
      for (const auto& f : fs)
        if (other.count(f) != 0) fields.insert(f);
    }
    if (fields.empty()) ++out.ties_without_field;
    for (const auto& f : fields)
      by_field[f].add(b, e);
  }
  out.overall = finish(overall);
  for (const auto& [pair, tally] : by_pair) {  // std::map: in sector order
    if (tally.ties < options.min_ties) continue;
    out.sector_pairs.push_back({sectors[pair.first], sectors[pair.second], finish(tally)});
  }
  std::vector<std::string> keys;
  for (const auto& [field, tally] : by_field)
    if (tally.ties >= options.min_ties) keys.push_back(field);
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return field_rank(a) < field_rank(b);  // domain order, the others stay ascending
  });
  for (const auto& key : keys)
    out.fields.push_back({key, finish(by_field.at(key))});
  return out;
}

double barrier_share(const FrequencyGroup& group, const std::string& key) {
  for (const auto& f : group.barriers)
    if (f.key == key) return f.share;
  return 0.0;
}

}  // namespace kn::app
