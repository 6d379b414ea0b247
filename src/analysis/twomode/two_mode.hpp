#pragma once
// Two-mode (actor x item) analysis, e.g. actors x fields of action.
//   density = memberships / (n_actors * n_items)  (sna::gden(mode="twomode")).
//   bipartite degree centrality = degree / size of the other mode (networkx
//     bipartite.degree_centrality).
//   projections onto actors (pairs with at least one shared item):
//     co-membership count w_uv = |N(u) cap N(v)| (igraph bipartite_projection(multiplicity=TRUE));
//     Jaccard w_uv = |N(u) cap N(v)| / |N(u) cup N(v)| (networkx
//       overlap_weighted_projected_graph(jaccard=True));
//     Newman w_uv = sum_{k in N(u) cap N(v)} 1/(deg_k - 1) (networkx
//       collaboration_weighted_projected_graph).
#include <string>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

/// Two-mode incidence: actors 0..n_actors-1, items 0..n_items-1; memberships deduplicated.
struct TwoModeGraph {
  std::uint32_t n_actors = 0, n_items = 0;
  std::vector<std::vector<std::uint32_t>> actor_items;  ///< sorted item lists per actor
  std::vector<std::vector<std::uint32_t>> item_actors;  ///< sorted actor lists per item
};

TwoModeGraph make_two_mode(const Network& network, const std::string& affiliation);
TwoModeGraph make_two_mode(std::uint32_t n_actors, std::uint32_t n_items,
                           const std::vector<std::pair<std::uint32_t, std::uint32_t>>& memberships);

enum class ProjectionWeight { Count, Jaccard, Newman };

struct ProjectionEdge {
  std::uint32_t u = 0, v = 0;  ///< u < v
  double weight = 0.0;
};

struct TwoModeResult {
  double density = kUndefined;
  std::vector<double> actor_degree_centrality;  ///< degree / n_items
  std::vector<double> item_degree_centrality;   ///< degree / n_actors
};

TwoModeResult two_mode_summary(const TwoModeGraph& g);
std::vector<ProjectionEdge> project_actors(const TwoModeGraph& g, ProjectionWeight weight);

}  // namespace kn
