// Tests for kn::components (src/analysis/cohesion/components.hpp).
#include "analysis/cohesion/components.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::make_graph;

// Oracle: u ~ v iff mutually reachable (strong) / reachable ignoring direction (weak),
// from Floyd-Warshall; labels by first appearance.
ComponentsResult oracle(const Graph& g, ComponentMode mode) {
  const Graph h = mode == ComponentMode::Weak ? g.symmetrised() : g;
  const auto ap = testing::floyd_warshall(h, false);
  const std::uint32_t n = g.n();
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  ComponentsResult r;
  r.membership.assign(n, kNone);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (r.membership[v] != kNone) continue;
    r.sizes.push_back(0);
    for (std::uint32_t u = v; u < n; ++u) {
      if (!std::isinf(ap.dist[v][u]) && !std::isinf(ap.dist[u][v])) {
        r.membership[u] = r.count;
        ++r.sizes.back();
      }
    }
    ++r.count;
  }
  return r;
}

TEST(Components, HandComputed) {
  //   0 -> 1 -> 2 -> 0     (a directed cycle: one strong component)
  //   2 -> 3 -> 4          (3 and 4 are strong singletons)
  //   5                    (isolate)
  const Graph g = make_graph(6, true, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}});
  const auto weak = components(g);
  EXPECT_EQ(weak.count, 2U);
  EXPECT_EQ(weak.membership, (std::vector<std::uint32_t>{0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(weak.sizes, (std::vector<std::uint32_t>{5, 1}));
  const auto strong = components(g, {ComponentMode::Strong});
  EXPECT_EQ(strong.count, 4U);
  EXPECT_EQ(strong.membership, (std::vector<std::uint32_t>{0, 0, 0, 1, 2, 3}));
  EXPECT_EQ(strong.sizes, (std::vector<std::uint32_t>{3, 1, 1, 1}));
}

TEST(Components, MatchOracleOnRandomGraphs) {
  for (bool directed : {true, false}) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      const Graph g = testing::random_graph(40, 0.03, seed, directed, false);
      for (ComponentMode mode : {ComponentMode::Weak, ComponentMode::Strong}) {
        const auto got = components(g, {mode});
        const auto want = oracle(g, mode);
        EXPECT_EQ(got.count, want.count);
        EXPECT_EQ(got.membership, want.membership);
        EXPECT_EQ(got.sizes, want.sizes);
        EXPECT_EQ(std::accumulate(got.sizes.begin(), got.sizes.end(), 0U), g.n());
      }
    }
  }
}

TEST(Components, DeepChainDoesNotOverflowStack) {
  // 200000-actor directed path plus the closing arc: one strong component (iterative Tarjan).
  const std::uint32_t n = 200000;
  std::vector<testing::Arc> arcs;
  for (std::uint32_t v = 0; v + 1 < n; ++v)
    arcs.emplace_back(v, v + 1);
  arcs.emplace_back(n - 1, 0);
  EXPECT_EQ(components(make_graph(n, true, arcs), {ComponentMode::Strong}).count, 1U);
}

TEST(Components, DegenerateGraphs) {
  const auto empty = components(Graph{});
  EXPECT_EQ(empty.count, 0U);
  EXPECT_TRUE(empty.membership.empty());
  const auto loops = components(make_graph(3, true, {{0, 0}, {1, 1}}), {ComponentMode::Strong});
  EXPECT_EQ(loops.count, 3U);
  EXPECT_EQ(loops.membership, (std::vector<std::uint32_t>{0, 1, 2}));
}

// Reference values: R 4 igraph 1.3.5, count_components(g, mode="weak"/"strong").
// Karate (Zachary 1977, networkx 2.8.8): 1 / 1. Random digraph random_arcs(30, 0.1, seed 2026)
// from paths_fixtures.hpp: weak 1, strong 5.
TEST(Components, ReferenceIgraph) {
  EXPECT_EQ(components(testing::karate()).count, 1U);
  EXPECT_EQ(components(testing::karate(), {ComponentMode::Strong}).count, 1U);
  const Graph r = testing::random_graph(30, 0.1, 2026, true, false);
  EXPECT_EQ(components(r).count, 1U);
  EXPECT_EQ(components(r, {ComponentMode::Strong}).count, 5U);
}

}  // namespace
}  // namespace kn
