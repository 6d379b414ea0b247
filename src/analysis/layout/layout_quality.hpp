#pragma once
// Quality figures of a 2-D layout (positions x, y per actor), computed the same way for every
// layout so that layouts from different programs can be compared (our force_layout, igraph's
// Fruchterman–Reingold / DrL, the browser's FA2).
//
// Graph: direction and weights are ignored (symmetrised, unweighted view); d_ij is the hop
// distance (BFS), D_ij = |p_i - p_j| the drawn distance.
//
// Normalised stress with the optimal scale factor (Gansner, Koren & North 2004 stress with
// weights w_ij = d_ij^-2; the scale-free variant of e.g. Gansner et al. / Kruiger et al. 2017):
//   stress = min_s  sum_{i<j connected} w_ij (s D_ij - d_ij)^2 / sum w_ij d_ij^2
//          = 1 - (sum r_ij)^2 / (P * sum r_ij^2),   r_ij = D_ij / d_ij, P = number of pairs,
//   attained at s* = sum r_ij / sum r_ij^2. 0 = the drawing is an exact scaled embedding of the
//   graph distances; pairs in different components do not count. In [0, 1].
//   Exact (all sources) when n <= exact_stress_max_n; otherwise the ratio estimator over a
//   seeded uniform sample of `stress_sources` BFS sources without replacement: both sums and P
//   are taken over the pairs (s, j) of the sampled sources s (ordered pairs; the exact value
//   over all ordered pairs equals the one over unordered pairs). Consistent; its bias and
//   spread shrink like 1/sources (the test checks |estimate - exact| < 0.02 with 100 sources on
//   a 1,500-actor graph).
//
// Edge crossings: pairs of edges without a common endpoint whose segments cross properly
// (interiors intersect in one point; touching or collinear overlaps do not count).
//   Exact (all pairs, O(m^2)) when m <= exact_crossings_max_m; otherwise an estimate from a
//   seeded uniform sample of `crossing_sample_edges` edges (without replacement), each tested
//   against every edge: crossings ~= m / (2 k) * sum over sampled e of crossings(e) (unbiased).
//
// Deterministic for a seed; independent of `threads` (per-source / per-edge partial results
// summed in a fixed order). RunControl: progress ("layout quality", fraction), cancel.
#include <cstdint>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

struct LayoutQualityOptions {
  std::uint64_t seed = 42;
  std::uint32_t exact_stress_max_n = 2000;     ///< all sources up to this many actors
  std::uint32_t stress_sources = 200;          ///< sampled BFS sources above it
  std::uint64_t exact_crossings_max_m = 5000;  ///< all edge pairs up to this many edges
  std::uint32_t crossing_sample_edges = 1000;  ///< sampled edges above it
  unsigned threads = 0;                        ///< 0 = all cores
  const RunControl* control = nullptr;
};

struct LayoutQuality {
  double stress = kUndefined;        ///< NaN if no pair is connected (or n < 2)
  double stress_scale = kUndefined;  ///< the optimal s*
  std::uint64_t stress_pairs = 0;    ///< ordered pairs the value is computed over
  std::uint32_t stress_sources = 0;  ///< BFS sources used (n if exact)
  bool stress_exact = true;
  double crossings = 0;              ///< exact count, or the estimate
  std::uint32_t crossing_edges = 0;  ///< edges tested against all others (m if exact)
  bool crossings_exact = true;
  std::uint64_t edges = 0;
};

/// Throws std::invalid_argument if x or y do not have n entries or contain a non-finite value.
LayoutQuality layout_quality(const Graph& g, const std::vector<double>& x,
                             const std::vector<double>& y,
                             const LayoutQualityOptions& options = {});

/// True if segments (a, b) and (c, d) cross properly (exported for the tests).
bool segments_cross(double ax, double ay, double bx, double by, double cx, double cy, double dx,
                    double dy);

}  // namespace kn
