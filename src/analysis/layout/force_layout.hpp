#pragma once
// Seeded force-directed layout for the network map: ForceAtlas2 (Jacomy, Venturini, Heymann &
// Bastian 2014, "ForceAtlas2, a continuous graph layout algorithm for handy network
// visualization designed for the Gephi software", PLoS ONE 9(6): e98679) with Barnes–Hut
// repulsion (Barnes & Hut 1986, Nature 324:446-449) and a pivot-MDS start (Brandes & Pich 2006,
// "Eigensolver methods for progressive multidimensional scaling of large data", GD 2006).
//
// Our own implementation: igraph has no ForceAtlas2, and the browser refines the server's
// picture with graphology-layout-forceatlas2 (same forces and parameter names; same defaults
// except barnes_hut_theta),
// so the server has to produce a FA2 equilibrium, not an FR one. igraph's Fruchterman–Reingold
// was also measured against this (docs/PERFORMANCE.md, "Server-side layout (map)"): on the
// n = 5k / 20k benchmark graphs this layout reaches the same stress (0.2-0.5 % lower) with 13 %
// fewer crossings in a quarter to a third of igraph FR's wall time, using both cores.
//
// Graph: direction is ignored (the symmetrised view); a mutual pair is one edge whose weight is
// the sum of both arcs' weights (only used with `weighted`). Loops / multi-ties are already
// merged by Graph.
//
// Forces on actor i at position p_i (mass m_i = deg_i + 1, deg = number of neighbours; d_ij =
// |p_i - p_j|, u_ij = (p_j - p_i) / d_ij):
//   repulsion   F_r = -k_r m_i m_j / d_ij * u_ij              for every pair (k_r = scaling_ratio)
//               (Barnes–Hut: a quadtree cell of width s whose centre of mass is at distance D is
//               taken as one body of the cell's total mass if s / D < barnes_hut_theta and i is not
//               inside the cell; cells with <= 8 actors are summed exactly)
//   attraction  F_a = w_ij * d_ij * u_ij                      for every edge  (linear)
//               lin_log_mode: w_ij * log(1 + d_ij) * u_ij
//               outbound_attraction_distribution: divided by m_i and multiplied by the mean mass
//               w_ij = weight^edge_weight_influence with `weighted` (1 otherwise; influence 0 = 1)
//   gravity     F_g = -gravity * m_i * p_i / |p_i|            (towards the origin, constant size)
//               strong_gravity_mode: -gravity * m_i * p_i     (grows with the distance)
// Moves (Gephi's adaptive speed): swing_i = |F_i(t) - F_i(t-1)|, traction_i = |F_i(t) +
// F_i(t-1)|/2; a global speed s is adapted so that sum m_i swing_i stays below jitter_tolerance x
// sum m_i traction_i (with Gephi's automatic jitter estimate for large graphs), and every actor
// moves by F_i * s / (1 + sqrt(s * m_i * swing_i)) / slow_down. The graphology implementation uses
// the same forces with per-node speeds; both converge to the same equilibria.
//
// Start: positions from pivot MDS (k = min(n, 50) max-min pivots, the first one the seeded
// random choice among the actors of maximal degree; BFS distances, unreachable pairs at
// (largest finite distance + 1) so components start apart), scaled to the FA2 equilibrium scale
// of that picture (the root of the energy balance A s^2 + G s = k_r M: attraction, gravity and
// repulsion energy), plus a seeded jitter of 1 % of the mean edge length so no two actors share
// a point (leaves of a star have identical distance profiles). The seed drives the first pivot
// and the jitter (std::mt19937_64 with an own uniform helper: identical on every platform).
//
// Iterations (iterations == 0): n <= 2000: min(300, 100 + 4000 / sqrt(n + 16)); above: 80 (the
// pivot-MDS start is close: on the n = 5k / 20k benchmark graphs the stress is below igraph FR's
// after 50 sweeps and improves by < 1 % after 80; docs/PERFORMANCE.md). With `refine` and start
// positions 40 % of that, starting at a low speed (0.1 instead of 1) so the picture stays put.
// Start positions: actors with NaN x or y are placed at the mean of their placed neighbours
// (breadth first outwards; a leaf at one mean edge length from its neighbour), components
// without any placed actor at a seeded random point within the placed picture; then a jitter of
// 0.1 % of the mean edge length. Without `refine` a full run starts from them. Given positions
// are not rescaled (only centred).
//
// Stress polish (n <= 2000, on by default): after the FA2 sweeps, 30 Jacobi sweeps of the
// localized stress-majorization update (Gansner, Koren & North 2004, "Graph drawing by stress
// majorization", GD 2004) over all connected pairs: x_i <- sum_j w_ij (x_j + t_ij (x_i - x_j) /
// |x_i - x_j|) / sum_j w_ij, t_ij = hop distance x the picture's unit length (1 / optimal scale),
// w_ij = hops^-2. Why: the FA2 equilibrium itself, with its degree-weighted repulsion, has
// 3-25 % higher stress than igraph's FR on small graphs (karate 0.112 vs 0.090, an SBM-400
// 0.168 vs 0.150); the polish keeps the FA2 picture's arrangement and brings the stress below
// FR's (karate 0.069). Above 2000 actors FA2 alone already beats FR's stress (n = 5k: 0.1845 vs
// 0.1856) and the n x n distance table would be too large. stress_polish_iterations = 0 gives
// the pure FA2 equilibrium (what the browser's graphology FA2 converges to).
//
// Refine (start positions + refine) with the stress polish on (n <= 2000): no FA2 sweeps, only
// the polish from the given picture, which moves it to the nearest stress minimum of the changed
// graph (FA2 sweeps would pull a polished picture towards the FA2 equilibrium and redraw it).
//
// Components (pack_components, on by default): FA2's degree-weighted repulsion pushes isolates
// and small components far out (their equilibrium distance grows with the main component's
// mass), so a picture fitted to the screen shows the main component tiny. At the end every
// component but the largest keeps its own shape and is placed, as a disc of its radius plus a
// margin of one mean edge length, on rings around the largest one (largest first, then actor
// order). Stress only counts connected pairs, so packing does not change it.
//
// Determinism: for the same graph, options and seed the result is bit-identical, independent of
// `threads`: the quadtree is built sequentially each sweep, forces are computed per actor (no
// shared accumulators), and the global sums of the speed rule are added in actor order.
// Output: centred on the origin (mean 0); finite for every input (n = 0 gives empty vectors,
// n = 1 the origin).
// Cost per sweep: O(n log n + m) with Barnes–Hut; repulsion, attraction and moves run on
// `threads` workers. RunControl: progress ("layout", fraction of sweeps), cancel -> kn::Cancelled.
#include <cstdint>
#include <vector>

#include "analysis/common.hpp"

namespace kn {

inline constexpr std::uint32_t kAutomaticPolish = 0xFFFFFFFFU;

struct ForceLayoutOptions {
  std::uint64_t seed = 42;
  std::uint32_t iterations = 0;  ///< 0 = automatic from n (see above)
  bool weighted = false;         ///< arc weights as attraction strengths (symmetrised, summed)
  /// Optional start positions, x/y per actor (size n or empty). NaN entries = actor not placed
  /// yet (placed near its placed neighbours, or randomly). With start positions and `refine`,
  /// fewer iterations are run so the picture stays stable (incremental layout after new answers).
  std::vector<double> initial_x, initial_y;
  bool refine = false;
  unsigned threads = 0;                 ///< 0 = all cores
  const RunControl* control = nullptr;  ///< progress ("layout", fraction) + cancel

  // ForceAtlas2 settings; names and defaults as graphology-layout-forceatlas2 (scalingRatio,
  // gravity, strongGravityMode, linLogMode, outboundAttractionDistribution,
  // edgeWeightInfluence, slowDown, barnesHutOptimize, barnesHutTheta) plus Gephi's
  // jitterTolerance.
  double scaling_ratio = 1.0;  ///< k_r, repulsion strength (> 0)
  double gravity = 1.0;        ///< pull towards the origin (>= 0)
  bool strong_gravity_mode = false;
  bool lin_log_mode = false;                      ///< logarithmic attraction: tighter clusters
  bool outbound_attraction_distribution = false;  ///< hubs attract less (dissuade hubs)
  double edge_weight_influence = 1.0;             ///< exponent on weights (only with `weighted`)
  double slow_down = 1.0;                         ///< divides every move (>= 1 slower, steadier)
  bool barnes_hut_optimize = true;                ///< false = exact O(n^2) repulsion
  /// Opening criterion (cell size / distance). Gephi's default 1.2 (graphology's is 0.5): on
  /// the benchmark graphs 1.2 gives the same stress at 2-3x less time.
  double barnes_hut_theta = 1.2;
  double jitter_tolerance = 1.0;  ///< Gephi: allowed swing relative to traction
  /// Stress polish after the FA2 sweeps (see above); kAutomaticPolish = 30 sweeps for
  /// n <= 2000, none above; 0 = pure ForceAtlas2. Never run for n > 2000.
  std::uint32_t stress_polish_iterations = kAutomaticPolish;
  /// Place every component but the largest (isolates included) on rings right around the
  /// largest one, each keeping its shape (see "Components" above).
  bool pack_components = true;
};

struct ForceLayoutResult {
  std::vector<double> x, y;  ///< per actor, centred on the origin
  std::uint32_t iterations = 0;
};

/// Throws std::invalid_argument if initial_x/initial_y have a size other than 0 or n (or differ),
/// or a setting is out of range (scaling_ratio <= 0, gravity < 0, slow_down <= 0, theta < 0,
/// jitter_tolerance <= 0).
ForceLayoutResult force_layout(const Graph& g, const ForceLayoutOptions& options = {});

}  // namespace kn
