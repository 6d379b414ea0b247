#pragma once
// Cohesion inside each sector for the city report (issue 5): does a sector work together as one
// group, or does it fall apart into groups that do not talk to each other? Computed on the
// network directly (not on one map relation): the ties of options.relations (default
// zusammenarbeit and information together) in options.wave ("" = every wave), direction
// ignored, several ties between two actors counted once, loops dropped.
//
// Per sector (actor attribute `sector`; actors without one form the sector ""), in domain order
// (kSectorKeys), then other keys ascending, "" last — the order of sector_order(map):
//   - ties: unordered pairs of the sector's actors with a tie; density = ties / (n (n - 1) / 2)
//     for the n actors of the sector, NaN if n < 2 (igraph edge_density() of the induced
//     subgraph, undirected);
//   - components of the induced subgraph (the sector's actors and the ties among them), each
//     ascending, sorted by size (descending), then first actor; isolates = actors with no tie
//     inside the sector (they are the components of size 1);
//   - fragmented: the induced subgraph has at least two components of at least
//     options.min_fragment actors (default 3) — the groups — or, when it does not and
//     options.bridge is on (default), it has them once one actor is removed: that actor is the
//     bridge, the only link between the groups inside the sector (of all actors whose removal
//     gives the most groups, the one leaving the most actors in groups, then the first in actor
//     order). groups: the member lists of those components (ascending, sorted like the
//     components), empty if not fragmented.
//   - Cost: O(n + m) for the components; the bridge search runs one search per actor with at
//     least two ties inside the sector, O(n_s (n_s + m_s)) for a sector of n_s actors and m_s
//     ties (fine for survey networks of a few thousand actors).
//   - Relations not in the network are skipped (a survey may not ask about information
//     exchange); an unknown wave throws std::invalid_argument.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/graph/network.hpp"

namespace kn::app {

struct SectorCohesionOptions {
  std::vector<std::string> relations = {"zusammenarbeit", "information"};
  std::string wave;              ///< "" = every wave
  std::size_t min_fragment = 3;  ///< actors a group needs
  bool bridge = true;            ///< also look for groups held together by one actor
};

struct SectorCohesion {
  std::string sector;
  std::vector<ActorIndex> actors;  ///< ascending
  std::size_t ties = 0;            ///< unordered pairs with a tie inside the sector
  double density = 0.0;            ///< NaN with fewer than two actors
  std::vector<std::vector<ActorIndex>> components;  ///< largest first
  std::vector<std::size_t> component_sizes;         ///< parallel, descending
  std::vector<ActorIndex> isolates;                 ///< ascending
  bool fragmented = false;
  std::optional<ActorIndex> bridge;             ///< set when the groups hang on one actor
  std::vector<std::vector<ActorIndex>> groups;  ///< components >= min_fragment (bridge removed)
};

struct SectorCohesionResult {
  std::vector<SectorCohesion> sectors;
};

/// Throws std::invalid_argument for an unknown wave or min_fragment 0.
SectorCohesionResult sector_cohesion(const Network& network,
                                     const SectorCohesionOptions& options = {});

}  // namespace kn::app
