#include "analysis/cohesion/coreness.hpp"

#include "analysis/detail/igraph_bridge.hpp"

namespace kn {

CorenessResult coreness(const Graph& g, const CorenessOptions& options) {
  CorenessResult r;
  if (g.n() == 0) return r;
  igraph_neimode_t mode = IGRAPH_ALL;
  if (options.mode == CoreMode::In) mode = IGRAPH_IN;
  if (options.mode == CoreMode::Out) mode = IGRAPH_OUT;
  auto lock = detail::igraph_lock();
  detail::IgraphGraph ig(g, detail::IgraphShape::AsIs);
  detail::IgraphIntVector cores;
  detail::igraph_check(igraph_coreness(ig.get(), cores.get(), mode), "igraph_coreness");
  r.coreness.resize(cores.size());
  for (std::size_t i = 0; i < cores.size(); ++i)
    r.coreness[i] = static_cast<double>(cores[i]);
  return r;
}

}  // namespace kn
