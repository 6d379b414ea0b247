#pragma once
// Community detection: Leiden (Traag, Waltman & van Eck 2019, Sci. Rep. 9:5233) optimising
// modularity Q = 1/(2m) sum_ij (A_ij - k_i k_j / 2m) delta(c_i, c_j) on the symmetrised simple
// graph (direction ignored), via igraph_community_leiden with node weights = degree and
// resolution 1/(2m). Equals R igraph cluster_leiden(as.undirected(g),
// objective_function="modularity") in the modularity it reaches (partitions depend on the
// random order; fixed by `seed`). Labels renumbered by first appearance in actor order.
// Isolates form singleton communities.
#include <cstdint>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct CommunityOptions {
  std::uint64_t seed = 42;
  double resolution = 1.0;  ///< gamma; 1 = classic modularity
  int iterations = -1;      ///< Leiden iterations; negative = until stable
  bool weighted = false;
};

struct CommunityResult {
  std::vector<std::uint32_t> membership;
  std::uint32_t count = 0;
  double modularity = 0.0;  ///< of the returned partition (igraph modularity(), resolution 1)
};

CommunityResult leiden(const Graph& g, const CommunityOptions& options = {});

/// Modularity of a given partition on the symmetrised graph (igraph modularity(), directed=FALSE).
double modularity(const Graph& g, const std::vector<std::uint32_t>& membership,
                  double resolution = 1.0, bool weighted = false);

}  // namespace kn
