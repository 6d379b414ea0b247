// Insights without statistics (see insights.hpp).

#include "app/insights.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace kn::app {

double binomial_upper_tail(std::size_t k, std::size_t n, double p) {
  if (k == 0) return 1.0;
  if (k > n || p <= 0.0) return 0.0;
  if (p >= 1.0) return 1.0;
  const double nn = static_cast<double>(n);
  double sum = 0.0;
  for (std::size_t i = k; i <= n; ++i) {
    const double x = static_cast<double>(i);
    const double log_term = std::lgamma(nn + 1) - std::lgamma(x + 1) - std::lgamma(nn - x + 1) +
                            x * std::log(p) + (nn - x) * std::log1p(-p);
    sum += std::exp(log_term);
  }
  return std::min(1.0, sum);
}

CollaborationQuality collaboration_quality(const MapModel& map, const QualityOptions& o) {
  CollaborationQuality out;
  const std::size_t n = map.actors.size();
  std::vector<std::size_t> rated(n, 0), difficult(n, 0);
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> sectors;
  std::set<std::pair<ActorIndex, ActorIndex>> seen;
  for (const auto& t : map.ties) {
    if (t.desired) continue;
    if (t.quality) {
      const bool hard = *t.quality <= o.difficult;
      for (const ActorIndex a : {t.source, t.target}) {
        ++rated[a];
        difficult[a] += hard ? 1U : 0U;
      }
      auto& cell = sectors[{map.actors[t.source].sector, map.actors[t.target].sector}];
      ++cell.first;
      cell.second += hard ? 1U : 0U;
    }
    const auto key = std::minmax(t.source, t.target);
    if (!seen.insert(key).second) continue;  // the pair was counted from its other direction
    ++out.pairs;
    if (t.confirmed) {
      ++out.confirmed;
    } else if (map.actors[t.target].responded) {
      ++out.one_sided;
    } else {
      ++out.one_sided_unanswered;
    }
    if (t.quality && t.reverse_quality && std::abs(*t.quality - *t.reverse_quality) >= o.gap) {
      const bool forward = t.source < t.target;
      out.gaps.push_back({key.first, key.second, forward ? *t.quality : *t.reverse_quality,
                          forward ? *t.reverse_quality : *t.quality});
    }
  }
  std::sort(out.gaps.begin(), out.gaps.end(), [](const PerceptionGap& x, const PerceptionGap& y) {
    return std::make_pair(x.a, x.b) < std::make_pair(y.a, y.b);
  });
  for (ActorIndex a = 0; a < n; ++a) {
    if (rated[a] < o.min_rated) continue;
    const double share = static_cast<double>(difficult[a]) / static_cast<double>(rated[a]);
    if (share >= o.hotspot_share) out.hotspots.push_back({a, rated[a], difficult[a], share});
  }
  std::stable_sort(
      out.hotspots.begin(), out.hotspots.end(), [](const Hotspot& x, const Hotspot& y) {
        return x.difficult != y.difficult ? x.difficult > y.difficult : x.share > y.share;
      });
  std::size_t all_rated = 0, all_difficult = 0;
  for (const auto& [pair, counts] : sectors) {
    all_rated += counts.first;
    all_difficult += counts.second;
  }
  out.difficult_share =
      all_rated ? static_cast<double>(all_difficult) / static_cast<double>(all_rated) : 0.0;
  for (const auto& [pair, counts] : sectors) {
    if (counts.first < o.min_rated) continue;
    SectorPairQuality q;
    q.from = pair.first;
    q.to = pair.second;
    q.rated = counts.first;
    q.difficult = counts.second;
    q.share = static_cast<double>(counts.second) / static_cast<double>(counts.first);
    q.p_value = binomial_upper_tail(counts.second, counts.first, out.difficult_share);
    out.sector_pairs.push_back(std::move(q));
  }
  // Bonferroni: one test per sector pair shown.
  for (auto& q : out.sector_pairs)
    q.notable = q.p_value < o.alpha / static_cast<double>(out.sector_pairs.size());
  std::stable_sort(out.sector_pairs.begin(), out.sector_pairs.end(),
                   [](const SectorPairQuality& x, const SectorPairQuality& y) {
                     return x.share != y.share ? x.share > y.share : x.difficult > y.difficult;
                   });
  return out;
}

FieldInsights field_coverage(const Network& network, const FieldOptions& o) {
  const std::size_t n = network.actor_count();
  std::map<std::string, FieldCoverage> by_field;
  for (ActorIndex a = 0; a < n; ++a) {
    const Value& v = network.actor_attr(a, "fields");
    const auto* list = std::get_if<std::vector<std::string>>(&v);
    if (list == nullptr) continue;
    const std::string sector = value_to_string(network.actor_attr(a, "sector"));
    for (const auto& f : std::set<std::string>(list->begin(), list->end())) {
      auto& c = by_field[f];
      c.field = f;
      c.actors.push_back(a);
      ++c.sectors[sector];
    }
  }
  // Pairs with a tie in any relation and wave, either direction.
  std::set<std::pair<ActorIndex, ActorIndex>> tied;
  for (TieIndex t = 0; t < network.tie_count(); ++t)
    if (network.tie_source(t) != network.tie_target(t))
      tied.insert(std::minmax(network.tie_source(t), network.tie_target(t)));
  FieldInsights out;
  for (auto& [key, c] : by_field) {
    for (std::size_t i = 0; i < c.actors.size(); ++i)
      for (std::size_t j = i + 1; j < c.actors.size(); ++j) {
        if (tied.count({c.actors[i], c.actors[j]}) != 0) continue;
        ++c.gap_count;
        if (c.gaps.size() < o.max_gaps) c.gaps.emplace_back(c.actors[i], c.actors[j]);
      }
    if (c.actors.size() <= o.thin) out.thin.push_back(key);
    out.fields.push_back(std::move(c));
  }
  std::stable_sort(out.fields.begin(), out.fields.end(),
                   [](const FieldCoverage& x, const FieldCoverage& y) {
                     return x.actors.size() > y.actors.size();
                   });
  return out;
}

}  // namespace kn::app
