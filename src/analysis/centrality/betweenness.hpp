#pragma once
// Betweenness centrality (Freeman 1977; Brandes 2001, J. Math. Sociol. 25:163-177).
// b(v) = sum over ordered pairs s != v != t of sigma_st(v) / sigma_st (directed view);
// for an undirected view each unordered pair counts once (= directed-symmetric value / 2).
// Unnormalised. Equals igraph betweenness(g, directed=TRUE, normalized=FALSE) and sna::betweenness
// (raw, gmode="digraph"); undirected equals igraph betweenness on the undirected graph.
// Weighted: weights are *distances* (igraph weights=), Dijkstra-based Brandes; ties in path
// length compared with a relative tolerance of 1e-10 as igraph does.
// Own implementation (not igraph): parallel over sources with per-thread accumulators so both
// cores are used; igraph's is single-threaded (see docs/PERFORMANCE.md).
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct BetweennessOptions {
  bool weighted = false;  ///< use arc weights as distances
  unsigned threads = 0;   ///< 0 = all cores
  const RunControl* control = nullptr;
  /// Also return out-closeness, harmonic centrality and reachable counts, exactly as
  /// closeness(g, {PathMode::Out, weighted}) (bit-identical). Unweighted they come from the
  /// same BFS sweep as betweenness (no second all-pairs sweep); weighted closeness() is called.
  bool with_closeness = false;
};

struct BetweennessResult {
  std::vector<double> betweenness;
  /// Only with options.with_closeness: as ClosenessResult (closeness NaN where nothing is
  /// reachable); empty otherwise.
  std::vector<double> closeness, harmonic;
  std::vector<std::uint32_t> reachable;
};

BetweennessResult betweenness(const Graph& g, const BetweennessOptions& options = {});

}  // namespace kn
