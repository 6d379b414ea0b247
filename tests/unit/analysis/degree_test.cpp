// Tests for kn::degree (src/analysis/centrality/degree.hpp).
#include "analysis/centrality/degree.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "paths_fixtures.hpp"

namespace kn {
namespace {

using testing::make_graph;

TEST(Degree, SmallDigraphHandComputed) {
  //   0 -> 1 -> 2        in  = (1, 2, 1, 0)
  //   ^    ^             out = (1, 1, 1, 1)
  //   |    |
  //   2    3
  const Graph g = make_graph(4, true, {{0, 1}, {1, 2}, {2, 0}, {3, 1}});
  const auto d = degree(g);
  EXPECT_EQ(d.indegree, (std::vector<double>{1, 2, 1, 0}));
  EXPECT_EQ(d.outdegree, (std::vector<double>{1, 1, 1, 1}));
  EXPECT_TRUE(d.instrength.empty());
}

TEST(Degree, LoopsAndMultiTiesDoNotCount) {
  // Three parallel 0->1 ties, a loop at 1: distinct neighbours only.
  const Graph g = make_graph(2, true, {{0, 1}, {0, 1}, {0, 1}, {1, 1}}, {1, 2, 3, 9});
  DegreeOptions opt;
  opt.weighted = true;
  const auto d = degree(g, opt);
  EXPECT_EQ(d.outdegree, (std::vector<double>{1, 0}));
  EXPECT_EQ(d.indegree, (std::vector<double>{0, 1}));
  // Strength sums the merged weights (1 + 2 + 3); the loop is dropped.
  EXPECT_EQ(d.outstrength, (std::vector<double>{6, 0}));
  EXPECT_EQ(d.instrength, (std::vector<double>{0, 6}));
}

TEST(Degree, UndirectedStar) {
  const Graph star = make_graph(5, false, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  const auto d = degree(star);
  EXPECT_EQ(d.indegree, (std::vector<double>{4, 1, 1, 1, 1}));
  EXPECT_EQ(d.outdegree, d.indegree);
}

TEST(Degree, SumsEqualArcCountOnRandomGraphs) {
  for (bool directed : {true, false}) {
    const Graph g = testing::random_graph(50, 0.1, 3, directed, true);
    DegreeOptions opt;
    opt.weighted = true;
    const auto d = degree(g, opt);
    const double arcs = static_cast<double>(g.arc_count());
    EXPECT_EQ(std::accumulate(d.indegree.begin(), d.indegree.end(), 0.0), arcs);
    EXPECT_EQ(std::accumulate(d.outdegree.begin(), d.outdegree.end(), 0.0), arcs);
    const auto& w = g.out_weight_array();
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    EXPECT_DOUBLE_EQ(std::accumulate(d.instrength.begin(), d.instrength.end(), 0.0), total);
    EXPECT_DOUBLE_EQ(std::accumulate(d.outstrength.begin(), d.outstrength.end(), 0.0), total);
  }
}

TEST(Degree, KarateReference) {
  // networkx 2.8.8 karate_club_graph().degree() (Zachary 1977): actor 0 has 16, 33 has 17,
  // 11 has 1.
  const auto d = degree(testing::karate());
  EXPECT_EQ(d.indegree[0], 16);
  EXPECT_EQ(d.indegree[33], 17);
  EXPECT_EQ(d.indegree[11], 1);
}

TEST(Degree, DegenerateGraphs) {
  EXPECT_TRUE(degree(Graph{}).indegree.empty());
  const auto one = degree(make_graph(1, true, {{0, 0}}));
  EXPECT_EQ(one.indegree, std::vector<double>{0});
  EXPECT_EQ(one.outdegree, std::vector<double>{0});
  DegreeOptions opt;
  opt.weighted = true;
  EXPECT_THROW(degree(make_graph(2, true, {{0, 1}}), opt), std::invalid_argument);
}

}  // namespace
}  // namespace kn
