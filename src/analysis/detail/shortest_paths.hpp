#pragma once
// Shared pieces of the shortest-path based measures (betweenness, closeness, descriptive):
// a plain CSR adjacency for one traversal direction and igraph's tolerant float comparison.
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/graph_view.hpp"

namespace kn::detail {

/// Adjacency for traversal: neighbours of v are adj[off[v] .. off[v+1]), weights parallel (or
/// null when unweighted).
struct CsrRef {
  std::uint32_t n = 0;
  const std::uint32_t* off = nullptr;
  const std::uint32_t* adj = nullptr;
  const double* w = nullptr;
};

/// Owns the arrays of a CsrRef built for a traversal direction other than "out".
struct OwnedCsr {
  std::vector<std::uint32_t> off, adj;
  std::vector<double> w;
  [[nodiscard]] CsrRef ref(std::uint32_t n) const {
    return {n, off.data(), adj.data(), w.empty() ? nullptr : w.data()};
  }
};

/// Out-adjacency of g (no copy). `weighted`: include weights (g must be weighted).
inline CsrRef out_csr(const Graph& g, bool weighted) {
  return {g.n(), g.out_offsets().data(), g.out_targets().data(),
          weighted ? g.out_weight_array().data() : nullptr};
}

/// In-adjacency (reverse arcs) of g.
OwnedCsr in_csr(const Graph& g, bool weighted);
/// Adjacency ignoring direction: u~v if u->v or v->u; weight = the smaller of the two.
OwnedCsr all_csr(const Graph& g, bool weighted);

/// Throws std::invalid_argument unless g is weighted and every weight is finite and > 0.
void require_positive_weights(const Graph& g, const char* measure);

/// igraph_cmp_epsilon (src/math/utils.c) with eps = 1e-10: 0 if a and b are equal up to a
/// relative tolerance, otherwise -1 / +1.
inline int cmp_epsilon(double a, double b) {
  constexpr double kEps = 1e-10;
  if (a == b) return 0;
  const double diff = a - b;
  const double abs_diff = std::fabs(diff);
  const double sum = std::fabs(a) + std::fabs(b);
  if (a == 0.0 || b == 0.0 || sum < std::numeric_limits<double>::min()) {
    return abs_diff < kEps * std::numeric_limits<double>::min() ? 0 : (diff < 0 ? -1 : 1);
  }
  if (!std::isfinite(sum)) return abs_diff < kEps * sum ? 0 : (diff < 0 ? -1 : 1);
  return abs_diff / sum < kEps ? 0 : (diff < 0 ? -1 : 1);
}

}  // namespace kn::detail
