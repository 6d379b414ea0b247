#include "analysis/centrality/degree.hpp"

#include <stdexcept>

namespace kn {

DegreeResult degree(const Graph& g, const DegreeOptions& options) {
  const std::uint32_t n = g.n();
  DegreeResult r;
  r.indegree.resize(n);
  r.outdegree.resize(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    r.indegree[v] = g.in_degree(v);
    r.outdegree[v] = g.out_degree(v);
  }
  if (options.weighted) {
    if (!g.weighted()) {
      throw std::invalid_argument("degree: strengths requested on an unweighted graph");
    }
    r.instrength.assign(n, 0.0);
    r.outstrength.assign(n, 0.0);
    for (std::uint32_t v = 0; v < n; ++v) {
      for (double w : g.in_weights(v))
        r.instrength[v] += w;
      for (double w : g.out_weights(v))
        r.outstrength[v] += w;
    }
  }
  return r;
}

}  // namespace kn
