// Removing one actor (analysis/cohesion/removal_impact.hpp): a path and a star by hand, and on
// Zachary's karate club every removal cross-checked against the engine's own components(),
// describe() (igraph mean_distance(unconnected=TRUE) equivalent, see descriptive.hpp) and
// key players' fragmentation() on the graph with that actor's ties deleted.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "analysis/cohesion/components.hpp"
#include "analysis/cohesion/key_players.hpp"
#include "analysis/cohesion/removal_impact.hpp"
#include "analysis/network/descriptive.hpp"
#include "unit/analysis/paths_fixtures.hpp"

namespace kn {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

TEST(RemovalImpact, PathByHand) {
  //   0 - 1 - 2 - 3 - 4
  const Graph p = Graph::from_arcs(5, false, Arcs{{0, 1}, {1, 2}, {2, 3}, {3, 4}});
  RemovalImpactOptions o;
  o.distances = true;
  const auto r = removal_impact(p, o);
  EXPECT_EQ(r.components, 1U);
  EXPECT_EQ(r.reachable_pairs, 20U);
  EXPECT_DOUBLE_EQ(r.mean_distance, 2.0);  // (8 * 1 + 6 * 2 + 4 * 3 + 2 * 4) / 20
  ASSERT_EQ(r.removals.size(), 5U);
  const auto& centre = r.removals[2];
  EXPECT_EQ(centre.actor, 2U);
  EXPECT_EQ(centre.components, 2U);
  EXPECT_EQ(centre.largest, 2U);
  EXPECT_EQ(centre.reachable_pairs, 4U);
  EXPECT_EQ(centre.lost_pairs, 8U);  // 20 - 8 pairs with 2 - 4 still connected
  EXPECT_DOUBLE_EQ(centre.fragmentation, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(centre.mean_distance, 1.0);
  const auto& end = r.removals[0];
  EXPECT_EQ(end.components, 1U);
  EXPECT_EQ(end.lost_pairs, 0U);
  EXPECT_DOUBLE_EQ(end.fragmentation, 0.0);
  EXPECT_DOUBLE_EQ(end.mean_distance, 20.0 / 12.0);  // a path of four
}

TEST(RemovalImpact, StarHubAndChosenActors) {
  const Graph star = Graph::from_arcs(5, false, Arcs{{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  RemovalImpactOptions o;
  o.actors = {0, 3};
  o.distances = true;
  const auto r = removal_impact(star, o);
  ASSERT_EQ(r.removals.size(), 2U);
  EXPECT_EQ(r.removals[0].components, 4U);  // four isolates
  EXPECT_EQ(r.removals[0].largest, 1U);
  EXPECT_DOUBLE_EQ(r.removals[0].fragmentation, 1.0);
  EXPECT_TRUE(std::isnan(r.removals[0].mean_distance));
  EXPECT_EQ(r.removals[0].lost_pairs, 12U);
  EXPECT_EQ(r.removals[1].actor, 3U);
  EXPECT_EQ(r.removals[1].components, 1U);
  o.actors = {5};
  EXPECT_THROW(removal_impact(star, o), std::invalid_argument);
}

TEST(RemovalImpact, KarateAgreesWithComponentsDescribeAndFragmentation) {
  const Graph g = testing::karate();
  RemovalImpactOptions o;
  o.distances = true;
  o.threads = 2;
  const auto r = removal_impact(g, o);
  EXPECT_EQ(r.components, 1U);
  EXPECT_NEAR(r.mean_distance, describe(g).mean_distance, 1e-12);
  const auto& edges = testing::karate_edges();
  for (ActorIndex v = 0; v < g.n(); ++v) {
    Arcs rest;
    for (const auto& e : edges)
      if (e.first != v && e.second != v) rest.emplace_back(e.first, e.second);
    const Graph without = Graph::from_arcs(g.n(), false, rest);  // v stays as an isolate
    const auto c = components(without);
    const auto& x = r.removals[v];
    EXPECT_EQ(x.components, c.count - 1) << v;  // minus v's own isolate
    std::uint32_t largest = 0;
    for (const auto size : c.sizes)
      largest = std::max(largest, size);
    EXPECT_EQ(x.largest, largest) << v;
    const std::vector<ActorIndex> removed{v};
    EXPECT_NEAR(x.fragmentation, fragmentation(g, removed), 1e-15) << v;
    EXPECT_NEAR(x.mean_distance, describe(without).mean_distance, 1e-12) << v;
  }
  // Without actor 0 (the instructor) the club falls into three parts: actor 11 (tied only to 0),
  // the group {4, 5, 6, 10, 16} and the rest.
  EXPECT_EQ(r.removals[0].components, 3U);
  EXPECT_EQ(r.removals[0].largest, 33U - 1U - 5U);
}

TEST(RemovalImpact, DegenerateAndCancel) {
  const auto empty = removal_impact(Graph::from_arcs(0, false, {}));
  EXPECT_TRUE(empty.removals.empty());
  const auto one = removal_impact(Graph::from_arcs(1, false, {}));
  ASSERT_EQ(one.removals.size(), 1U);
  EXPECT_EQ(one.removals[0].components, 0U);
  EXPECT_DOUBLE_EQ(one.removals[0].fragmentation, 1.0);
  std::atomic<bool> cancel{true};
  RunControl stop(nullptr, &cancel);
  RemovalImpactOptions o;
  o.control = &stop;
  EXPECT_THROW(removal_impact(testing::karate(), o), Cancelled);
}

}  // namespace
}  // namespace kn
