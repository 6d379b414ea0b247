// Tests for kn::coreness (src/analysis/cohesion/coreness.hpp).
#include "analysis/cohesion/coreness.hpp"

#include <gtest/gtest.h>

#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::make_graph;

// Naive peeling: repeatedly remove every actor whose remaining degree is < k, for k = 1, 2, ...
std::vector<double> naive(const Graph& g, CoreMode mode) {
  const std::uint32_t n = g.n();
  std::vector<char> alive(n, 1);
  std::vector<double> core(n, 0.0);
  auto deg = [&](std::uint32_t v) {
    std::uint32_t d = 0;
    if (mode != CoreMode::In || !g.directed()) {
      for (auto u : g.out(v))
        d += alive[u] ? 1U : 0U;
    }
    if (g.directed() && mode != CoreMode::Out) {
      for (auto u : g.in(v))
        d += alive[u] ? 1U : 0U;
    }
    return d;
  };
  for (std::uint32_t k = 1;; ++k) {
    bool any_alive = false;
    for (bool changed = true; changed;) {
      changed = false;
      for (std::uint32_t v = 0; v < n; ++v) {
        if (alive[v] && deg(v) < k) {
          alive[v] = 0;
          core[v] = k - 1;
          changed = true;
        }
      }
    }
    for (std::uint32_t v = 0; v < n; ++v)
      any_alive = any_alive || alive[v];
    if (!any_alive) break;
  }
  return core;
}

TEST(Coreness, TriangleWithPendantHandComputed) {
  //   0 - 1
  //    \ /
  //     2 - 3      triangle is the 2-core, the pendant 3 has coreness 1, isolate 4 has 0.
  const Graph g = make_graph(5, false, {{0, 1}, {1, 2}, {2, 0}, {2, 3}});
  EXPECT_EQ(coreness(g).coreness, (std::vector<double>{2, 2, 2, 1, 0}));
}

TEST(Coreness, MutualTieCountsTwiceInModeAll) {
  // 0 <-> 1: in + out degree 2 each => both in the 2-core. 1 -> 2: actor 2 has degree 1.
  const Graph g = make_graph(3, true, {{0, 1}, {1, 0}, {1, 2}});
  EXPECT_EQ(coreness(g).coreness, (std::vector<double>{2, 2, 1}));
  CorenessOptions out;
  out.mode = CoreMode::Out;
  EXPECT_EQ(coreness(g, out).coreness, (std::vector<double>{1, 1, 0}));
}

TEST(Coreness, MatchesNaivePeeling) {
  for (bool directed : {true, false}) {
    for (CoreMode mode : {CoreMode::All, CoreMode::In, CoreMode::Out}) {
      for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const Graph g = testing::random_graph(60, 0.08, seed, directed, false);
        CorenessOptions opt;
        opt.mode = mode;
        EXPECT_EQ(coreness(g, opt).coreness, naive(g, mode)) << directed << " " << seed;
      }
    }
  }
}

TEST(Coreness, DegenerateGraphs) {
  EXPECT_TRUE(coreness(Graph{}).coreness.empty());
  EXPECT_EQ(coreness(make_graph(1, true, {{0, 0}})).coreness, std::vector<double>{0});
  // Multi-ties merged: a doubled 0->1 still gives coreness 1 (mode all).
  EXPECT_EQ(coreness(make_graph(2, true, {{0, 1}, {0, 1}})).coreness, (std::vector<double>{1, 1}));
}

// Reference values: R 4 igraph 1.3.5, coreness(g, mode="all") for actors 1, 2, 3, 4, 5, 10, 17,
// 25, 30. Karate: Zachary 1977 (networkx 2.8.8 karate_club_graph); random digraph:
// random_arcs(30, 0.1, seed 2026) from paths_fixtures.hpp.
const std::vector<std::uint32_t> kRefActors{0, 1, 2, 3, 4, 9, 16, 24, 29};

TEST(Coreness, KarateAndRandomDigraphReferenceIgraph) {
  const std::vector<double> karate{4, 4, 4, 4, 3, 2, 2, 3, 3};
  const std::vector<double> random{2, 1, 4, 4, 4, 4, 4, 4, 2};
  const auto k = coreness(testing::karate()).coreness;
  const auto r = coreness(testing::random_graph(30, 0.1, 2026, true, false)).coreness;
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_EQ(k[kRefActors[i]], karate[i]);
    EXPECT_EQ(r[kRefActors[i]], random[i]);
  }
}

}  // namespace
}  // namespace kn
