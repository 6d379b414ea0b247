#pragma once
// Network-level descriptive measures.
//   density       = m / (n(n-1)) directed, 2m/(n(n-1)) undirected (igraph edge_density,
//                   loops=FALSE; sna::gden). NaN for n < 2.
//   reciprocity   = share of arcs whose reverse arc exists (igraph reciprocity(), default
//                   mode; = sna::grecip(measure="edgewise")); 1 for an undirected view;
//                   NaN without arcs.
//   transitivity  = 3 x triangles / connected triples on the undirected simple view (igraph
//                   transitivity(type="global")); NaN when there is no connected triple.
//   diameter, mean_distance: unweighted geodesics following direction (undirected view: both
//                   ways), over reachable ordered pairs only (igraph diameter(directed=TRUE,
//                   unconnected=TRUE) and mean_distance(directed=TRUE, unconnected=TRUE)).
//                   diameter 0 and mean_distance NaN when no pair is connected.
//   dyad census   = mutual, asymmetric, null dyads (igraph dyad_census, sna::dyad.census).
#include <cstdint>

#include "analysis/common.hpp"

namespace kn {

struct DescriptiveOptions {
  unsigned threads = 0;
  const RunControl* control = nullptr;
};

struct DescriptiveResult {
  std::uint32_t actors = 0;
  std::size_t ties = 0;  ///< arcs (directed) or edges (undirected)
  bool directed = true;
  double density = kUndefined;
  double reciprocity = kUndefined;
  double transitivity = kUndefined;
  double diameter = kUndefined;
  double mean_distance = kUndefined;
  std::uint64_t mutual = 0, asymmetric = 0, null_dyads = 0;
};

DescriptiveResult describe(const Graph& g, const DescriptiveOptions& options = {});

}  // namespace kn
