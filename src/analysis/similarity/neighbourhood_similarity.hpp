#pragma once
// Neighbourhood similarity of actor pairs ("common partners"), the link-prediction scores of
// Liben-Nowell & Kleinberg (2007, JASIST 58:1019-1031), on the symmetrised simple graph
// (direction and weights ignored, loops dropped), for the matchmaking of the city report:
//   common(u, v)              = |N(u) ∩ N(v)|
//   jaccard(u, v)             = |N(u) ∩ N(v)| / |N(u) ∪ N(v)|, 0 when both have no neighbour
//                               (networkx jaccard_coefficient)
//   adamic_adar(u, v)         = sum over w in N(u) ∩ N(v) of 1 / ln deg(w) (Adamic & Adar 2003;
//                               networkx adamic_adar_index; deg(w) >= 2 for a common neighbour)
//   resource_allocation(u, v) = sum over w in N(u) ∩ N(v) of 1 / deg(w) (Zhou, Lü & Zhang 2009;
//                               networkx resource_allocation_index)
// Pairs may be adjacent or not, and u = v is allowed (then N(u) ∩ N(v) = N(u)), as in networkx.
// Without pairs given, every unordered non-adjacent pair with at least one common neighbour
// (the two-step candidates) is scored, in ascending (u, v) order. O(sum of deg(u) + deg(v)) per
// given pair (sorted neighbour lists); all two-step pairs cost O(sum_w deg(w)^2).
#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct NeighbourhoodSimilarityOptions {
  /// Pairs to score; empty = every non-adjacent pair at distance 2.
  std::vector<std::pair<ActorIndex, ActorIndex>> pairs;
  const RunControl* control = nullptr;
};

struct PairSimilarity {
  ActorIndex u = 0, v = 0;
  std::uint32_t common = 0;
  double jaccard = 0.0, adamic_adar = 0.0, resource_allocation = 0.0;
};

struct NeighbourhoodSimilarityResult {
  std::vector<PairSimilarity> pairs;
};

/// Throws std::invalid_argument for an actor index out of range.
NeighbourhoodSimilarityResult neighbourhood_similarity(
    const Graph& g, const NeighbourhoodSimilarityOptions& options = {});

}  // namespace kn
