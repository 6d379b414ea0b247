#pragma once
// Eigenvector centrality, computed on the symmetrised simple graph as a whole (direction ignored,
// a mutual tie counts once): x = A x / lambda, scaled so max x = 1. Actors outside the dominant
// component get 0; a graph without ties gives all 1 as igraph does.
// Equals igraph eigen_centrality(as.undirected(g, "collapse"), scale=TRUE)$vector (ARPACK).
// Weighted (option): weights as tie strengths, summed over the two directions.
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct EigenvectorOptions {
  bool weighted = false;
};

struct EigenvectorResult {
  std::vector<double> eigenvector;
  double eigenvalue = 0.0;
};

EigenvectorResult eigenvector(const Graph& g, const EigenvectorOptions& options = {});

}  // namespace kn
