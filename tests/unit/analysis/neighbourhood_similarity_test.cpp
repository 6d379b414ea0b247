// Neighbourhood similarity (analysis/similarity/neighbourhood_similarity.hpp): hand-computed
// values on a small graph, networkx reference values on Zachary's karate club, the two-step
// candidate enumeration against brute force, direction ignored, degenerate inputs.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "analysis/similarity/neighbourhood_similarity.hpp"
#include "unit/analysis/paths_fixtures.hpp"

namespace kn {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

//   0 - 2 - 1      0 and 1 share 2 (degree 3) and 3 (degree 2); 4 hangs on 2.
//    \     /
//      3         2 - 4
Graph small() {
  return Graph::from_arcs(5, false, Arcs{{0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 4}});
}

TEST(NeighbourhoodSimilarity, ByHand) {
  NeighbourhoodSimilarityOptions o;
  o.pairs = {{0, 1}, {0, 4}, {3, 4}, {0, 0}};
  const auto r = neighbourhood_similarity(small(), o).pairs;
  ASSERT_EQ(r.size(), 4U);
  EXPECT_EQ(r[0].common, 2U);
  EXPECT_DOUBLE_EQ(r[0].jaccard, 1.0);  // N(0) = N(1) = {2, 3}
  EXPECT_DOUBLE_EQ(r[0].adamic_adar, 1.0 / std::log(3.0) + 1.0 / std::log(2.0));
  EXPECT_DOUBLE_EQ(r[0].resource_allocation, 1.0 / 3.0 + 1.0 / 2.0);
  EXPECT_EQ(r[1].common, 1U);                 // 0 and 4 share 2
  EXPECT_DOUBLE_EQ(r[1].jaccard, 1.0 / 2.0);  // {2, 3} and {2}
  EXPECT_EQ(r[2].common, 0U);
  EXPECT_DOUBLE_EQ(r[2].jaccard, 0.0);
  EXPECT_DOUBLE_EQ(r[2].adamic_adar, 0.0);
  EXPECT_EQ(r[3].common, 2U);  // a pair with itself: its own neighbours
  EXPECT_DOUBLE_EQ(r[3].jaccard, 1.0);
}

// networkx 2.8.8 (Debian python3-networkx), nx.karate_club_graph() (Zachary 1977), e.g.
// nx.jaccard_coefficient(G, [(0, 33), ...]); printed with repr().
TEST(NeighbourhoodSimilarity, KarateMatchesNetworkx) {
  struct Ref {
    ActorIndex u, v;
    std::uint32_t common;
    double jaccard, adamic_adar, ra;
  };
  const std::vector<Ref> refs = {
      {0, 33, 4, 0.13793103448275862, 2.7110197222973085, 0.9},
      {5, 6, 2, 0.3333333333333333, 1.8033688011112043, 0.5625},
      {2, 8, 2, 0.15384615384615385, 0.7631033646040855, 0.14583333333333331},
      {23, 25, 0, 0.0, 0.0, 0.0},
      {0, 9, 1, 0.058823529411764705, 0.43429448190325176, 0.1},
      {31, 33, 2, 0.09523809523809523, 1.312668831008682, 0.41666666666666663},
      {4, 10, 1, 0.2, 0.36067376022224085, 0.0625},
      {16, 5, 1, 0.2, 0.7213475204444817, 0.25},
  };
  NeighbourhoodSimilarityOptions o;
  for (const auto& r : refs)
    o.pairs.emplace_back(r.u, r.v);
  const auto got = neighbourhood_similarity(testing::karate(), o).pairs;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    EXPECT_EQ(got[i].common, refs[i].common) << i;
    EXPECT_NEAR(got[i].jaccard, refs[i].jaccard, 1e-15) << i;
    EXPECT_NEAR(got[i].adamic_adar, refs[i].adamic_adar, 1e-14) << i;
    EXPECT_NEAR(got[i].resource_allocation, refs[i].ra, 1e-15) << i;
  }
}

TEST(NeighbourhoodSimilarity, TwoStepCandidatesAreExactlyTheNonAdjacentPairsAtDistanceTwo) {
  const Graph g = testing::karate();
  const auto all = neighbourhood_similarity(g).pairs;
  std::set<std::pair<ActorIndex, ActorIndex>> expected;
  for (ActorIndex u = 0; u < g.n(); ++u)
    for (ActorIndex v = u + 1; v < g.n(); ++v) {
      if (g.has_arc(u, v)) continue;
      bool common = false;
      for (const auto w : g.out(u))
        common = common || g.has_arc(w, v);
      if (common) expected.insert({u, v});
    }
  std::set<std::pair<ActorIndex, ActorIndex>> got;
  for (std::size_t i = 0; i < all.size(); ++i) {
    got.insert({all[i].u, all[i].v});
    EXPECT_GT(all[i].common, 0U);
    if (i > 0) {
      EXPECT_LT(std::make_pair(all[i - 1].u, all[i - 1].v), std::make_pair(all[i].u, all[i].v));
    }
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(all.size(), expected.size());
}

TEST(NeighbourhoodSimilarity, DirectionIgnoredAndErrors) {
  const Graph directed = Graph::from_arcs(5, true, Arcs{{0, 2}, {2, 1}, {3, 0}, {1, 3}, {4, 2}});
  NeighbourhoodSimilarityOptions o;
  o.pairs = {{0, 1}};
  const auto r = neighbourhood_similarity(directed, o).pairs;
  EXPECT_EQ(r[0].common, 2U);
  EXPECT_DOUBLE_EQ(r[0].jaccard, 1.0);
  o.pairs = {{0, 9}};
  EXPECT_THROW(neighbourhood_similarity(directed, o), std::invalid_argument);
  EXPECT_TRUE(neighbourhood_similarity(Graph::from_arcs(0, false, {})).pairs.empty());
  EXPECT_TRUE(neighbourhood_similarity(Graph::from_arcs(3, false, {})).pairs.empty());
}

}  // namespace
}  // namespace kn
