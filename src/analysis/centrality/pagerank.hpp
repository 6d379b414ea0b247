#pragma once
// PageRank (Brin & Page 1998): PR = (1-d)/n + d * sum_{u->v} PR(u)/outdeg(u), dangling actors
// spread their score uniformly; sum = 1. Equals igraph page_rank(g, directed=TRUE, damping=0.85)
// (PRPACK) and networkx pagerank(alpha=0.85) up to solver tolerance.
// Weighted: weights as strengths (igraph weights=).
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct PageRankOptions {
  double damping = 0.85;
  bool weighted = false;
};

struct PageRankResult {
  std::vector<double> pagerank;
};

PageRankResult pagerank(const Graph& g, const PageRankOptions& options = {});

}  // namespace kn
