#pragma once
// Distance-based centralities from one single-source shortest-path sweep per actor.
//   closeness(v) = 1 / sum_{u reachable from v, u != v} d(v,u)   (mode out);
//     NaN if no other actor is reachable (sinks, isolates).
//     Equals igraph 0.10 closeness(g, mode="out", normalized=FALSE) (which returns NaN there).
//   harmonic(v) = sum_{u != v} 1/d(v,u), unreachable contributing 0.
//     Equals igraph harmonic_centrality(g, mode="out", normalized=FALSE).
// mode in: distances to v; mode all: ignoring direction. Weighted: weights are distances
// (Dijkstra). Own parallel implementation (both cores), see docs/PERFORMANCE.md.
#include <vector>

#include "analysis/common.hpp"

namespace kn {

enum class PathMode { Out, In, All };

struct ClosenessOptions {
  PathMode mode = PathMode::Out;
  bool weighted = false;
  unsigned threads = 0;
  const RunControl* control = nullptr;
};

struct ClosenessResult {
  std::vector<double> closeness;  ///< NaN where nothing is reachable
  std::vector<double> harmonic;
  std::vector<std::uint32_t> reachable;  ///< number of other actors reachable
};

ClosenessResult closeness(const Graph& g, const ClosenessOptions& options = {});

}  // namespace kn
