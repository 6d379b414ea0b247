#pragma once
// k-core number (Seidman 1983; Batagelj & Zaversnik 2003 O(m) algorithm).
// coreness(v) = largest k such that v is in a subgraph where every actor has degree >= k, with
// degree = in + out arcs of the directed view (a mutual tie counts twice).
// Equals igraph coreness(g, mode="all") on the directed simple graph; on an undirected view it
// equals igraph coreness of the undirected graph.
#include <vector>

#include "analysis/common.hpp"

namespace kn {

enum class CoreMode { All, In, Out };

struct CorenessOptions {
  CoreMode mode = CoreMode::All;
};

struct CorenessResult {
  std::vector<double> coreness;
};

CorenessResult coreness(const Graph& g, const CorenessOptions& options = {});

}  // namespace kn
