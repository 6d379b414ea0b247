// Tests for kn::betweenness (src/analysis/centrality/betweenness.hpp).
#include "analysis/centrality/betweenness.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <numeric>

#include "analysis/centrality/closeness.hpp"
#include "analysis/detail/igraph_bridge.hpp"
#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::Arc;
using testing::make_graph;

std::vector<double> brute_force(const Graph& g, bool weighted) {
  const auto ap = testing::floyd_warshall(g, weighted);
  const std::uint32_t n = g.n();
  std::vector<double> b(n, 0.0);
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t t = 0; t < n; ++t) {
      if (s == t || std::isinf(ap.dist[s][t])) continue;
      for (std::uint32_t v = 0; v < n; ++v) {
        if (v == s || v == t) continue;
        if (ap.dist[s][v] + ap.dist[v][t] == ap.dist[s][t]) {
          b[v] += ap.count[s][v] * ap.count[v][t] / ap.count[s][t];
        }
      }
    }
  }
  if (!g.directed()) {
    for (auto& x : b)
      x /= 2.0;
  }
  return b;
}

TEST(Betweenness, DirectedPathHandComputed) {
  // 0 -> 1 -> 2 -> 3 : 1 lies on 0->2, 0->3; 2 on 0->3, 1->3.
  const Graph g = make_graph(4, true, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_EQ(betweenness(g).betweenness, (std::vector<double>{0, 2, 2, 0}));
}

TEST(Betweenness, UndirectedStarAndCycle) {
  //   1   2
  //    \ /
  //     0        star: the centre is on all C(4,2) = 6 leaf pairs
  //    / \       .
  //   3   4
  const Graph star = make_graph(5, false, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  EXPECT_EQ(betweenness(star).betweenness, (std::vector<double>{6, 0, 0, 0, 0}));
  // 5-cycle 0-1-2-3-4-0: each actor is the unique middle of one pair at distance 2.
  const Graph cycle = make_graph(5, false, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}});
  EXPECT_EQ(betweenness(cycle).betweenness, (std::vector<double>(5, 1.0)));
}

TEST(Betweenness, SmallDigraphHandComputed) {
  //   0 -> 1 -> 3 -> 4
  //   0 -> 2 -> 3
  // 0->3: two paths (via 1, via 2): 1 and 2 get 1/2 each.
  // 0->4: two paths 0-1-3-4, 0-2-3-4: 1, 2 get 1/2; 3 gets 1.
  // 1->4 and 2->4: 3 gets 1 each.       => b = (0, 1, 1, 3, 0)
  const Graph g = make_graph(5, true, {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}});
  EXPECT_EQ(betweenness(g).betweenness, (std::vector<double>{0, 1, 1, 3, 0}));
}

TEST(Betweenness, WeightedTieInPathLength) {
  //   0 --1--> 1 --1--> 2,   0 --w--> 2
  // w = 3: the only shortest 0->2 path runs through 1.  w = 2: two shortest paths, 1 gets 1/2.
  const std::vector<Arc> arcs{{0, 1}, {1, 2}, {0, 2}};
  BetweennessOptions opt;
  opt.weighted = true;
  EXPECT_EQ(betweenness(make_graph(3, true, arcs, {1, 1, 3}), opt).betweenness,
            (std::vector<double>{0, 1, 0}));
  EXPECT_EQ(betweenness(make_graph(3, true, arcs, {1, 1, 2}), opt).betweenness,
            (std::vector<double>{0, 0.5, 0}));
  // Unweighted ignores the weights: 0->2 is direct.
  EXPECT_EQ(betweenness(make_graph(3, true, arcs, {1, 1, 3})).betweenness,
            (std::vector<double>{0, 0, 0}));
}

TEST(Betweenness, MatchesBruteForceOnRandomGraphs) {
  for (bool directed : {true, false}) {
    for (bool weighted : {false, true}) {
      for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const Graph g = testing::random_graph(25, 0.12, seed, directed, weighted);
        BetweennessOptions opt;
        opt.weighted = weighted;
        opt.threads = 2;
        const auto got = betweenness(g, opt).betweenness;
        const auto want = brute_force(g, weighted);
        ASSERT_EQ(got.size(), want.size());
        for (std::size_t v = 0; v < got.size(); ++v) {
          EXPECT_NEAR(got[v], want[v], 1e-9 * (1.0 + want[v]))
              << "directed=" << directed << " weighted=" << weighted << " seed=" << seed
              << " v=" << v;
        }
      }
    }
  }
}

TEST(Betweenness, MatchesIgraphCApi) {
  for (bool directed : {true, false}) {
    for (bool weighted : {false, true}) {
      const Graph g = testing::random_graph(120, 0.04, 77, directed, weighted);
      BetweennessOptions opt;
      opt.weighted = weighted;
      const auto got = betweenness(g, opt).betweenness;
      std::vector<double> want;
      {
        auto lock = detail::igraph_lock();
        detail::IgraphGraph ig(g, detail::IgraphShape::AsIs);
        detail::IgraphVector res;
        detail::igraph_check(igraph_betweenness(ig.get(), res.get(), igraph_vss_all(), true,
                                                weighted ? ig.weights() : nullptr),
                             "igraph_betweenness");
        want = res.to_std();
      }
      ASSERT_EQ(got.size(), want.size());
      for (std::size_t v = 0; v < got.size(); ++v) {
        EXPECT_NEAR(got[v], want[v], 1e-9 * (1.0 + want[v]));
      }
    }
  }
}

TEST(Betweenness, ThreadCountDoesNotChangeAnyBit) {
  for (bool weighted : {false, true}) {
    const Graph g = testing::random_graph(300, 0.02, 9, true, weighted);
    BetweennessOptions opt;
    opt.weighted = weighted;
    opt.threads = 1;
    const auto one = betweenness(g, opt).betweenness;
    opt.threads = 2;
    const auto two = betweenness(g, opt).betweenness;
    opt.threads = 5;
    const auto five = betweenness(g, opt).betweenness;
    EXPECT_EQ(one, two);
    EXPECT_EQ(one, five);
  }
}

TEST(Betweenness, WithClosenessEqualsClosenessBitForBit) {
  for (bool directed : {true, false}) {
    for (bool weighted : {false, true}) {
      const Graph g = testing::random_graph(200, 0.02, 17, directed, weighted);
      BetweennessOptions opt;
      opt.weighted = weighted;
      opt.threads = 2;
      const auto plain = betweenness(g, opt);
      EXPECT_TRUE(plain.closeness.empty());
      opt.with_closeness = true;
      const auto fused = betweenness(g, opt);
      ClosenessOptions copt;
      copt.weighted = weighted;
      const auto c = closeness(g, copt);
      EXPECT_EQ(fused.betweenness, plain.betweenness);
      ASSERT_EQ(fused.closeness.size(), c.closeness.size());
      for (std::size_t v = 0; v < c.closeness.size(); ++v) {
        if (std::isnan(c.closeness[v])) {
          EXPECT_TRUE(std::isnan(fused.closeness[v])) << v;
        } else {
          EXPECT_EQ(fused.closeness[v], c.closeness[v]) << v;
        }
      }
      EXPECT_EQ(fused.harmonic, c.harmonic);
      EXPECT_EQ(fused.reachable, c.reachable);
    }
  }
}

TEST(Betweenness, RelabellingInvariance) {
  const Graph g = testing::random_graph(60, 0.06, 4, true, true);
  std::vector<std::uint32_t> perm(g.n());
  std::iota(perm.begin(), perm.end(), 0U);
  testing::SplitMix64 rng(123);
  for (std::size_t i = perm.size() - 1; i > 0; --i) {
    std::swap(perm[i], perm[rng.next() % (i + 1)]);
  }
  BetweennessOptions opt;
  opt.weighted = true;
  const auto a = betweenness(g, opt).betweenness;
  const auto b = betweenness(testing::permuted(g, perm), opt).betweenness;
  for (std::uint32_t v = 0; v < g.n(); ++v)
    EXPECT_NEAR(a[v], b[perm[v]], 1e-9 * (1.0 + a[v]));
}

TEST(Betweenness, TreeSumEqualsSumOfInnerPathLengths) {
  // Random recursive tree: parent of v is uniform in [0, v). Unique paths, so the total
  // betweenness equals the sum over unordered pairs of (d - 1).
  testing::SplitMix64 rng(5);
  const std::uint32_t n = 80;
  std::vector<Arc> edges;
  for (std::uint32_t v = 1; v < n; ++v) {
    edges.emplace_back(static_cast<std::uint32_t>(rng.next() % v), v);
  }
  const Graph g = make_graph(n, false, edges);
  const auto ap = testing::floyd_warshall(g, false);
  double want = 0.0;
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t t = s + 1; t < n; ++t)
      want += ap.dist[s][t] - 1.0;
  }
  const auto b = betweenness(g).betweenness;
  EXPECT_NEAR(std::accumulate(b.begin(), b.end(), 0.0), want, 1e-9 * want);
  // Bound: (n-1)(n-2)/2 for an undirected view.
  for (double x : b)
    EXPECT_LE(x, (n - 1.0) * (n - 2.0) / 2.0);
}

TEST(Betweenness, DegenerateGraphs) {
  EXPECT_TRUE(betweenness(Graph{}).betweenness.empty());
  EXPECT_EQ(betweenness(make_graph(1, true, {})).betweenness, std::vector<double>{0.0});
  EXPECT_EQ(betweenness(make_graph(4, true, {})).betweenness, std::vector<double>(4, 0.0));
  // Loops dropped and multi-ties merged by the view: same as the simple path 0->1->2.
  const Graph messy = make_graph(4, true, {{0, 1}, {0, 1}, {1, 1}, {1, 2}, {1, 2}, {2, 2}});
  EXPECT_EQ(betweenness(messy).betweenness, (std::vector<double>{0, 1, 0, 0}));
  // Disconnected: two directed paths 0->1->2 and 3->4->5.
  const Graph two = make_graph(6, true, {{0, 1}, {1, 2}, {3, 4}, {4, 5}});
  EXPECT_EQ(betweenness(two).betweenness, (std::vector<double>{0, 1, 0, 0, 1, 0}));
}

TEST(Betweenness, RejectsBadWeights) {
  BetweennessOptions opt;
  opt.weighted = true;
  EXPECT_THROW(betweenness(make_graph(3, true, {{0, 1}, {1, 2}}), opt), std::invalid_argument);
  EXPECT_THROW(betweenness(make_graph(3, true, {{0, 1}, {1, 2}}, {1.0, 0.0}), opt),
               std::invalid_argument);
  EXPECT_THROW(betweenness(make_graph(3, true, {{0, 1}, {1, 2}}, {1.0, -2.0}), opt),
               std::invalid_argument);
}

// Reference values: R 4 igraph 1.3.5, igraph::betweenness(g, directed=TRUE, normalized=FALSE);
// actors 1, 2, 3, 4, 5, 10, 17, 25, 30 (R 1-based).
// Karate: graph_from_edgelist(karate edges, directed=FALSE) (Zachary 1977, via networkx 2.8.8).
// Random digraph: random_arcs(30, 0.1, seed 2026) from paths_fixtures.hpp (76 arcs, written out
// by the same splitmix64 generator in Python); sna 2.7.1 sna::betweenness(gmode="digraph") gives
// identical values.
const std::vector<std::uint32_t> kRefActors{0, 1, 2, 3, 4, 9, 16, 24, 29};

TEST(Betweenness, KarateReferenceIgraph) {
  const std::vector<double> want{231.071428571429,
                                 28.4785714285714,
                                 75.8507936507937,
                                 6.28809523809524,
                                 0.333333333333333,
                                 0.447619047619048,
                                 0,
                                 1.16666666666667,
                                 1.54285714285714};
  const auto b = betweenness(testing::karate()).betweenness;
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_NEAR(b[kRefActors[i]], want[i], 1e-9) << "actor " << kRefActors[i];
  }
}

TEST(Betweenness, RandomDigraphReferenceIgraphAndSna) {
  const std::vector<double> want{
      0, 0, 35.15, 43.5, 65.3166666666667, 49.8333333333333, 57.6666666666667, 63.05, 0};
  const auto b = betweenness(testing::random_graph(30, 0.1, 2026, true, false)).betweenness;
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_NEAR(b[kRefActors[i]], want[i], 1e-9) << "actor " << kRefActors[i];
  }
}

TEST(Betweenness, CancelledBeforeStartThrows) {
  std::atomic<bool> flag{true};
  const RunControl control({}, &flag);
  BetweennessOptions opt;
  opt.control = &control;
  opt.threads = 2;
  const Graph g = testing::random_graph(200, 0.03, 3, true, false);
  EXPECT_THROW(betweenness(g, opt), Cancelled);
}

TEST(Betweenness, CancelledMidwayStopsAllThreads) {
  std::atomic<bool> flag{false};
  std::atomic<int> calls{0};
  double last_fraction = -1.0;
  const RunControl control(
      [&](const std::string& task, double fraction) {
        EXPECT_EQ(task, "betweenness");
        if (++calls == 3) flag = true;  // cancel after a few progress reports
        last_fraction = fraction;
      },
      &flag);
  BetweennessOptions opt;
  opt.control = &control;
  opt.threads = 2;
  const Graph g = testing::random_graph(800, 0.01, 3, true, true);
  opt.weighted = true;
  EXPECT_THROW(betweenness(g, opt), Cancelled);
  EXPECT_GE(calls.load(), 3);
  EXPECT_LT(last_fraction, 1.0);
}

TEST(Betweenness, ProgressReachesOne) {
  std::atomic<bool> flag{false};
  double last = -1.0;
  int reports = 0;
  const RunControl control(
      [&](const std::string&, double fraction) {
        EXPECT_GE(fraction, last);
        last = fraction;
        ++reports;
      },
      &flag);
  BetweennessOptions opt;
  opt.control = &control;
  opt.threads = 1;
  (void)betweenness(testing::random_graph(300, 0.02, 1, true, false), opt);
  EXPECT_EQ(last, 1.0);
  EXPECT_GE(reports, 50);
}

}  // namespace
}  // namespace kn
