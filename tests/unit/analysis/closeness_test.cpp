// Tests for kn::closeness (closeness + harmonic; src/analysis/centrality/closeness.hpp).
#include "analysis/centrality/closeness.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "analysis/detail/igraph_bridge.hpp"
#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::make_graph;

// Oracle from Floyd-Warshall: dist[v][u] follows arcs, so mode Out reads row v, mode In column v.
ClosenessResult brute_force(const Graph& g, bool weighted, PathMode mode) {
  const auto ap = testing::floyd_warshall(g, weighted);
  const std::uint32_t n = g.n();
  ClosenessResult r{std::vector<double>(n, kUndefined), std::vector<double>(n, 0.0),
                    std::vector<std::uint32_t>(n, 0)};
  for (std::uint32_t v = 0; v < n; ++v) {
    double sum = 0.0;
    for (std::uint32_t u = 0; u < n; ++u) {
      if (u == v) continue;
      double d = mode == PathMode::Out ? ap.dist[v][u] : ap.dist[u][v];
      if (std::isinf(d)) continue;
      sum += d;
      r.harmonic[v] += 1.0 / d;
      ++r.reachable[v];
    }
    if (r.reachable[v] > 0) r.closeness[v] = 1.0 / sum;
  }
  return r;
}

void expect_same(const std::vector<double>& got, const std::vector<double>& want,
                 const char* what) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t v = 0; v < got.size(); ++v) {
    if (std::isnan(want[v])) {
      EXPECT_TRUE(std::isnan(got[v])) << what << " v=" << v;
    } else {
      EXPECT_NEAR(got[v], want[v], 1e-12 * (1.0 + std::fabs(want[v]))) << what << " v=" << v;
    }
  }
}

TEST(Closeness, DirectedPathHandComputed) {
  // 0 -> 1 -> 2 -> 3
  // out-distances from 0: 1, 2, 3 -> closeness 1/6, harmonic 1 + 1/2 + 1/3 = 11/6.
  // actor 3 is a sink: closeness NaN, harmonic 0, nothing reachable.
  const Graph g = make_graph(4, true, {{0, 1}, {1, 2}, {2, 3}});
  const auto r = closeness(g);
  expect_same(r.closeness, {1.0 / 6, 1.0 / 3, 1.0, kUndefined}, "closeness");
  expect_same(r.harmonic, {11.0 / 6, 1.5, 1.0, 0.0}, "harmonic");
  EXPECT_EQ(r.reachable, (std::vector<std::uint32_t>{3, 2, 1, 0}));
  ClosenessOptions in;
  in.mode = PathMode::In;
  const auto ri = closeness(g, in);
  expect_same(ri.closeness, {kUndefined, 1.0, 1.0 / 3, 1.0 / 6}, "closeness in");
  ClosenessOptions all;
  all.mode = PathMode::All;
  const auto ra = closeness(g, all);
  expect_same(ra.closeness, {1.0 / 6, 1.0 / 4, 1.0 / 4, 1.0 / 6}, "closeness all");
}

TEST(Closeness, StarAndCycle) {
  // Undirected star, centre 0 with 4 leaves: centre 1/4, leaf 1/(1 + 3*2) = 1/7;
  // harmonic centre 4, leaf 1 + 3/2.
  const Graph star = make_graph(5, false, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  const auto s = closeness(star);
  expect_same(s.closeness, {0.25, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7}, "star");
  expect_same(s.harmonic, {4, 2.5, 2.5, 2.5, 2.5}, "star harmonic");
  // Directed 4-cycle 0->1->2->3->0: distances 1, 2, 3 from everyone.
  const Graph cycle = make_graph(4, true, {{0, 1}, {1, 2}, {2, 3}, {3, 0}});
  expect_same(closeness(cycle).closeness, std::vector<double>(4, 1.0 / 6), "cycle");
}

TEST(Closeness, WeightedHandComputed) {
  // 0 --2--> 1 --3--> 2 and 0 --10--> 2: d(0,1) = 2, d(0,2) = 5.
  const Graph g = make_graph(3, true, {{0, 1}, {1, 2}, {0, 2}}, {2, 3, 10});
  ClosenessOptions opt;
  opt.weighted = true;
  const auto r = closeness(g, opt);
  expect_same(r.closeness, {1.0 / 7, 1.0 / 3, kUndefined}, "weighted");
  expect_same(r.harmonic, {0.5 + 0.2, 1.0 / 3, 0.0}, "weighted harmonic");
}

TEST(Closeness, MatchesBruteForceOnRandomGraphs) {
  for (bool directed : {true, false}) {
    for (bool weighted : {false, true}) {
      for (PathMode mode : {PathMode::Out, PathMode::In}) {
        for (std::uint64_t seed = 11; seed <= 13; ++seed) {
          const Graph g = testing::random_graph(30, 0.08, seed, directed, weighted);
          ClosenessOptions opt;
          opt.weighted = weighted;
          opt.mode = mode;
          opt.threads = 2;
          const auto got = closeness(g, opt);
          const auto want = brute_force(g, weighted, mode);
          expect_same(got.closeness, want.closeness, "closeness");
          expect_same(got.harmonic, want.harmonic, "harmonic");
          EXPECT_EQ(got.reachable, want.reachable);
        }
      }
    }
  }
}

TEST(Closeness, ModeAllEqualsOutOnUndirectedView) {
  // Mode All on a digraph = mode Out on its undirected version (weights: the shorter arc).
  auto ra = testing::random_arcs(30, 0.08, 21, true);
  const Graph g = Graph::from_arcs(30, true, ra.arcs, ra.weights);
  std::vector<double> w;
  std::vector<testing::Arc> arcs;
  for (std::uint32_t v = 0; v < 30; ++v) {
    for (std::uint32_t u = v + 1; u < 30; ++u) {
      const auto a = g.arc_weight(v, u), b = g.arc_weight(u, v);
      if (!a && !b) continue;
      arcs.emplace_back(v, u);
      w.push_back(a && b ? std::min(*a, *b) : (a ? *a : *b));
    }
  }
  const Graph u = Graph::from_arcs(30, false, arcs, w);
  ClosenessOptions all;
  all.mode = PathMode::All;
  all.weighted = true;
  ClosenessOptions out;
  out.weighted = true;
  expect_same(closeness(g, all).closeness, closeness(u, out).closeness, "all");
}

TEST(Closeness, MatchesIgraphCApi) {
  for (bool weighted : {false, true}) {
    const Graph g = testing::random_graph(100, 0.03, 5, true, weighted);
    ClosenessOptions opt;
    opt.weighted = weighted;
    const auto got = closeness(g, opt);
    std::vector<double> want_c, want_h;
    {
      auto lock = detail::igraph_lock();
      detail::IgraphGraph ig(g, detail::IgraphShape::AsIs);
      detail::IgraphVector c, h;
      const igraph_vector_t* w = weighted ? ig.weights() : nullptr;
      detail::igraph_check(igraph_closeness(ig.get(), c.get(), nullptr, nullptr, igraph_vss_all(),
                                            IGRAPH_OUT, w, false),
                           "igraph_closeness");
      detail::igraph_check(
          igraph_harmonic_centrality(ig.get(), h.get(), igraph_vss_all(), IGRAPH_OUT, w, false),
          "igraph_harmonic_centrality");
      want_c = c.to_std();
      want_h = h.to_std();
    }
    expect_same(got.closeness, want_c, "closeness vs igraph");
    expect_same(got.harmonic, want_h, "harmonic vs igraph");
  }
}

TEST(Closeness, ThreadCountDoesNotChangeAnyBit) {
  const Graph g = testing::random_graph(300, 0.02, 8, true, true);
  ClosenessOptions opt;
  opt.weighted = true;
  opt.threads = 1;
  const auto a = closeness(g, opt);
  opt.threads = 2;
  const auto b = closeness(g, opt);
  EXPECT_EQ(a.harmonic, b.harmonic);
  EXPECT_EQ(a.reachable, b.reachable);
  for (std::size_t v = 0; v < a.closeness.size(); ++v) {
    EXPECT_TRUE(a.closeness[v] == b.closeness[v] ||
                (std::isnan(a.closeness[v]) && std::isnan(b.closeness[v])));
  }
}

TEST(Closeness, DegenerateGraphs) {
  const auto empty = closeness(Graph{});
  EXPECT_TRUE(empty.closeness.empty());
  EXPECT_TRUE(empty.harmonic.empty());
  const auto one = closeness(make_graph(1, true, {}));
  ASSERT_EQ(one.closeness.size(), 1U);
  EXPECT_TRUE(std::isnan(one.closeness[0]));
  EXPECT_EQ(one.harmonic[0], 0.0);
  // Isolate 2 next to a mutual pair with a loop and a doubled tie (dropped / merged).
  const Graph g = make_graph(3, true, {{0, 1}, {1, 0}, {0, 1}, {1, 1}});
  const auto r = closeness(g);
  expect_same(r.closeness, {1.0, 1.0, kUndefined}, "isolate");
  expect_same(r.harmonic, {1.0, 1.0, 0.0}, "isolate harmonic");
}

TEST(Closeness, CancelThrows) {
  std::atomic<bool> flag{true};
  const RunControl control({}, &flag);
  ClosenessOptions opt;
  opt.control = &control;
  opt.threads = 2;
  EXPECT_THROW(closeness(testing::random_graph(100, 0.05, 1, true, false), opt), Cancelled);
}

// Reference values: R 4 igraph 1.3.5, igraph::closeness(g, mode="out") and
// harmonic_centrality(g, mode="out", normalized=FALSE); actors 1, 2, 3, 4, 5, 10, 17, 25, 30.
// Karate: Zachary 1977 (networkx 2.8.8 karate_club_graph). Random digraph: random_arcs(30, 0.1,
// seed 2026) from paths_fixtures.hpp; R returns NaN for the sinks 1 and 2.
const std::vector<std::uint32_t> kRefActors{0, 1, 2, 3, 4, 9, 16, 24, 29};

TEST(Closeness, KarateReferenceIgraph) {
  const std::vector<double> c{0.0172413793103448,  0.0147058823529412, 0.0169491525423729,
                              0.0140845070422535,  0.0114942528735632, 0.0131578947368421,
                              0.00862068965517241, 0.0113636363636364, 0.0116279069767442};
  const std::vector<double> h{23.1666666666667, 19.1666666666667, 21,   17.6666666666667,
                              14.6666666666667, 15.5833333333333, 11.1, 13.9166666666667,
                              15.3666666666667};
  const auto r = closeness(testing::karate());
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    EXPECT_NEAR(r.closeness[kRefActors[i]], c[i], 1e-14);
    EXPECT_NEAR(r.harmonic[kRefActors[i]], h[i], 1e-12);
  }
}

TEST(Closeness, RandomDigraphReferenceIgraph) {
  const std::vector<double> c{kUndefined,         kUndefined,         0.00869565217391304,
                              0.0138888888888889, 0.0144927536231884, 0.0142857142857143,
                              0.0135135135135135, 0.0116279069767442, 0.00813008130081301};
  const std::vector<double> h{0,
                              0,
                              8.87619047619047,
                              13.0833333333333,
                              14.1666666666667,
                              13.3333333333333,
                              12.3333333333333,
                              10.65,
                              7.57619047619048};
  const auto r = closeness(testing::random_graph(30, 0.1, 2026, true, false));
  for (std::size_t i = 0; i < kRefActors.size(); ++i) {
    if (std::isnan(c[i])) {
      EXPECT_TRUE(std::isnan(r.closeness[kRefActors[i]]));
    } else {
      EXPECT_NEAR(r.closeness[kRefActors[i]], c[i], 1e-14);
    }
    EXPECT_NEAR(r.harmonic[kRefActors[i]], h[i], 1e-12);
  }
}

}  // namespace
}  // namespace kn
