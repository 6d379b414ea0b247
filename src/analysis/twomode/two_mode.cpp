#include "analysis/twomode/two_mode.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kn {

namespace {

void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

TwoModeGraph make_two_mode(
    std::uint32_t n_actors, std::uint32_t n_items,
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& memberships) {
  TwoModeGraph g;
  g.n_actors = n_actors;
  g.n_items = n_items;
  g.actor_items.resize(n_actors);
  g.item_actors.resize(n_items);
  for (const auto& [actor, item] : memberships) {
    if (actor >= n_actors || item >= n_items) {
      throw std::out_of_range("two-mode membership (" + std::to_string(actor) + ", " +
                              std::to_string(item) + ") outside " + std::to_string(n_actors) +
                              " actors x " + std::to_string(n_items) + " items");
    }
    g.actor_items[actor].push_back(item);
    g.item_actors[item].push_back(actor);
  }
  for (auto& list : g.actor_items)
    sort_unique(list);
  for (auto& list : g.item_actors)
    sort_unique(list);
  return g;
}

TwoModeGraph make_two_mode(const Network& network, const std::string& affiliation) {
  const Affiliation* aff = network.find_affiliation(affiliation);
  if (aff == nullptr) {
    throw std::invalid_argument("unknown affiliation '" + affiliation + "'");
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> memberships;
  memberships.reserve(aff->actor.size());
  for (std::size_t r = 0; r < aff->actor.size() && r < aff->item.size(); ++r) {
    memberships.emplace_back(aff->actor[r], aff->item[r]);
  }
  return make_two_mode(static_cast<std::uint32_t>(network.actor_count()),
                       static_cast<std::uint32_t>(aff->items.size()), memberships);
}

TwoModeResult two_mode_summary(const TwoModeGraph& g) {
  TwoModeResult result;
  std::size_t memberships = 0;
  for (const auto& list : g.actor_items)
    memberships += list.size();
  const double cells = static_cast<double>(g.n_actors) * static_cast<double>(g.n_items);
  if (cells > 0.0) result.density = static_cast<double>(memberships) / cells;
  result.actor_degree_centrality.resize(g.n_actors, kUndefined);
  result.item_degree_centrality.resize(g.n_items, kUndefined);
  if (g.n_items > 0) {
    for (std::uint32_t a = 0; a < g.n_actors; ++a) {
      result.actor_degree_centrality[a] =
          static_cast<double>(g.actor_items[a].size()) / static_cast<double>(g.n_items);
    }
  }
  if (g.n_actors > 0) {
    for (std::uint32_t k = 0; k < g.n_items; ++k) {
      result.item_degree_centrality[k] =
          static_cast<double>(g.item_actors[k].size()) / static_cast<double>(g.n_actors);
    }
  }
  return result;
}

std::vector<ProjectionEdge> project_actors(const TwoModeGraph& g, ProjectionWeight weight) {
  std::vector<ProjectionEdge> edges;
  std::vector<std::uint32_t> shared(g.n_actors, 0);  // |N(u) cap N(v)|
  std::vector<double> newman(g.n_actors, 0.0);       // sum 1/(deg_k - 1)
  std::vector<std::uint32_t> touched;
  for (std::uint32_t u = 0; u < g.n_actors; ++u) {
    touched.clear();
    for (const std::uint32_t k : g.actor_items[u]) {
      const auto& members = g.item_actors[k];
      const double w = members.size() > 1 ? 1.0 / static_cast<double>(members.size() - 1) : 0.0;
      // members is sorted: only partners v > u.
      for (auto it = std::upper_bound(members.begin(), members.end(), u); it != members.end();
           ++it) {
        if (shared[*it] == 0) touched.push_back(*it);
        ++shared[*it];
        newman[*it] += w;
      }
    }
    std::sort(touched.begin(), touched.end());
    for (const std::uint32_t v : touched) {
      ProjectionEdge e;
      e.u = u;
      e.v = v;
      const auto c = static_cast<double>(shared[v]);
      switch (weight) {
        case ProjectionWeight::Count:
          e.weight = c;
          break;
        case ProjectionWeight::Jaccard: {
          const auto uni =
              static_cast<double>(g.actor_items[u].size() + g.actor_items[v].size()) - c;
          e.weight = c / uni;
          break;
        }
        case ProjectionWeight::Newman:
          e.weight = newman[v];
          break;
      }
      edges.push_back(e);
      shared[v] = 0;
      newman[v] = 0.0;
    }
  }
  return edges;
}

}  // namespace kn
