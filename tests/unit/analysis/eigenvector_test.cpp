// Tests for kn::eigenvector (src/analysis/centrality/eigenvector.hpp).
#include "analysis/centrality/eigenvector.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::make_graph;

// Power iteration on (A + I) of the symmetrised graph (the shift removes the +-lambda
// oscillation of bipartite graphs without changing the eigenvector), scaled to max 1.
std::vector<double> power_iteration(const Graph& g, bool weighted) {
  const Graph s = g.symmetrised();
  std::vector<double> x(s.n(), 1.0), y(s.n());
  for (int it = 0; it < 5000; ++it) {
    for (std::uint32_t v = 0; v < s.n(); ++v) {
      y[v] = x[v];
      const auto nb = s.out(v);
      const auto w = s.out_weights(v);
      for (std::size_t i = 0; i < nb.size(); ++i)
        y[v] += (weighted ? w[i] : 1.0) * x[nb[i]];
    }
    const double mx = *std::max_element(y.begin(), y.end());
    for (auto& e : y)
      e /= mx;
    x.swap(y);
  }
  return x;
}

TEST(Eigenvector, StarHandComputed) {
  // Star with centre 0 and 4 leaves: lambda = sqrt(4) = 2, leaves = centre / lambda = 1/2.
  const Graph star = make_graph(5, false, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  const auto r = eigenvector(star);
  EXPECT_NEAR(r.eigenvalue, 2.0, 1e-9);
  EXPECT_NEAR(r.eigenvector[0], 1.0, 1e-9);
  for (int v = 1; v < 5; ++v)
    EXPECT_NEAR(r.eigenvector[static_cast<std::size_t>(v)], 0.5, 1e-9);
}

TEST(Eigenvector, DirectionIgnoredMutualTieCountsOnce) {
  // 0 <-> 1 -> 2 : symmetrised path 0 - 1 - 2: lambda sqrt(2), ends 1/sqrt(2).
  const Graph g = make_graph(3, true, {{0, 1}, {1, 0}, {1, 2}});
  const auto r = eigenvector(g);
  EXPECT_NEAR(r.eigenvalue, std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(r.eigenvector[0], 1.0 / std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(r.eigenvector[1], 1.0, 1e-9);
  EXPECT_NEAR(r.eigenvector[2], 1.0 / std::sqrt(2.0), 1e-9);
}

TEST(Eigenvector, OutsideDominantComponentIsZero) {
  // Triangle 0-1-2 (lambda 2) and an edge 3-4 (lambda 1) plus isolate 5.
  const Graph g = make_graph(6, false, {{0, 1}, {1, 2}, {2, 0}, {3, 4}});
  const auto r = eigenvector(g);
  for (int v = 0; v < 3; ++v)
    EXPECT_NEAR(r.eigenvector[static_cast<std::size_t>(v)], 1.0, 1e-9);
  for (int v = 3; v < 6; ++v)
    EXPECT_NEAR(r.eigenvector[static_cast<std::size_t>(v)], 0.0, 1e-9);
}

TEST(Eigenvector, MatchesPowerIteration) {
  for (bool directed : {true, false}) {
    for (bool weighted : {false, true}) {
      // p high enough that the graph is connected (checked by the oracle: all entries > 0).
      const Graph g = testing::random_graph(40, 0.15, 31, directed, weighted);
      EigenvectorOptions opt;
      opt.weighted = weighted;
      const auto got = eigenvector(g, opt).eigenvector;
      const auto want = power_iteration(g, weighted);
      for (std::size_t v = 0; v < got.size(); ++v) {
        EXPECT_GT(want[v], 0.0);
        EXPECT_NEAR(got[v], want[v], 1e-7) << "directed=" << directed << " weighted=" << weighted;
      }
    }
  }
}

TEST(Eigenvector, DegenerateGraphs) {
  EXPECT_TRUE(eigenvector(Graph{}).eigenvector.empty());
  // No ties: igraph returns all 1 (every vector is an eigenvector of the zero matrix).
  EXPECT_EQ(eigenvector(make_graph(3, true, {{1, 1}})).eigenvector, std::vector<double>(3, 1.0));
  EigenvectorOptions opt;
  opt.weighted = true;
  EXPECT_THROW(eigenvector(make_graph(2, true, {{0, 1}}), opt), std::invalid_argument);
}

// Reference values: R 4 igraph 1.3.5,
// eigen_centrality(as.undirected(g, "collapse"), scale=TRUE)$vector for actors 1, 2, 3, 4, 5,
// 10, 17, 25, 30. Karate: Zachary 1977 (networkx 2.8.8 karate_club_graph); random digraph:
// random_arcs(30, 0.1, seed 2026) from paths_fixtures.hpp.
const std::vector<std::uint32_t> kRefActors{0, 1, 2, 3, 4, 9, 16, 24, 29};

TEST(Eigenvector, KarateReferenceIgraph) {
  const std::vector<double> want{0.952132366476656, 0.712335139120219, 0.849554200465301,
                                 0.565614306651433, 0.203471480816697, 0.274998115491665,
                                 0.063304607936441, 0.152806701996382, 0.3614730149068};
  const auto r = eigenvector(testing::karate());
  EXPECT_NEAR(r.eigenvalue, 6.72569772763173, 1e-9);
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_NEAR(r.eigenvector[kRefActors[i]], want[i], 1e-8);
  }
}

TEST(Eigenvector, RandomDigraphReferenceIgraph) {
  const std::vector<double> want{0.223662056600947, 0.113003145095519, 0.45951688048387,
                                 0.281930649867868, 0.620132672355132, 0.49762136342473,
                                 0.354329843847817, 0.5708951684474,   0.0960491261426316};
  const auto r = eigenvector(testing::random_graph(30, 0.1, 2026, true, false));
  EXPECT_NEAR(r.eigenvalue, 5.48774701651841, 1e-9);
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_NEAR(r.eigenvector[kRefActors[i]], want[i], 1e-8);
  }
}

}  // namespace
}  // namespace kn
