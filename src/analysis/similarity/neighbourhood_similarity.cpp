// Neighbourhood similarity (see neighbourhood_similarity.hpp). Own implementation: igraph has
// similarity_jaccard() but no Adamic-Adar or resource allocation, and the two-step candidate
// enumeration is ours anyway.

#include "analysis/similarity/neighbourhood_similarity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace kn {

namespace {

PairSimilarity score(const Graph& s, ActorIndex u, ActorIndex v) {
  PairSimilarity p;
  p.u = u;
  p.v = v;
  const auto a = s.out(u), b = s.out(v);
  std::size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      const double deg = s.out_degree(a[i]);
      ++both;
      p.resource_allocation += 1.0 / deg;
      // deg(w) >= 2 unless u = v and w has u as its only neighbour (ln 1 = 0): skipped, as
      // networkx would divide by zero there.
      if (deg > 1.0) p.adamic_adar += 1.0 / std::log(deg);
      ++i;
      ++j;
    }
  }
  p.common = static_cast<std::uint32_t>(both);
  const std::size_t either = a.size() + b.size() - both;
  p.jaccard = either == 0 ? 0.0 : static_cast<double>(both) / static_cast<double>(either);
  return p;
}

}  // namespace

NeighbourhoodSimilarityResult neighbourhood_similarity(const Graph& g,
                                                       const NeighbourhoodSimilarityOptions& o) {
  const Graph s = g.directed() ? g.symmetrised() : g;
  const std::uint32_t n = s.n();
  NeighbourhoodSimilarityResult out;
  if (!o.pairs.empty()) {
    out.pairs.reserve(o.pairs.size());
    for (const auto& [u, v] : o.pairs) {
      if (u >= n || v >= n)
        throw std::invalid_argument(
            "neighbourhood_similarity: actor index out of range (n = " + std::to_string(n) + ")");
      out.pairs.push_back(score(s, u, v));
    }
    return out;
  }
  // Two-step candidates: for each u, the neighbours of its neighbours above u, not adjacent.
  std::vector<std::uint32_t> mark(n, 0xFFFFFFFFU);
  std::vector<ActorIndex> found;
  for (ActorIndex u = 0; u < n; ++u) {
    if (o.control != nullptr && (u & 255U) == 0) {
      o.control->check();
      o.control->step("similarity", static_cast<double>(u) / static_cast<double>(n));
    }
    found.clear();
    for (const auto w : s.out(u))
      mark[w] = u;  // neighbours of u are excluded
    mark[u] = u;
    for (const auto w : s.out(u))
      for (const auto v : s.out(w))
        if (v > u && mark[v] != u) {
          mark[v] = u;
          found.push_back(v);
        }
    std::sort(found.begin(), found.end());
    for (const auto v : found)
      out.pairs.push_back(score(s, u, v));
  }
  if (o.control != nullptr) o.control->step("similarity", 1.0);
  return out;
}

}  // namespace kn
