#pragma once
// Degree centrality.
// indegree(v) = number of distinct actors u != v with an arc u->v; outdegree analogous; in an
// undirected view both equal the number of distinct neighbours. Loops never count, multi-ties
// count once (the view is simple). Equals igraph degree(g, mode="in"/"out", loops=FALSE) on the
// simplified graph and sna::degree(cmode="indegree"/"outdegree").
// Weighted: in/out strength = sum of arc weights (igraph strength()).
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct DegreeOptions {
  bool weighted = false;  ///< also compute strengths (requires a weighted graph)
};

struct DegreeResult {
  std::vector<double> indegree, outdegree;
  std::vector<double> instrength, outstrength;  ///< empty unless weighted
};

DegreeResult degree(const Graph& g, const DegreeOptions& options = {});

}  // namespace kn
