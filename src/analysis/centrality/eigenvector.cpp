#include "analysis/centrality/eigenvector.hpp"

#include <stdexcept>

#include "analysis/detail/igraph_bridge.hpp"

namespace kn {

EigenvectorResult eigenvector(const Graph& g, const EigenvectorOptions& options) {
  if (options.weighted && !g.weighted()) {
    throw std::invalid_argument(
        "eigenvector: weighted computation requested on an unweighted graph");
  }
  EigenvectorResult r;
  if (g.n() == 0) return r;
  auto lock = detail::igraph_lock();
  detail::IgraphGraph ig(g, detail::IgraphShape::Symmetrised);
  detail::IgraphVector vec;
  igraph_arpack_options_t arpack;
  igraph_arpack_options_init(&arpack);
  igraph_real_t value = 0.0;
  detail::igraph_check(
      igraph_eigenvector_centrality(ig.get(), vec.get(), &value, false, true,
                                    options.weighted ? ig.weights() : nullptr, &arpack),
      "igraph_eigenvector_centrality");
  (void)detail::take_igraph_warning();
  r.eigenvector = vec.to_std();
  r.eigenvalue = value;
  return r;
}

}  // namespace kn
