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

  // Candidates: untied pairs with a wish, a shared field or a common partner (a sorted vector:
  // a 5,000-actor city has millions of same-field pairs, too many for a std::set's nodes).
  const Graph g = Graph::from_arcs(n, false, arcs);
  std::vector<std::pair<ActorIndex, ActorIndex>> candidates;
  for (const auto& [u, v] : wishes)
    if (tied.count(std::minmax(u, v)) == 0) candidates.push_back(std::minmax(u, v));
  // Fields as small ids, each actor's sorted and unique.
  std::map<std::string, std::uint32_t> field_id;
  for (const auto& a : map.actors)
    for (const auto& f : a.fields)
      field_id.emplace(f, 0);
  std::vector<std::string> field_key;
  for (auto& [key, id] : field_id) {
    id = static_cast<std::uint32_t>(field_key.size());
    field_key.push_back(key);
  }
  std::vector<std::vector<std::uint32_t>> fields(n);
  std::vector<std::vector<ActorIndex>> by_field(field_key.size());
  for (const auto& a : map.actors) {
    auto& f = fields[a.index];
    for (const auto& key : a.fields)
      f.push_back(field_id.at(key));
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
    for (const auto id : f)
      by_field[id].push_back(a.index);
  }
  for (const auto& members : by_field)
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j)
        if (!g.has_arc(members[i], members[j]))
          candidates.emplace_back(std::minmax(members[i], members[j]));
  for (const auto& p : neighbourhood_similarity(g).pairs)  // two-step pairs, untied by design
    candidates.emplace_back(p.u, p.v);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  out.candidates = candidates.size();
  if (candidates.empty()) return out;

  NeighbourhoodSimilarityOptions so;
  so.pairs = std::move(candidates);
  const auto sim = neighbourhood_similarity(g, so).pairs;
  double max_ra = 0.0;
  for (const auto& x : sim)
    max_ra = std::max(max_ra, x.resource_allocation);

  // Scores first (no strings), then the details of the best only.
  const auto shared_count = [&](ActorIndex u, ActorIndex v) {
    const auto &fa = fields[u], &fb = fields[v];
    std::size_t i = 0, j = 0, common = 0;
    while (i < fa.size() && j < fb.size()) {
      if (fa[i] < fb[j]) {
        ++i;
      } else if (fb[j] < fa[i]) {
        ++j;
      } else {
        ++common;
        ++i;
        ++j;
      }
    }
    return common;
  };
  struct Scored {
    double score = 0.0;
    std::size_t index = 0;
  };
  std::vector<Scored> scored(sim.size());
  const auto components = [&](const PairSimilarity& x, Suggestion& out_s) {
    const auto& a = map.actors[x.u];
    const auto& b = map.actors[x.v];
    out_s.a = x.u;
    out_s.b = x.v;
    out_s.a_wishes_b = wishes.count({x.u, x.v}) != 0;
    out_s.b_wishes_a = wishes.count({x.v, x.u}) != 0;
    out_s.wish = out_s.a_wishes_b && out_s.b_wishes_a     ? 1.0
                 : (out_s.a_wishes_b || out_s.b_wishes_a) ? 0.5
                                                          : 0.0;
    const std::size_t common = shared_count(x.u, x.v);
    const std::size_t either = fields[x.u].size() + fields[x.v].size() - common;
    out_s.fields = either ? static_cast<double>(common) / static_cast<double>(either) : 0.0;
    out_s.partners = max_ra > 0 ? x.resource_allocation / max_ra : 0.0;
    out_s.cross_sector = a.sector != b.sector ? 1.0 : 0.0;
    out_s.common_partners = x.common;
    out_s.score = 6 * out_s.wish + 2 * out_s.fields + 2 * out_s.partners + 0.5 * out_s.cross_sector;
  };
  for (std::size_t i = 0; i < sim.size(); ++i) {
    Suggestion x;
    components(sim[i], x);
    scored[i] = {x.score, i};
  }
  // Best first; equal scores in candidate (a, b) order.
  const std::size_t keep = std::min(o.top, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep),
                    scored.end(), [](const Scored& l, const Scored& r) {
                      return l.score != r.score ? l.score > r.score : l.index < r.index;
                    });
  const int betweenness = map.measure_index("betweenness");
  for (std::size_t k = 0; k < keep; ++k) {
    const auto& x = sim[scored[k].index];
    Suggestion s;
    components(x, s);
    for (const auto id : fields[x.u])
      if (std::binary_search(fields[x.v].begin(), fields[x.v].end(), id))
        s.shared_fields.push_back(field_key[id]);
    if (x.common > 0) {
      // The most central common partner (betweenness; actor order on ties).
      const auto na = g.out(x.u), nb = g.out(x.v);
      double best = -1.0;
      for (const auto w : na) {
        if (!std::binary_search(nb.begin(), nb.end(), w)) continue;
        const double bw =
            betweenness >= 0 ? map.actors[w].measures[static_cast<std::size_t>(betweenness)] : 0.0;
        const double value = std::isnan(bw) ? 0.0 : bw;
        if (value > best) {
          best = value;
          s.introducer = w;
        }
      }
    }
    out.suggestions.push_back(std::move(s));
  }
  return out;
}

}  // namespace kn::app
