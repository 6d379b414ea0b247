// Tests for kn::pagerank (src/analysis/centrality/pagerank.hpp).
#include "analysis/centrality/pagerank.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::make_graph;

// Plain power iteration of the documented formula (dangling mass spread uniformly).
std::vector<double> power_iteration(const Graph& g, double d, bool weighted) {
  const std::uint32_t n = g.n();
  std::vector<double> pr(n, 1.0 / n), next(n);
  std::vector<double> out_strength(n, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto w = g.out_weights(v);
    out_strength[v] = weighted ? std::accumulate(w.begin(), w.end(), 0.0) : g.out_degree(v);
  }
  for (int it = 0; it < 2000; ++it) {
    double dangling = 0.0;
    for (std::uint32_t v = 0; v < n; ++v) {
      if (out_strength[v] == 0.0) dangling += pr[v];
    }
    std::fill(next.begin(), next.end(), (1.0 - d) / n + d * dangling / n);
    for (std::uint32_t v = 0; v < n; ++v) {
      if (out_strength[v] == 0.0) continue;
      const auto nb = g.out(v);
      const auto w = g.out_weights(v);
      for (std::size_t i = 0; i < nb.size(); ++i) {
        next[nb[i]] += d * pr[v] * (weighted ? w[i] : 1.0) / out_strength[v];
      }
    }
    pr.swap(next);
  }
  return pr;
}

TEST(PageRank, CycleIsUniform) {
  // 0 -> 1 -> 2 -> 3 -> 0: by symmetry every actor has 1/4.
  const Graph g = make_graph(4, true, {{0, 1}, {1, 2}, {2, 3}, {3, 0}});
  for (double x : pagerank(g).pagerank)
    EXPECT_NEAR(x, 0.25, 1e-12);
}

TEST(PageRank, InStarHandComputed) {
  // 1 -> 0 <- 2; 0 is dangling. With c = (1-d)/3 + d*PR0/3 for the leaves and
  // PR0 = c + 2dc:  c = (1-d)/3 + d(1+2d)c/3  =>  c = (1-d) / (3 - d(1+2d)).
  const Graph g = make_graph(3, true, {{1, 0}, {2, 0}});
  const double d = 0.85;
  const double c = (1 - d) / (3 - d * (1 + 2 * d));
  const auto pr = pagerank(g).pagerank;
  EXPECT_NEAR(pr[1], c, 1e-12);
  EXPECT_NEAR(pr[2], c, 1e-12);
  EXPECT_NEAR(pr[0], c * (1 + 2 * d), 1e-12);
}

TEST(PageRank, MatchesPowerIterationAndSumsToOne) {
  for (bool directed : {true, false}) {
    for (bool weighted : {false, true}) {
      const Graph g = testing::random_graph(50, 0.05, 17, directed, weighted);
      PageRankOptions opt;
      opt.weighted = weighted;
      const auto got = pagerank(g, opt).pagerank;
      const auto want = power_iteration(g, 0.85, weighted);
      EXPECT_NEAR(std::accumulate(got.begin(), got.end(), 0.0), 1.0, 1e-12);
      for (std::size_t v = 0; v < got.size(); ++v)
        EXPECT_NEAR(got[v], want[v], 1e-10);
    }
  }
}

TEST(PageRank, DegenerateGraphs) {
  EXPECT_TRUE(pagerank(Graph{}).pagerank.empty());
  EXPECT_EQ(pagerank(make_graph(1, true, {{0, 0}})).pagerank, std::vector<double>{1.0});
  for (double x : pagerank(make_graph(4, true, {})).pagerank)
    EXPECT_NEAR(x, 0.25, 1e-15);
  PageRankOptions bad;
  bad.damping = 1.5;
  EXPECT_THROW(pagerank(make_graph(2, true, {{0, 1}}), bad), std::invalid_argument);
}

// Reference values: R 4 igraph 1.3.5, page_rank(g, directed=TRUE, damping=0.85)$vector for
// actors 1, 2, 3, 4, 5, 10, 17, 25, 30. Karate: Zachary 1977 (networkx 2.8.8
// karate_club_graph); random digraph: random_arcs(30, 0.1, seed 2026), paths_fixtures.hpp.
const std::vector<std::uint32_t> kRefActors{0, 1, 2, 3, 4, 9, 16, 24, 29};

TEST(PageRank, KarateReferenceIgraph) {
  const std::vector<double> want{0.0969972853882947, 0.0528769240611457, 0.057078509488462,
                                 0.0358598577864114, 0.0219779523645895, 0.0143093971290329,
                                 0.0167840054441897, 0.0210760335592228, 0.0262885376951149};
  const auto pr = pagerank(testing::karate()).pagerank;
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_NEAR(pr[kRefActors[i]], want[i], 1e-12);
  }
}

TEST(PageRank, RandomDigraphReferenceIgraph) {
  const std::vector<double> want{0.0148050875366241, 0.0113651143889132, 0.0325169477307491,
                                 0.017522174919615,  0.0352536358095982, 0.0299829088646537,
                                 0.016870438129374,  0.0296447474526109, 0.0202946420624895};
  const auto pr = pagerank(testing::random_graph(30, 0.1, 2026, true, false)).pagerank;
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_NEAR(pr[kRefActors[i]], want[i], 1e-12);
  }
}

}  // namespace
}  // namespace kn
