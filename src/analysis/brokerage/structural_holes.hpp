#pragma once
// Burt's structural holes (Burt 1992, Structural Holes).
// With a_ij the tie weight (1 unweighted, 0 absent) and N(i) the in- and out-neighbours of i:
//   p_ij = (a_ij + a_ji) / sum_{k != i} (a_ik + a_ki)
//   constraint C_i = sum_{j in N(i)} (p_ij + sum_{q in N(i), q != i, j} p_iq p_qj)^2
//     equals igraph constraint() (src/properties/constraint.c) and networkx constraint(); in an
//     undirected view a_ij = a_ji so an edge weighs twice, as in igraph; NaN for isolates.
//   effective size ES_i = sum_{j in N(i)} [1 - sum_{q in N(i), q != i, j} p_iq m_jq],
//     m_jq = (a_jq + a_qj) / max_k (a_jk + a_kj)  (networkx effective_size formula; networkx
//     itself returns NaN for directed sinks, we return the formula's value); NaN for isolates.
//   efficiency_i = ES_i / |N(i)|.
// Own implementation for ES and efficiency (igraph has neither).
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct StructuralHolesOptions {
  bool weighted = false;
  unsigned threads = 0;
  const RunControl* control = nullptr;
};

struct StructuralHolesResult {
  std::vector<double> constraint, effective_size, efficiency;
};

StructuralHolesResult structural_holes(const Graph& g, const StructuralHolesOptions& options = {});

}  // namespace kn
