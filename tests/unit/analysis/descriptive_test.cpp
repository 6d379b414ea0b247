// Tests for kn::describe (src/analysis/network/descriptive.hpp).
#include "analysis/network/descriptive.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::make_graph;

TEST(Descriptive, SmallDigraphHandComputed) {
  //   0 <-> 1 -> 2 -> 3      4 (isolate)
  // n = 5, arcs = 4: density 4/20; reciprocated arcs 2 -> reciprocity 1/2;
  // dyads: mutual 1, asymmetric 2, null 10 - 3 = 7.
  // Undirected view: path 0-1-2-3, no triangle, triples 1 + 1 => transitivity 0.
  // Distances: 0->1 1, 0->2 2, 0->3 3, 1->0 1, 1->2 1, 1->3 2, 2->3 1 => diameter 3,
  // mean 11/7.
  const Graph g = make_graph(5, true, {{0, 1}, {1, 0}, {1, 2}, {2, 3}});
  const auto d = describe(g);
  EXPECT_EQ(d.actors, 5U);
  EXPECT_EQ(d.ties, 4U);
  EXPECT_TRUE(d.directed);
  EXPECT_DOUBLE_EQ(d.density, 0.2);
  EXPECT_DOUBLE_EQ(d.reciprocity, 0.5);
  EXPECT_EQ(d.mutual, 1U);
  EXPECT_EQ(d.asymmetric, 2U);
  EXPECT_EQ(d.null_dyads, 7U);
  EXPECT_EQ(d.transitivity, 0.0);
  EXPECT_EQ(d.diameter, 3.0);
  EXPECT_DOUBLE_EQ(d.mean_distance, 11.0 / 7.0);
}

TEST(Descriptive, UndirectedTriangleWithTail) {
  // 0-1-2-0 triangle plus 2-3: triangles 1, connected triples 1+1+3+0 = 5 => 3/5.
  // density 2*4/(4*3); reciprocity 1 for an undirected view; dyads: 4 mutual, 2 null.
  const Graph g = make_graph(4, false, {{0, 1}, {1, 2}, {2, 0}, {2, 3}});
  const auto d = describe(g);
  EXPECT_EQ(d.ties, 4U);
  EXPECT_FALSE(d.directed);
  EXPECT_DOUBLE_EQ(d.density, 8.0 / 12.0);
  EXPECT_EQ(d.reciprocity, 1.0);
  EXPECT_DOUBLE_EQ(d.transitivity, 0.6);
  EXPECT_EQ(d.mutual, 4U);
  EXPECT_EQ(d.asymmetric, 0U);
  EXPECT_EQ(d.null_dyads, 2U);
  // Distances (unordered): 1,1,1,1 (edges), 0-3 2, 1-3 2 => mean 8/6, diameter 2.
  EXPECT_EQ(d.diameter, 2.0);
  EXPECT_DOUBLE_EQ(d.mean_distance, 8.0 / 6.0);
}

TEST(Descriptive, MatchesBruteForceOnRandomGraphs) {
  for (bool directed : {true, false}) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      const Graph g = testing::random_graph(35, 0.06, seed, directed, false);
      const auto ap = testing::floyd_warshall(g, false);
      double mx = 0, sum = 0, pairs = 0;
      for (std::uint32_t i = 0; i < g.n(); ++i) {
        for (std::uint32_t j = 0; j < g.n(); ++j) {
          if (i == j || std::isinf(ap.dist[i][j])) continue;
          mx = std::max(mx, ap.dist[i][j]);
          sum += ap.dist[i][j];
          ++pairs;
        }
      }
      // Triangles and connected triples on the undirected simple view.
      const Graph s = g.symmetrised();
      double closed = 0, triples = 0;
      for (std::uint32_t v = 0; v < s.n(); ++v) {
        const auto nb = s.out(v);
        triples += static_cast<double>(nb.size()) * (static_cast<double>(nb.size()) - 1) / 2;
        for (std::size_t a = 0; a < nb.size(); ++a) {
          for (std::size_t b = a + 1; b < nb.size(); ++b)
            closed += s.has_arc(nb[a], nb[b]);
        }
      }
      double recip = 0;
      for (std::uint32_t v = 0; v < g.n(); ++v) {
        for (auto u : g.out(v))
          recip += g.has_arc(u, v);
      }
      DescriptiveOptions opt;
      opt.threads = 2;
      const auto d = describe(g, opt);
      EXPECT_EQ(d.diameter, mx);
      EXPECT_NEAR(d.mean_distance, sum / pairs, 1e-12);
      EXPECT_NEAR(d.transitivity, closed / triples, 1e-12);  // closed counts each triangle 3x
      EXPECT_NEAR(d.reciprocity, directed ? recip / static_cast<double>(g.arc_count()) : 1.0,
                  1e-15);
      EXPECT_EQ(d.mutual + d.asymmetric + d.null_dyads, 35U * 34U / 2U);
      opt.threads = 1;
      const auto d1 = describe(g, opt);
      EXPECT_EQ(d1.mean_distance, d.mean_distance);
    }
  }
}

TEST(Descriptive, DegenerateGraphs) {
  const auto empty = describe(Graph{});
  EXPECT_EQ(empty.actors, 0U);
  EXPECT_TRUE(std::isnan(empty.density));
  EXPECT_TRUE(std::isnan(empty.reciprocity));
  EXPECT_TRUE(std::isnan(empty.transitivity));
  EXPECT_TRUE(std::isnan(empty.diameter));
  EXPECT_TRUE(std::isnan(empty.mean_distance));
  // One actor with a loop (dropped); three isolates: as python-igraph 0.10.2 reports.
  for (std::uint32_t n : {1U, 3U}) {
    const auto d = describe(make_graph(n, true, {{0, 0}}));
    EXPECT_EQ(d.ties, 0U);
    EXPECT_EQ(std::isnan(d.density), n == 1);
    EXPECT_TRUE(std::isnan(d.reciprocity));
    EXPECT_TRUE(std::isnan(d.transitivity));
    EXPECT_EQ(d.diameter, 0.0);
    EXPECT_TRUE(std::isnan(d.mean_distance));
  }
  // Multi-ties merged.
  EXPECT_EQ(describe(make_graph(2, true, {{0, 1}, {0, 1}})).ties, 1U);
}

TEST(Descriptive, CancelThrows) {
  std::atomic<bool> flag{true};
  const RunControl control({}, &flag);
  DescriptiveOptions opt;
  opt.control = &control;
  EXPECT_THROW(describe(testing::random_graph(100, 0.05, 1, true, false), opt), Cancelled);
}

// Reference values: R 4 igraph 1.3.5: edge_density(g), reciprocity(g),
// transitivity(as.undirected(g, "collapse"), type="global"), diameter(g, directed=TRUE,
// unconnected=TRUE), mean_distance(g, directed=TRUE, unconnected=TRUE), dyad_census(g).
// Karate: Zachary 1977 (networkx 2.8.8 karate_club_graph), undirected.
// Random digraph: random_arcs(30, 0.1, seed 2026) from paths_fixtures.hpp.
TEST(Descriptive, KarateReferenceIgraph) {
  const auto d = describe(testing::karate());
  EXPECT_EQ(d.ties, 78U);
  EXPECT_NEAR(d.density, 0.13903743315508, 1e-13);
  EXPECT_EQ(d.reciprocity, 1.0);
  EXPECT_NEAR(d.transitivity, 0.255681818181818, 1e-13);
  EXPECT_EQ(d.diameter, 5.0);
  EXPECT_NEAR(d.mean_distance, 2.40819964349376, 1e-13);
  EXPECT_EQ(d.mutual, 78U);
  EXPECT_EQ(d.asymmetric, 0U);
  EXPECT_EQ(d.null_dyads, 483U);
}

TEST(Descriptive, RandomDigraphReferenceIgraph) {
  const auto d = describe(testing::random_graph(30, 0.1, 2026, true, false));
  EXPECT_EQ(d.ties, 76U);
  EXPECT_NEAR(d.density, 0.0873563218390805, 1e-13);
  EXPECT_NEAR(d.reciprocity, 0.157894736842105, 1e-13);
  EXPECT_NEAR(d.transitivity, 0.181528662420382, 1e-13);
  EXPECT_EQ(d.diameter, 7.0);
  EXPECT_NEAR(d.mean_distance, 3.27212681638045, 1e-13);
  EXPECT_EQ(d.mutual, 6U);
  EXPECT_EQ(d.asymmetric, 64U);
  EXPECT_EQ(d.null_dyads, 365U);
}

}  // namespace
}  // namespace kn
