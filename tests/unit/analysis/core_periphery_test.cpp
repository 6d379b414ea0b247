// Discrete core-periphery model (analysis/cohesion/core_periphery.hpp): the fit of given
// partitions computed by hand, the search against brute force over every partition of small
// random graphs, a planted core, determinism and degenerate inputs.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <random>

#include "analysis/cohesion/core_periphery.hpp"

namespace kn {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

//   core {0, 1, 2} complete; periphery 3, 4, 5 each tied to one core actor; and 3 - 4.
Graph example() {
  return Graph::from_arcs(6, false, Arcs{{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 4}, {2, 5}, {3, 4}});
}

TEST(CorePeriphery, FitByHand) {
  // N1 = 3 core pairs with T1 = 3 ties, N0 = 3 periphery pairs with T0 = 1 tie: N = 6, T = 4;
  // cov = 3/6 - (1/2)(4/6) = 1/6; var(delta) = 1/4, var(a) = (2/3)(1/3) = 2/9;
  // r = (1/6) / sqrt(1/4 * 2/9) = 1 / sqrt(2).
  const auto r = core_periphery_fit(example(), {1, 1, 1, 0, 0, 0});
  EXPECT_NEAR(r.correlation, 1.0 / std::sqrt(2.0), 1e-15);
  EXPECT_EQ(r.core_size, 3U);
  EXPECT_DOUBLE_EQ(r.core_density, 1.0);
  EXPECT_DOUBLE_EQ(r.periphery_density, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.between_density, 3.0 / 9.0);
  // Without the periphery tie the pattern is ideal: r = 1.
  const Graph ideal =
      Graph::from_arcs(6, false, Arcs{{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 4}, {2, 5}});
  EXPECT_DOUBLE_EQ(core_periphery_fit(ideal, {1, 1, 1, 0, 0, 0}).correlation, 1.0);
  // The reversed labels fit badly: periphery complete, core sparse: r = -1 / sqrt(2).
  EXPECT_NEAR(core_periphery_fit(example(), {0, 0, 0, 1, 1, 1}).correlation, -1.0 / std::sqrt(2.0),
              1e-15);
  // Undefined fits: a core of one (no core pair), everything core.
  EXPECT_TRUE(std::isnan(core_periphery_fit(example(), {1, 0, 0, 0, 0, 0}).correlation));
  EXPECT_TRUE(std::isnan(core_periphery_fit(example(), {1, 1, 1, 1, 1, 1}).correlation));
  EXPECT_THROW(core_periphery_fit(example(), {1, 0}), std::invalid_argument);
  // Direction is ignored.
  const Graph directed = Graph::from_arcs(
      6, true, Arcs{{0, 1}, {2, 0}, {1, 2}, {2, 1}, {3, 0}, {1, 4}, {2, 5}, {4, 3}});
  EXPECT_NEAR(core_periphery_fit(directed, {1, 1, 1, 0, 0, 0}).correlation, 1.0 / std::sqrt(2.0),
              1e-15);
}

double brute_force(const Graph& g) {
  const std::uint32_t n = g.n();
  double best = -2.0;
  for (std::uint32_t mask = 0; mask < (1U << n); ++mask) {
    std::vector<std::uint8_t> core(n);
    for (std::uint32_t v = 0; v < n; ++v)
      core[v] = (mask >> v) & 1U;
    const double r = core_periphery_fit(g, core).correlation;
    if (!std::isnan(r)) best = std::max(best, r);
  }
  return best;
}

TEST(CorePeriphery, SearchFindsTheBruteForceOptimum) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    std::mt19937_64 rng(seed);
    const std::uint32_t n = 8 + static_cast<std::uint32_t>(seed % 4);  // 8..11 actors
    Arcs arcs;
    // A noisy core-periphery structure: the first third densely tied, the rest sparsely.
    for (std::uint32_t a = 0; a < n; ++a)
      for (std::uint32_t b = a + 1; b < n; ++b) {
        const bool core_pair = a < n / 3 && b < n / 3;
        const bool mixed = a < n / 3;
        const double p = core_pair ? 0.8 : mixed ? 0.35 : 0.12;
        if (static_cast<double>(rng() >> 11U) * 0x1.0p-53 < p) arcs.emplace_back(a, b);
      }
    const Graph g = Graph::from_arcs(n, false, arcs);
    const auto r = core_periphery(g, {seed, 20, nullptr});
    EXPECT_NEAR(r.correlation, brute_force(g), 1e-12) << "seed " << seed;
    EXPECT_NEAR(core_periphery_fit(g, r.core).correlation, r.correlation, 1e-15);
    EXPECT_EQ(r.seed, seed);
  }
}

TEST(CorePeriphery, FindsAPlantedCore) {
  // 10 core actors all tied; 40 periphery actors each tied to two core actors, no periphery
  // ties: the ideal pattern, r = 1, core = exactly the planted one.
  Arcs arcs;
  for (std::uint32_t a = 0; a < 10; ++a)
    for (std::uint32_t b = a + 1; b < 10; ++b)
      arcs.emplace_back(a, b);
  for (std::uint32_t p = 10; p < 50; ++p) {
    arcs.emplace_back(p, p % 10);
    arcs.emplace_back(p, (p + 3) % 10);
  }
  const auto r = core_periphery(Graph::from_arcs(50, false, arcs));
  EXPECT_DOUBLE_EQ(r.correlation, 1.0);
  ASSERT_EQ(r.core_size, 10U);
  for (std::uint32_t v = 0; v < 50; ++v)
    EXPECT_EQ(r.core[v], v < 10 ? 1 : 0) << v;
  EXPECT_DOUBLE_EQ(r.periphery_density, 0.0);
}

TEST(CorePeriphery, DeterministicAndDegenerate) {
  std::mt19937_64 rng(5);
  Arcs arcs;
  for (int i = 0; i < 400; ++i)
    arcs.emplace_back(static_cast<std::uint32_t>(rng() % 120),
                      static_cast<std::uint32_t>(rng() % 120));
  const Graph g = Graph::from_arcs(120, false, arcs);
  const auto a = core_periphery(g), b = core_periphery(g);
  EXPECT_EQ(a.core, b.core);
  EXPECT_EQ(a.correlation, b.correlation);

  EXPECT_TRUE(core_periphery(Graph::from_arcs(0, false, {})).core.empty());
  const auto one = core_periphery(Graph::from_arcs(1, false, {}));
  EXPECT_EQ(one.core.size(), 1U);
  EXPECT_TRUE(std::isnan(one.correlation));
  // No ties, or all ties: no partition has a defined fit.
  EXPECT_TRUE(std::isnan(core_periphery(Graph::from_arcs(6, false, {})).correlation));
  Arcs k5;
  for (std::uint32_t x = 0; x < 5; ++x)
    for (std::uint32_t y = x + 1; y < 5; ++y)
      k5.emplace_back(x, y);
  EXPECT_TRUE(std::isnan(core_periphery(Graph::from_arcs(5, false, k5)).correlation));
  EXPECT_THROW(core_periphery(g, {1, 0, nullptr}), std::invalid_argument);
  std::atomic<bool> cancel{true};
  RunControl stop(nullptr, &cancel);
  EXPECT_THROW(core_periphery(g, {1, 3, &stop}), Cancelled);
}

}  // namespace
}  // namespace kn
