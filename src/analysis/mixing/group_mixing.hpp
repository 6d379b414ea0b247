#pragma once
// Group mixing by a categorical actor attribute (e.g. sector).
//   mixing matrix M[r][c] = number of arcs from group r to group c (undirected view: each edge
//     counted in both cells, i.e. M symmetric; networkx attribute_mixing_matrix(normalized=False)).
//   E-I index (Krackhardt & Stern 1988) = (E - I) / (E + I) over ties (edges of the view, each
//     tie once): E ties join different groups, I ties the same group. Network: all ties;
//     per group g: ties with at least one end in g. NaN when E + I = 0.
//   nominal assortativity r = (sum_g e_gg - sum_g a_g b_g) / (1 - sum_g a_g b_g) with e the
//     normalised mixing matrix (Newman 2003); equals igraph assortativity_nominal(directed=TRUE)
//     (directed view) or on the undirected graph; NaN when undefined.
#include <string>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct Groups {
  std::vector<std::string> names;     ///< group labels, sorted
  std::vector<std::uint32_t> member;  ///< group index per actor
};

/// Groups from a string (or numeric, or first list element) actor attribute; actors without a
/// value form the group "NA". Throws std::invalid_argument if the attribute does not exist.
Groups groups_from_attribute(const Network& network, const std::string& attribute);

struct MixingResult {
  std::vector<std::vector<double>> matrix;  ///< [from group][to group] tie counts
  double ei_index = kUndefined;
  std::vector<double> group_ei;  ///< per group
  std::vector<std::uint32_t> group_size;
  std::vector<double> actor_ei;  ///< per actor: (E-I)/(E+I) over its ties; NaN if none
  double assortativity = kUndefined;
};

MixingResult group_mixing(const Graph& g, const Groups& groups);

}  // namespace kn
