// Matchmaking (see matchmaking.hpp).

#include "app/matchmaking.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analysis/similarity/neighbourhood_similarity.hpp"

namespace kn::app {

MatchmakingResult matchmaking(const MapModel& map, const MatchmakingOptions& o) {
  const auto n = static_cast<std::uint32_t>(map.actors.size());
  MatchmakingResult out;
  std::set<std::pair<ActorIndex, ActorIndex>> tied;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  std::set<std::pair<ActorIndex, ActorIndex>> wishes;  // ordered
  for (const auto& t : map.ties) {
    if (t.source == t.target) continue;
    if (t.desired) {
      wishes.emplace(t.source, t.target);
    } else {
      tied.insert(std::minmax(t.source, t.target));
      arcs.emplace_back(t.source, t.target);
    }
  }
  // Unmet wishes, in tie order.
  std::set<std::pair<ActorIndex, ActorIndex>> mutual_pairs;
  for (const auto& t : map.ties) {
    if (!t.desired || t.source == t.target) continue;
    if (tied.count(std::minmax(t.source, t.target)) != 0) continue;
    const bool mutual = wishes.count({t.target, t.source}) != 0;
    out.unmet.push_back({t.source, t.target, mutual});
    if (mutual) mutual_pairs.insert(std::minmax(t.source, t.target));
  }
  out.mutual_unmet = mutual_pairs.size();

  // Candidates: untied pairs with a wish, a shared field or a common partner.
  const Graph g = Graph::from_arcs(n, false, arcs);
  std::set<std::pair<ActorIndex, ActorIndex>> candidates;
  for (const auto& [u, v] : wishes)
    if (tied.count(std::minmax(u, v)) == 0) candidates.insert(std::minmax(u, v));
  std::map<std::string, std::vector<ActorIndex>> by_field;
  for (const auto& a : map.actors)
    for (const auto& f : std::set<std::string>(a.fields.begin(), a.fields.end()))
      by_field[f].push_back(a.index);
  for (const auto& [field, members] : by_field)
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j)
        if (tied.count(std::minmax(members[i], members[j])) == 0)
          candidates.insert(std::minmax(members[i], members[j]));
  for (const auto& p : neighbourhood_similarity(g).pairs)  // two-step pairs, untied by design
    candidates.insert({p.u, p.v});
  out.candidates = candidates.size();
  if (candidates.empty()) return out;

  NeighbourhoodSimilarityOptions so;
  so.pairs.assign(candidates.begin(), candidates.end());
  const auto sim = neighbourhood_similarity(g, so).pairs;
  double max_ra = 0.0;
  for (const auto& s : sim)
    max_ra = std::max(max_ra, s.resource_allocation);
  const int betweenness = map.measure_index("betweenness");
  std::vector<Suggestion> all;
  all.reserve(sim.size());
  for (const auto& s : sim) {
    const auto& a = map.actors[s.u];
    const auto& b = map.actors[s.v];
    Suggestion x;
    x.a = s.u;
    x.b = s.v;
    x.a_wishes_b = wishes.count({s.u, s.v}) != 0;
    x.b_wishes_a = wishes.count({s.v, s.u}) != 0;
    x.wish = x.a_wishes_b && x.b_wishes_a ? 1.0 : (x.a_wishes_b || x.b_wishes_a) ? 0.5 : 0.0;
    const std::set<std::string> fa(a.fields.begin(), a.fields.end()),
        fb(b.fields.begin(), b.fields.end());
    std::set_intersection(fa.begin(), fa.end(), fb.begin(), fb.end(),
                          std::back_inserter(x.shared_fields));
    const std::size_t either = fa.size() + fb.size() - x.shared_fields.size();
    x.fields =
        either ? static_cast<double>(x.shared_fields.size()) / static_cast<double>(either) : 0.0;
    x.partners = max_ra > 0 ? s.resource_allocation / max_ra : 0.0;
    x.cross_sector = a.sector != b.sector ? 1.0 : 0.0;
    x.common_partners = s.common;
    if (s.common > 0) {
      // The most central common partner (betweenness; actor order on ties).
      const auto na = g.out(s.u), nb = g.out(s.v);
      double best = -1.0;
      for (const auto w : na) {
        if (!std::binary_search(nb.begin(), nb.end(), w)) continue;
        const double bw =
            betweenness >= 0 ? map.actors[w].measures[static_cast<std::size_t>(betweenness)] : 0.0;
        const double value = std::isnan(bw) ? 0.0 : bw;
        if (value > best) {
          best = value;
          x.introducer = w;
        }
      }
    }
    x.score = 6 * x.wish + 2 * x.fields + 2 * x.partners + 0.5 * x.cross_sector;
    all.push_back(std::move(x));
  }
  std::stable_sort(all.begin(), all.end(), [](const Suggestion& l, const Suggestion& r) {
    return l.score > r.score;  // candidates are in (a, b) order already
  });
  if (all.size() > o.top) all.resize(o.top);
  out.suggestions = std::move(all);
  return out;
}

}  // namespace kn::app
