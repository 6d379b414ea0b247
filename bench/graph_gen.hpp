#pragma once
// Seeded benchmark graphs: a directed random graph with degree heterogeneity (a Chung-Lu-like
// model). Every vertex draws an out-activity and an in-activity from {1, 2, 4, 8, 16} with
// weights 50:25:13:8:4; each arc picks its source proportional to out-activity and its target
// proportional to in-activity; loops and duplicate arcs are redrawn, so the graph has exactly
// `arcs` distinct arcs. Every vertex also gets a group label in [0, groups) (the "sector" used
// by brokerage and the E-I index).
// Deterministic everywhere: std::mt19937_64 and integer arithmetic only (no std::*_distribution).

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kn::bench {

struct GeneratedGraph {
  std::uint32_t n = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  std::vector<std::uint32_t> group;
};

/// The three benchmark sizes of issue 2.
struct GraphSize {
  const char* name;
  std::uint32_t n;
  std::uint64_t arcs;
};
inline constexpr GraphSize kSmall{"n300_m2k", 300, 2000};
inline constexpr GraphSize kMedium{"n5k_m50k", 5000, 50000};
inline constexpr GraphSize kLarge{"n100k_m1M", 100000, 1000000};
inline constexpr std::uint64_t kDefaultSeed = 20260101;

namespace detail {
/// Uniform integer in [0, n) without bias.
inline std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t x = rng();
  while (x < threshold)
    x = rng();
  return x % n;
}
/// Vertex drawn proportional to weights via cumulative sums (binary search).
inline std::uint32_t pick(std::mt19937_64& rng, const std::vector<std::uint64_t>& cumulative) {
  const std::uint64_t r = below(rng, cumulative.back());
  return static_cast<std::uint32_t>(std::upper_bound(cumulative.begin(), cumulative.end(), r) -
                                    cumulative.begin());
}
}  // namespace detail

inline GeneratedGraph generate_graph(std::uint32_t n, std::uint64_t arcs,
                                     std::uint64_t seed = kDefaultSeed, std::uint32_t groups = 7) {
  if (n < 2 || arcs > std::uint64_t{n} * (n - 1) / 2) {
    throw std::invalid_argument("generate_graph: too many arcs for n");
  }
  constexpr std::uint64_t kLevel[] = {1, 2, 4, 8, 16};
  constexpr std::uint64_t kLevelWeight[] = {50, 25, 13, 8, 4};  // sums to 100
  std::mt19937_64 rng(seed);
  auto level = [&rng, &kLevel, &kLevelWeight]() {
    std::uint64_t r = detail::below(rng, 100);
    for (int i = 0; i < 5; ++i) {
      if (r < kLevelWeight[i]) return kLevel[i];
      r -= kLevelWeight[i];
    }
    return kLevel[4];
  };
  GeneratedGraph g;
  g.n = n;
  g.group.resize(n);
  std::vector<std::uint64_t> out_cum(n), in_cum(n);
  std::uint64_t out_sum = 0, in_sum = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    out_sum += level();
    in_sum += level();
    out_cum[v] = out_sum;
    in_cum[v] = in_sum;
    g.group[v] = static_cast<std::uint32_t>(detail::below(rng, groups));
  }
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(arcs * 2);
  g.arcs.reserve(arcs);
  while (g.arcs.size() < arcs) {
    const std::uint32_t s = detail::pick(rng, out_cum);
    const std::uint32_t t = detail::pick(rng, in_cum);
    if (s == t) continue;
    if (!seen.insert((std::uint64_t{s} << 32) | t).second) continue;
    g.arcs.emplace_back(s, t);
  }
  return g;
}

}  // namespace kn::bench
