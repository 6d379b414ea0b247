#pragma once
// Shared fixtures for the path / centrality / cohesion tests: small named graphs, a seeded
// random graph generator reproducible in Python (splitmix64), and brute-force oracles
// (Floyd-Warshall distances and shortest-path counts).
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/graph/graph_view.hpp"

namespace kn::testing {

using Arc = std::pair<std::uint32_t, std::uint32_t>;

inline Graph make_graph(std::size_t n, bool directed, const std::vector<Arc>& arcs,
                        const std::vector<double>& weights = {}) {
  return Graph::from_arcs(n, directed, arcs, weights);
}

// Zachary karate club, 34 members, 78 undirected edges (0-based), as shipped in networkx 2.8.8
// karate_club_graph(). Source: W. W. Zachary (1977), An information flow model for conflict and
// fission in small groups, J. Anthropol. Res. 33:452-473.
inline const std::vector<Arc>& karate_edges() {
  static const std::vector<Arc> edges = {
      {0, 1},   {0, 2},   {0, 3},   {0, 4},   {0, 5},   {0, 6},   {0, 7},   {0, 8},   {0, 10},
      {0, 11},  {0, 12},  {0, 13},  {0, 17},  {0, 19},  {0, 21},  {0, 31},  {1, 2},   {1, 3},
      {1, 7},   {1, 13},  {1, 17},  {1, 19},  {1, 21},  {1, 30},  {2, 3},   {2, 7},   {2, 8},
      {2, 9},   {2, 13},  {2, 27},  {2, 28},  {2, 32},  {3, 7},   {3, 12},  {3, 13},  {4, 6},
      {4, 10},  {5, 6},   {5, 10},  {5, 16},  {6, 16},  {8, 30},  {8, 32},  {8, 33},  {9, 33},
      {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33}, {18, 32}, {18, 33}, {19, 33}, {20, 32},
      {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 29}, {23, 32}, {23, 33}, {24, 25},
      {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31}, {28, 33}, {29, 32},
      {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33}};
  return edges;
}

inline Graph karate() {
  return make_graph(34, false, karate_edges());
}

/// splitmix64 (Steele, Lea & Flood 2014); the Python twin is quoted in the reference comments.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

/// G(n, p) digraph: for i in 0..n-1, for j in 0..n-1, j != i: arc i->j if uniform() < p; if
/// weighted, the arc then draws weight 1 + next() % 4 (small integers make ties in path length).
struct RandomArcs {
  std::vector<Arc> arcs;
  std::vector<double> weights;
};

inline RandomArcs random_arcs(std::uint32_t n, double p, std::uint64_t seed, bool weighted) {
  SplitMix64 rng(seed);
  RandomArcs r;
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = 0; j < n; ++j) {
      if (i == j) continue;
      if (rng.uniform() < p) {
        r.arcs.emplace_back(i, j);
        if (weighted) r.weights.push_back(static_cast<double>(1 + rng.next() % 4));
      }
    }
  }
  return r;
}

inline Graph random_graph(std::uint32_t n, double p, std::uint64_t seed, bool directed,
                          bool weighted) {
  auto r = random_arcs(n, p, seed, weighted);
  return Graph::from_arcs(n, directed, r.arcs, r.weights);
}

/// Relabels actors: new index of v is perm[v].
inline Graph permuted(const Graph& g, const std::vector<std::uint32_t>& perm) {
  std::vector<Arc> arcs;
  std::vector<double> w;
  for (std::uint32_t v = 0; v < g.n(); ++v) {
    const auto out = g.out(v);
    const auto ow = g.out_weights(v);
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (!g.directed() && out[i] < v) continue;
      arcs.emplace_back(perm[v], perm[out[i]]);
      if (g.weighted()) w.push_back(ow[i]);
    }
  }
  return Graph::from_arcs(g.n(), g.directed(), arcs, w);
}

/// All-pairs distances (following arcs; weights as lengths if `weighted`) and shortest-path
/// counts by Floyd-Warshall. dist = +inf where unreachable; dist[v][v] = 0, count[v][v] = 1.
struct AllPairs {
  std::vector<std::vector<double>> dist;
  std::vector<std::vector<double>> count;
};

inline AllPairs floyd_warshall(const Graph& g, bool weighted) {
  const std::uint32_t n = g.n();
  constexpr double inf = std::numeric_limits<double>::infinity();
  AllPairs ap{std::vector<std::vector<double>>(n, std::vector<double>(n, inf)),
              std::vector<std::vector<double>>(n, std::vector<double>(n, 0.0))};
  for (std::uint32_t v = 0; v < n; ++v) {
    ap.dist[v][v] = 0.0;
    ap.count[v][v] = 1.0;
    const auto out = g.out(v);
    const auto ow = g.out_weights(v);
    for (std::size_t i = 0; i < out.size(); ++i) {
      ap.dist[v][out[i]] = weighted ? ow[i] : 1.0;
      ap.count[v][out[i]] = 1.0;
    }
  }
  for (std::uint32_t k = 0; k < n; ++k) {
    for (std::uint32_t i = 0; i < n; ++i) {
      if (i == k || ap.dist[i][k] == inf) continue;
      for (std::uint32_t j = 0; j < n; ++j) {
        if (j == k || j == i || ap.dist[k][j] == inf) continue;
        const double alt = ap.dist[i][k] + ap.dist[k][j];
        if (alt < ap.dist[i][j]) {
          ap.dist[i][j] = alt;
          ap.count[i][j] = ap.count[i][k] * ap.count[k][j];
        } else if (alt == ap.dist[i][j]) {
          ap.count[i][j] += ap.count[i][k] * ap.count[k][j];
        }
      }
    }
  }
  return ap;
}

}  // namespace kn::testing
