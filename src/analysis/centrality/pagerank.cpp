#include "analysis/centrality/pagerank.hpp"

#include <stdexcept>

#include "analysis/detail/igraph_bridge.hpp"

namespace kn {

PageRankResult pagerank(const Graph& g, const PageRankOptions& options) {
  if (options.weighted && !g.weighted()) {
    throw std::invalid_argument("pagerank: weighted computation requested on an unweighted graph");
  }
  if (!(options.damping >= 0.0 && options.damping <= 1.0)) {
    throw std::invalid_argument("pagerank: damping must be in [0, 1]");
  }
  PageRankResult r;
  if (g.n() == 0) return r;
  auto lock = detail::igraph_lock();
  detail::IgraphGraph ig(g, detail::IgraphShape::AsIs);
  detail::IgraphVector vec;
  igraph_real_t value = 0.0;
  detail::igraph_check(igraph_pagerank(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, vec.get(), &value,
                                       igraph_vss_all(), g.directed(), options.damping,
                                       options.weighted ? ig.weights() : nullptr, nullptr),
                       "igraph_pagerank");
  (void)detail::take_igraph_warning();
  r.pagerank = vec.to_std();
  return r;
}

}  // namespace kn
