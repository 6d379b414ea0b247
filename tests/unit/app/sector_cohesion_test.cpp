// Cohesion inside the sectors (app/sector_cohesion.hpp) on a network drawn here, every number
// by hand; and on the Musterstadt demo, where the planted fragmented sector is found with
// exactly its planted fragments, and nothing is found without the plant.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "app/demo/musterstadt.hpp"
#include "app/sector_cohesion.hpp"

namespace kn::app {
namespace {

using Group = std::vector<ActorIndex>;

//   verwaltung 0..6:        0 - 1 - 2 - 6 - 3 - 4      (3, 4, 5 a triangle; 6 the only link)
//                                           \  /
//                                            5
//   wirtschaft 7..13:       7 - 8 - 9 ~ 10 - 11 - 12   13 alone  (~: information in wave 2025)
//   zivilgesellschaft 14..16: 14 - 15 - 16             (wunsch 14 -> 16 does not count)
//   17 without a sector, 18 in the sector "beirat"; across sectors: 0 - 7, 16 - 3.
//   zusammenarbeit and information in 2026 unless marked; 0 - 1 reported three times.
Network drawn() {
  Network n;
  for (ActorIndex a = 0; a < 19; ++a) {
    n.add_actor("a" + std::to_string(a));
    if (a <= 6) n.set_actor_attr(a, "sector", std::string("verwaltung"));
    if (a >= 7 && a <= 13) n.set_actor_attr(a, "sector", std::string("wirtschaft"));
    if (a >= 14 && a <= 16) n.set_actor_attr(a, "sector", std::string("zivilgesellschaft"));
    if (a == 18) n.set_actor_attr(a, "sector", std::string("beirat"));
  }
  const auto coll = n.relation("zusammenarbeit");
  const auto info = n.relation("information");
  const auto wish = n.relation("wunsch");
  const auto w = n.wave("2026");
  const auto earlier = n.wave("2025");
  for (const auto& [s, t] : std::vector<std::pair<ActorIndex, ActorIndex>>{{0, 1},
                                                                           {1, 0},
                                                                           {1, 2},
                                                                           {3, 4},
                                                                           {5, 3},
                                                                           {6, 2},
                                                                           {7, 8},
                                                                           {8, 9},
                                                                           {10, 11},
                                                                           {11, 12},
                                                                           {14, 15},
                                                                           {15, 16},
                                                                           {0, 7}})
    n.add_tie(s, t, coll, w);
  for (const auto& [s, t] :
       std::vector<std::pair<ActorIndex, ActorIndex>>{{0, 1}, {4, 5}, {3, 6}, {16, 3}})
    n.add_tie(s, t, info, w);
  n.add_tie(9, 10, info, earlier);
  n.add_tie(14, 16, wish, w);
  n.add_tie(2, 2, coll, w);  // a loop: dropped
  return n;
}

TEST(SectorCohesion, ByHand) {
  const auto r = sector_cohesion(drawn());
  ASSERT_EQ(r.sectors.size(), 5U);  // domain order, then others, "" last
  const auto& v = r.sectors[0];
  EXPECT_EQ(v.sector, "verwaltung");
  EXPECT_EQ(v.actors, (Group{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(v.ties, 7U);  // 01 12 34 35 45 26 36
  EXPECT_DOUBLE_EQ(v.density, 7.0 / 21.0);
  EXPECT_EQ(v.component_sizes, (std::vector<std::size_t>{7}));
  EXPECT_TRUE(v.isolates.empty());
  // One component, but without 6 two groups of three.
  EXPECT_TRUE(v.fragmented);
  ASSERT_TRUE(v.bridge.has_value());
  EXPECT_EQ(*v.bridge, 6U);
  EXPECT_EQ(v.groups, (std::vector<Group>{{0, 1, 2}, {3, 4, 5}}));

  // Over all waves 9 ~ 10 joins the two halves; removing 9 leaves {7, 8}: too small.
  const auto& wi = r.sectors[1];
  EXPECT_EQ(wi.sector, "wirtschaft");
  EXPECT_EQ(wi.ties, 5U);
  EXPECT_DOUBLE_EQ(wi.density, 5.0 / 21.0);
  EXPECT_EQ(wi.components, (std::vector<Group>{{7, 8, 9, 10, 11, 12}, {13}}));
  EXPECT_EQ(wi.component_sizes, (std::vector<std::size_t>{6, 1}));
  EXPECT_EQ(wi.isolates, (Group{13}));
  EXPECT_FALSE(wi.fragmented);
  EXPECT_FALSE(wi.bridge.has_value());
  EXPECT_TRUE(wi.groups.empty());

  const auto& z = r.sectors[2];
  EXPECT_EQ(z.sector, "zivilgesellschaft");
  EXPECT_EQ(z.ties, 2U);
  EXPECT_DOUBLE_EQ(z.density, 2.0 / 3.0);
  EXPECT_FALSE(z.fragmented);  // removing 15 leaves two single actors

  EXPECT_EQ(r.sectors[3].sector, "beirat");
  EXPECT_EQ(r.sectors[4].sector, "");
  EXPECT_EQ(r.sectors[4].actors, (Group{17}));
  EXPECT_TRUE(std::isnan(r.sectors[4].density));
  EXPECT_EQ(r.sectors[4].isolates, (Group{17}));
  EXPECT_FALSE(r.sectors[4].fragmented);
}

TEST(SectorCohesion, WaveRelationsAndThresholds) {
  SectorCohesionOptions o;
  o.wave = "2026";  // without 9 ~ 10: wirtschaft falls apart by itself
  const auto in_2026 = sector_cohesion(drawn(), o);
  const auto& wi = in_2026.sectors[1];
  EXPECT_EQ(wi.ties, 4U);
  EXPECT_EQ(wi.component_sizes, (std::vector<std::size_t>{3, 3, 1}));
  EXPECT_TRUE(wi.fragmented);
  EXPECT_FALSE(wi.bridge.has_value());
  EXPECT_EQ(wi.groups, (std::vector<Group>{{7, 8, 9}, {10, 11, 12}}));

  SectorCohesionOptions coll;
  coll.relations = {"zusammenarbeit"};  // without 4 - 5 and 3 - 6
  const auto coll_only = sector_cohesion(drawn(), coll);
  const auto& v = coll_only.sectors[0];
  EXPECT_EQ(v.ties, 5U);
  EXPECT_EQ(v.components, (std::vector<Group>{{0, 1, 2, 6}, {3, 4, 5}}));
  EXPECT_TRUE(v.fragmented);
  EXPECT_FALSE(v.bridge.has_value());

  SectorCohesionOptions two;
  two.min_fragment = 2;
  const auto r = sector_cohesion(drawn(), two);
  // wirtschaft: removing 9 ({7, 8} and {10, 11, 12}) or 10 ({7, 8, 9} and {11, 12}) both leave
  // two groups with five actors: the first in actor order.
  EXPECT_EQ(r.sectors[1].bridge, std::optional<ActorIndex>(9));
  EXPECT_EQ(r.sectors[1].groups, (std::vector<Group>{{10, 11, 12}, {7, 8}}));
  // verwaltung: 2, 3 and 6 each leave two groups with six actors.
  EXPECT_EQ(r.sectors[0].bridge, std::optional<ActorIndex>(2));
  EXPECT_EQ(r.sectors[0].groups, (std::vector<Group>{{3, 4, 5, 6}, {0, 1}}));

  SectorCohesionOptions plain;
  plain.bridge = false;
  const auto p = sector_cohesion(drawn(), plain);
  EXPECT_FALSE(p.sectors[0].fragmented);
  EXPECT_FALSE(p.sectors[0].bridge.has_value());
}

TEST(SectorCohesion, DegenerateInputs) {
  EXPECT_TRUE(sector_cohesion(Network{}).sectors.empty());
  SectorCohesionOptions o;
  o.wave = "1999";
  EXPECT_THROW((void)sector_cohesion(drawn(), o), std::invalid_argument);
  o.wave.clear();
  o.min_fragment = 0;
  EXPECT_THROW((void)sector_cohesion(drawn(), o), std::invalid_argument);
  // Only zusammenarbeit in the network: the missing information relation is skipped.
  Network n;
  n.add_actor("x");
  n.add_actor("y");
  n.add_tie(0, 1, n.relation("zusammenarbeit"));
  const auto r = sector_cohesion(n);
  ASSERT_EQ(r.sectors.size(), 1U);
  EXPECT_EQ(r.sectors[0].sector, "");
  EXPECT_EQ(r.sectors[0].ties, 1U);
  EXPECT_DOUBLE_EQ(r.sectors[0].density, 1.0);
  // No relation of the list present: no ties.
  SectorCohesionOptions other;
  other.relations = {"beratung"};
  EXPECT_EQ(sector_cohesion(n, other).sectors[0].ties, 0U);
}

/// The largest connected part of a planted fragment (zusammenarbeit and information inside it):
/// what an analysis that does not know the fragments can recover.
Group connected_part(const Network& net, const Group& fragment) {
  const std::set<ActorIndex> in(fragment.begin(), fragment.end());
  std::vector<std::vector<ActorIndex>> adj(net.actor_count());
  for (TieIndex t = 0; t < net.tie_count(); ++t) {
    const std::string& rel = net.relations()[net.tie_relation(t)].name;
    if (rel != "zusammenarbeit" && rel != "information") continue;
    const ActorIndex a = net.tie_source(t), b = net.tie_target(t);
    if (in.count(a) == 0 || in.count(b) == 0) continue;
    adj[a].push_back(b);
    adj[b].push_back(a);
  }
  Group best;
  std::set<ActorIndex> seen;
  for (const ActorIndex s : fragment) {
    if (!seen.insert(s).second) continue;
    Group part{s};
    for (std::size_t i = 0; i < part.size(); ++i)
      for (const ActorIndex x : adj[part[i]])
        if (seen.insert(x).second) part.push_back(x);
    if (part.size() > best.size()) best = part;
  }
  std::sort(best.begin(), best.end());
  return best;
}

std::vector<std::string> fragmented(const SectorCohesionResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.sectors)
    if (s.fragmented) out.push_back(s.sector);
  return out;
}

TEST(SectorCohesion, FindsThePlantedFragmentsOfTheDemo) {
  const auto d = generate_musterstadt_data();
  ASSERT_EQ(d.plant.fragments.size(), 3U);
  // What is planted: zivilgesellschaft without Z01 in three groups of 13 with no tie between
  // the groups; Z01 (a broker) is tied into each. Inside a group the block model leaves a few
  // actors unconnected: Z39 has no tie inside the sector at all, and one fragment has a pair
  // tied only to Z01. So the groups an analysis can see are the fragments' connected parts.
  std::set<Group> planted;
  std::size_t unconnected = 0;
  for (const auto& f : d.plant.fragments) {
    planted.insert(connected_part(d.network, f));
    unconnected += f.size() - connected_part(d.network, f).size();
  }
  EXPECT_EQ(unconnected, 3U);
  // By chance, small sectors of the random model also split: in plain components
  // (kommunale_unternehmen 6 + 4 with the plant, wissenschaft_bildung 6 + 5 without) or around one
  // actor (verwaltung without the plant: 7 + 7 around V11). Groups of at least 8 actors separate
  // the plant (13, 12 and 11) from every such chance split.
  SectorCohesionOptions o;
  o.min_fragment = 8;
  const auto r = sector_cohesion(d.network, o);
  EXPECT_EQ(fragmented(r), std::vector<std::string>{d.plant.fragmented_sector});
  for (const auto& s : r.sectors) {
    if (s.sector != d.plant.fragmented_sector) continue;
    ASSERT_TRUE(s.bridge.has_value());
    EXPECT_EQ(d.network.actor_id(*s.bridge), "Z01");
    EXPECT_TRUE(std::find(d.plant.brokers.begin(), d.plant.brokers.end(), *s.bridge) !=
                d.plant.brokers.end());
    EXPECT_EQ(std::set<Group>(s.groups.begin(), s.groups.end()), planted);
    EXPECT_EQ(s.component_sizes, (std::vector<std::size_t>{39, 1}));  // Z01 holds it together
    EXPECT_EQ(s.isolates, (Group{*d.network.find_actor("Z39")}));
  }
  // The default threshold finds the same groups in the planted sector.
  for (const auto& s : sector_cohesion(d.network).sectors)
    if (s.sector == d.plant.fragmented_sector) {
      EXPECT_EQ(std::set<Group>(s.groups.begin(), s.groups.end()), planted);
    }
  MusterstadtOptions no_plant;
  no_plant.plant = false;
  EXPECT_TRUE(fragmented(sector_cohesion(generate_musterstadt(no_plant), o)).empty());
}

}  // namespace
}  // namespace kn::app
