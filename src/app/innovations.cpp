// Innovation analysis (see innovations.hpp).

#include "app/innovations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

#include "app/dashboard.hpp"
#include "app/demo/musterstadt.hpp"

namespace kn::app {

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr std::array<std::string_view, 5> kStages = {"idea", "planning", "pilot", "realised",
                                                     "stopped"};

double ratio(std::size_t count, std::size_t base) {
  return base ? static_cast<double>(count) / static_cast<double>(base) : kNone;
}

/// `known` keys first (in that order, all of them if `all_known`, else those present), then the
/// other present keys ascending with "" last.
template <std::size_t N>
std::vector<std::string> key_order(const std::array<std::string_view, N>& known,
                                   const std::set<std::string>& present, bool all_known) {
  std::vector<std::string> out;
  for (const auto key : known)
    if (all_known || present.count(std::string(key)) != 0) out.emplace_back(key);
  bool empty = false;
  for (const auto& key : present) {  // std::set: ascending
    if (key.empty()) {
      empty = true;
    } else if (std::find(known.begin(), known.end(), key) == known.end()) {
      out.push_back(key);
    }
  }
  if (empty) out.emplace_back();
  return out;
}

std::size_t position(const std::vector<std::string>& keys, const std::string& key) {
  return static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
}

double mean_of(const std::vector<double>& v) {
  if (v.empty()) return kNone;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double median_of(std::vector<double> v) {
  if (v.empty()) return kNone;
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2.0;
}

/// Uniform integer in [0, n), n >= 1, without std::*_distribution (identical on every
/// platform): rejection below 2^64 mod n.
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t x = rng();
    if (x >= threshold) return x % n;
  }
}

/// C(n, k) if it is at most `cap`, else 0.
std::uint64_t choose_at_most(std::size_t n, std::size_t k, std::uint64_t cap) {
  k = std::min(k, n - k);
  double c = 1.0;  // C(n - k + i, i) <= C(n, k): exact integers while below 2^53
  for (std::size_t i = 1; i <= k; ++i) {
    c = c * static_cast<double>(n - k + i) / static_cast<double>(i);
    if (c > static_cast<double>(cap) + 0.5) return 0;
  }
  return static_cast<std::uint64_t>(std::llround(c));
}

}  // namespace

PositionComparison compare_groups(const std::vector<double>& values, const std::vector<bool>& group,
                                  const InnovationOptions& options) {
  if (group.size() != values.size())
    throw std::invalid_argument("compare_groups: group has the wrong size");
  if (options.permutations == 0)
    throw std::invalid_argument("compare_groups: permutations must be at least 1");
  PositionComparison out;
  std::vector<double> x;  // defined values, group members first
  std::vector<double> in, rest;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) continue;
    (group[i] ? in : rest).push_back(values[i]);
  }
  out.initiators = in.size();
  out.others = rest.size();
  out.initiator_mean = mean_of(in);
  out.initiator_median = median_of(in);
  out.other_mean = mean_of(rest);
  out.other_median = median_of(rest);
  out.difference = out.initiator_mean - out.other_mean;
  if (in.empty() || rest.empty()) {
    out.p_value = kNone;
    return out;
  }
  x = in;
  x.insert(x.end(), rest.begin(), rest.end());
  const std::size_t n = x.size(), k = in.size();
  const double total = std::accumulate(x.begin(), x.end(), 0.0);
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  const double tolerance = 1e-9 * (*hi - *lo);
  const auto statistic = [&](double sum) {
    return std::abs(sum / static_cast<double>(k) - (total - sum) / static_cast<double>(n - k));
  };
  const double observed = statistic(std::accumulate(in.begin(), in.end(), 0.0));
  std::uint64_t extreme = 0;
  const std::uint64_t all = choose_at_most(n, k, options.permutations);
  if (all != 0) {  // every k-subset of the n positions, in lexicographic order
    out.exact = true;
    out.assignments = all;
    std::vector<std::size_t> pick(k);
    std::iota(pick.begin(), pick.end(), std::size_t{0});
    for (;;) {
      double sum = 0.0;
      for (const std::size_t i : pick)
        sum += x[i];
      if (statistic(sum) >= observed - tolerance) ++extreme;
      std::size_t i = k;
      while (i > 0 && pick[i - 1] == n - k + i - 1)
        --i;
      if (i == 0) break;
      ++pick[i - 1];
      for (std::size_t j = i; j < k; ++j)
        pick[j] = pick[j - 1] + 1;
    }
    out.p_value = static_cast<double>(extreme) / static_cast<double>(all);
    return out;
  }
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::uint64_t r = 0; r < options.permutations; ++r) {
    double sum = 0.0;
    for (std::size_t i = 0; i < k; ++i) {  // partial Fisher-Yates: a uniform k-subset
      std::swap(order[i], order[i + below(rng, n - i)]);
      sum += x[order[i]];
    }
    if (statistic(sum) >= observed - tolerance) ++extreme;
  }
  out.assignments = options.permutations;
  out.p_value = static_cast<double>(extreme + 1) / static_cast<double>(options.permutations + 1);
  return out;
}

InnovationInsights innovation_insights(const MapModel& map,
                                       const std::vector<InnovationRecord>& ideas,
                                       const InnovationOptions& options) {
  const std::size_t n = map.actors.size();
  for (const auto& idea : ideas)
    for (const auto& [actor, role] : idea.actors)
      if (actor >= n)
        throw std::invalid_argument("innovation '" + idea.title + "': actor index " +
                                    std::to_string(actor) + " is not an actor of the map (" +
                                    std::to_string(n) + " actors)");
  std::vector<std::size_t> measure_columns;
  for (const auto& key : options.measures) {
    const int k = map.measure_index(key);
    if (k < 0) throw std::invalid_argument("innovation_insights: unknown measure '" + key + "'");
    measure_columns.push_back(static_cast<std::size_t>(k));
  }

  InnovationInsights out;
  out.ideas = ideas.size();

  // --- stages and fields ----------------------------------------------------------------------
  std::set<std::string> stages, fields;
  for (const auto& idea : ideas) {
    stages.insert(idea.stage);
    fields.insert(idea.field);
  }
  auto& table = out.stage_field;
  table.stages = key_order(kStages, stages, true);
  table.fields = key_order(kFieldKeys, fields, false);
  table.counts.assign(table.stages.size(), std::vector<std::size_t>(table.fields.size(), 0));
  for (const auto& idea : ideas)
    ++table.counts[position(table.stages, idea.stage)][position(table.fields, idea.field)];
  for (std::size_t s = 0; s < table.stages.size(); ++s) {
    const auto& row = table.counts[s];
    const std::size_t c = std::accumulate(row.begin(), row.end(), std::size_t{0});
    out.by_stage.push_back({table.stages[s], c, ratio(c, ideas.size())});
  }
  for (std::size_t f = 0; f < table.fields.size(); ++f) {
    std::size_t c = 0;
    for (const auto& row : table.counts)
      c += row[f];
    out.by_field.push_back({table.fields[f], c, ratio(c, ideas.size())});
  }

  // --- actors and sectors per idea ------------------------------------------------------------
  const std::vector<std::string> sectors = sector_order(map);
  std::vector<bool> initiator(n, false);
  for (const auto& idea : ideas) {
    IdeaActors a;
    std::set<ActorIndex> seen;
    std::vector<bool> involved(sectors.size(), false);
    for (const auto& [actor, role] : idea.actors) {
      if (!seen.insert(actor).second) continue;
      if (role == "initiator") {
        a.initiators.push_back(actor);
        initiator[actor] = true;
      } else {
        a.partners.push_back(actor);
      }
      involved[position(sectors, map.actors[actor].sector)] = true;
    }
    for (std::size_t s = 0; s < sectors.size(); ++s)
      if (involved[s] && !sectors[s].empty()) a.sectors.push_back(sectors[s]);
    a.cross_sector = a.sectors.size() >= 2;
    out.cross_sector += a.cross_sector ? 1U : 0U;
    out.per_idea.push_back(std::move(a));
  }
  for (ActorIndex a = 0; a < n; ++a)
    if (initiator[a]) out.initiators.push_back(a);

  // --- conditions -----------------------------------------------------------------------------
  std::map<std::string, ConditionFrequency> conditions;
  for (const auto& idea : ideas) {
    const bool realised = idea.stage == "realised";
    ++(realised ? out.realised : out.not_realised);
    for (const auto& key : std::set<std::string>(idea.conditions.begin(), idea.conditions.end())) {
      auto& c = conditions[key];
      c.key = key;
      ++c.count;
      ++(realised ? c.realised : c.not_realised);
    }
  }
  for (auto& [key, c] : conditions) {
    c.share = ratio(c.count, out.ideas);
    c.share_not_realised = ratio(c.not_realised, out.not_realised);
    c.share_realised = ratio(c.realised, out.realised);
    out.conditions.push_back(c);
  }
  std::stable_sort(
      out.conditions.begin(), out.conditions.end(),
      [](const ConditionFrequency& x, const ConditionFrequency& y) { return x.count > y.count; });

  // --- network position of the initiators ------------------------------------------------------
  for (std::size_t m = 0; m < measure_columns.size(); ++m) {
    std::vector<double> values(n);
    for (ActorIndex a = 0; a < n; ++a)
      values[a] = map.actors[a].measures[measure_columns[m]];
    PositionComparison c = compare_groups(values, initiator, options);
    c.measure = options.measures[m];
    out.positions.push_back(std::move(c));
  }
  return out;
}

}  // namespace kn::app
