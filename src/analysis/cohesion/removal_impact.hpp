#pragma once
// What happens to the network when one actor leaves ("who holds it together", city report):
// for each actor v, the symmetrised simple graph without v (direction and weights ignored) is
// compared with the whole one:
//   components        number of components of the graph without v (isolates count; the
//                     other n - 1 actors), igraph count_components() of delete_vertices(g, v)
//   largest           size of its largest component
//   fragmentation     F = 1 - sum_k s_k (s_k - 1) / ((n-1)(n-2)), Borgatti's F without v
//                     (analysis/cohesion/key_players.hpp), 1 when fewer than two actors remain
//   reachable_pairs   ordered pairs (i, j), i != j, connected without v
//   mean_distance     mean geodesic over those pairs (igraph mean_distance(unconnected=TRUE)
//                     of the graph without v); NaN without any connected pair; only with
//                     `distances`
//   lost_pairs        reachable pairs of the whole graph among the other actors that v's
//                     departure disconnects (whole-graph reachable pairs not involving v minus
//                     reachable_pairs)
// Cost: O(n (n + m)) for the components, O(n^2 (n + m)) with distances, on `threads` workers;
// progress ("removal", fraction of actors) and cancel through RunControl.
#include <cstdint>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct RemovalImpactOptions {
  /// Actors to remove one at a time; empty = every actor.
  std::vector<ActorIndex> actors;
  bool distances = false;  ///< also the mean distance without each actor
  unsigned threads = 0;
  const RunControl* control = nullptr;
};

struct RemovalImpact {
  ActorIndex actor = 0;
  std::uint32_t components = 0, largest = 0;
  double fragmentation = 0.0;
  std::uint64_t reachable_pairs = 0, lost_pairs = 0;
  double mean_distance = kUndefined;
};

struct RemovalImpactResult {
  std::uint32_t components = 0;         ///< of the whole graph
  std::uint64_t reachable_pairs = 0;    ///< of the whole graph
  double mean_distance = kUndefined;    ///< of the whole graph (with `distances`)
  std::vector<RemovalImpact> removals;  ///< in the order of options.actors (or actor order)
};

/// Throws std::invalid_argument for an actor index out of range.
RemovalImpactResult removal_impact(const Graph& g, const RemovalImpactOptions& options = {});

}  // namespace kn
