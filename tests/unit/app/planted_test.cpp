// Acceptance of the insights on the Musterstadt demo (issue 5): the generator plants known
// structure (app/demo/musterstadt.hpp MusterstadtPlant) — the analyses find exactly what was
// planted, and on the variant without the plant they do not.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "analysis/cohesion/core_periphery.hpp"
#include "analysis/cohesion/key_players.hpp"
#include "app/demo/musterstadt.hpp"
#include "app/insights.hpp"
#include "app/map_model.hpp"
#include "app/matchmaking.hpp"
#include "core/graph/graph_view.hpp"

namespace kn::app {
namespace {

MusterstadtData demo(bool plant) {
  MusterstadtOptions o;
  o.plant = plant;
  return generate_musterstadt_data(o);
}

std::set<std::pair<ActorIndex, ActorIndex>> mutual_unmet(const MapModel& m) {
  std::set<std::pair<ActorIndex, ActorIndex>> out;
  for (const auto& w : matchmaking(m).unmet)
    if (w.mutual) out.insert(std::minmax(w.from, w.to));
  return out;
}

TEST(Planted, MutualUnmetWishesAreExactlyThePlantedOnes) {
  const auto d = demo(true);
  ASSERT_FALSE(d.plant.mutual_wishes.empty());
  const std::set<std::pair<ActorIndex, ActorIndex>> planted(d.plant.mutual_wishes.begin(),
                                                            d.plant.mutual_wishes.end());
  EXPECT_EQ(mutual_unmet(map_model(d.network)), planted);
  // The suggestions rank them first: a mutual wish outweighs everything else.
  const auto r = matchmaking(map_model(d.network), {planted.size()});
  for (const auto& s : r.suggestions)
    EXPECT_TRUE(planted.count({s.a, s.b})) << s.a << "-" << s.b;
  EXPECT_TRUE(mutual_unmet(map_model(demo(false).network)).empty());
}

/// Fields with at least three actors none of whom has a tie to another (in any relation).
std::vector<std::string> disconnected_fields(const Network& n) {
  std::vector<std::string> out;
  for (const auto& f : field_coverage(n).fields) {
    const std::size_t k = f.actors.size();
    if (k >= 3 && f.gap_count == k * (k - 1) / 2) out.push_back(f.field);
  }
  return out;
}

TEST(Planted, TheCoordinationGapIsTheOnlyFieldWithoutAnyTie) {
  const auto d = demo(true);
  ASSERT_FALSE(d.plant.gap_field.empty());
  EXPECT_EQ(disconnected_fields(d.network), std::vector<std::string>{d.plant.gap_field});
  for (const auto& f : field_coverage(d.network).fields) {
    if (f.field != d.plant.gap_field) continue;
    std::vector<ActorIndex> planted = d.plant.gap_actors;
    std::sort(planted.begin(), planted.end());
    EXPECT_EQ(f.actors, planted);
  }
  EXPECT_TRUE(disconnected_fields(demo(false).network).empty());
}

std::set<std::pair<std::string, std::string>> notable_pairs(const Network& n) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& p : collaboration_quality(map_model(n)).sector_pairs)
    if (p.notable) out.insert({p.from, p.to});
  return out;
}

TEST(Planted, TheDifficultSectorPairIsTheOnlyNotableOne) {
  const auto d = demo(true);
  const auto& [a, b] = d.plant.difficult_pair;
  ASSERT_FALSE(a.empty());
  // Both directions of the planted pair, nothing else (binomial tail against the network's
  // difficult share, Bonferroni over the pairs).
  EXPECT_EQ(notable_pairs(d.network),
            (std::set<std::pair<std::string, std::string>>{{a, b}, {b, a}}));
  const auto q = collaboration_quality(map_model(d.network));
  EXPECT_EQ(std::set<std::string>({q.sector_pairs[0].from, q.sector_pairs[0].to}),
            std::set<std::string>({a, b}));
  // Without the plant a small pair shows a high share by chance (4 of 7, p = 0.006), but
  // none is notable among the 41 pairs.
  EXPECT_TRUE(notable_pairs(demo(false).network).empty());
}

TEST(Planted, TheBrokersLeadTheBrokerageRanking) {
  const auto d = demo(true);
  const MapModel m = map_model(d.network);
  const int k = m.measure_index("brokerage");
  ASSERT_GE(k, 0);
  for (const auto b : d.plant.brokers)
    EXPECT_LE(m.actors[b].ranks[static_cast<std::size_t>(k)], 10U)
        << m.actors[b].id << " is not among the ten biggest brokers";
}

Graph collaboration(const Network& n) {
  ViewOptions v;
  v.relations = {"zusammenarbeit"};
  return make_view(n, v);
}

TEST(Planted, TheBrokersAreTheKeyPlayersOfDistanceFragmentation) {
  // Removing the four brokers lengthens the paths of the collaboration network most (DF 0.618
  // against 0.561 for the whole network): the key-player search finds exactly them. The
  // component-based goal (F) does not: the network stays connected without the brokers, and F
  // picks actors who are the only contact of someone (Z01, Z14, Z18, Z23: F 0.081).
  const auto d = demo(true);
  const Graph g = collaboration(d.network);
  KeyPlayerOptions o;
  o.k = 4;
  o.goal = KeyPlayerGoal::DistanceFragmentation;
  o.seed = 42;
  o.restarts = 1;
  const auto r = key_players(g, o);
  EXPECT_EQ(r.set, d.plant.brokers);
  EXPECT_GT(r.score, r.baseline);
}

TEST(Planted, CorePeripheryFindsACoreWithTheBrokers) {
  const auto d = demo(true);
  const auto r = core_periphery(collaboration(d.network));
  // Observed: r = 0.327 with a core of 42 actors (densities core 0.236, core-periphery 0.077,
  // periphery 0.023).
  EXPECT_GT(r.correlation, 0.0);
  EXPECT_GT(r.core_size, 0U);
  EXPECT_LT(r.core_size, d.network.actor_count() / 2);
  EXPECT_GT(r.core_density, r.between_density);
  EXPECT_GT(r.between_density, r.periphery_density);
  for (const auto b : d.plant.brokers)
    EXPECT_EQ(r.core[b], 1U) << d.network.actor_id(b) << " is not in the core";
}

}  // namespace
}  // namespace kn::app
