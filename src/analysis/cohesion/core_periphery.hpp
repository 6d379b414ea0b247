#pragma once
// Discrete core-periphery model (Borgatti & Everett 1999, "Models of core/periphery
// structures", Soc. Netw. 21:375-395), as UCINET's default (Network > Core/Periphery >
// Categorical) and netUtils::core_periphery fit it: a partition of the actors into core and
// periphery that maximises the Pearson correlation between the adjacency matrix and the ideal
// pattern delta (1 for core-core pairs, 0 for periphery-periphery pairs; core-periphery pairs and
// the diagonal are left out, "missing"). Direction and weights are ignored: the symmetrised
// simple graph, each unordered pair once (the ordered-pair correlation of a symmetric matrix is
// the same number).
//
//   With C core and P periphery actors, N1 = C(C-1)/2 core pairs with T1 ties, N0 = P(P-1)/2
//   periphery pairs with T0 ties, N = N1 + N0, T = T1 + T0:
//   r = (T1/N - (N1/N)(T/N)) / sqrt((N1/N)(1 - N1/N) (T/N)(1 - T/N)),
//   undefined (NaN) when either factor of the denominator is 0 (fewer than two actors in the
//   core or the periphery, or no / only ties among the included pairs).
//
// Search: steepest ascent over single-actor moves (each evaluated in O(1) from the counts,
// O(degree) to apply), from a start at the actors of the highest k-core (restart 0) and from
// seeded random partitions (the other restarts); the best partition found is returned with its
// correlation and the seed. Heuristic like UCINET's and netUtils' (simulated annealing); the tests
// compare it with brute force over every partition on small graphs.
// Own implementation: igraph and sna have none.
#include <cstdint>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct CorePeripheryOptions {
  std::uint64_t seed = 42;
  std::uint32_t restarts = 20;  ///< >= 1
  const RunControl* control = nullptr;
};

struct CorePeripheryResult {
  std::vector<std::uint8_t> core;  ///< per actor: 1 = core, 0 = periphery
  std::uint32_t core_size = 0;
  double correlation = kUndefined;        ///< the fit r; NaN if no partition has a defined r
  double core_density = kUndefined;       ///< T1 / N1
  double periphery_density = kUndefined;  ///< T0 / N0
  double between_density = kUndefined;    ///< core-periphery ties / (C P)
  std::uint64_t seed = 0;
};

/// Throws std::invalid_argument if restarts is 0.
CorePeripheryResult core_periphery(const Graph& g, const CorePeripheryOptions& options = {});

/// The fit r and densities of a given partition (`core` has one entry per actor).
CorePeripheryResult core_periphery_fit(const Graph& g, const std::vector<std::uint8_t>& core);

}  // namespace kn
