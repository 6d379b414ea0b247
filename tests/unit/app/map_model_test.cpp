// The map model, the dashboard and the public aggregates on a small network drawn here, with
// every value computed by hand, plus invariants on the Musterstadt demo and degenerate inputs.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "analysis/brokerage/gould_fernandez.hpp"
#include "app/dashboard.hpp"
#include "app/demo/musterstadt.hpp"
#include "app/map_model.hpp"

namespace kn::app {
namespace {

//   sectors: A, B verwaltung; C wirtschaft; D, E zivilgesellschaft (E isolated in 2026)
//   zusammenarbeit 2026:  A -> B (q 4)   B -> A (q 2)   A -> C (q 1; bureaucracy, lack_of_time)
//                         C -> D (q 3; lack_of_time; enabler trust)
//   zusammenarbeit 2025:  A -> E            (another wave: never part of the 2026 map)
//   wunsch 2026:          D -> A, A -> D    (a mutual wish, drawn dashed)
//
//        B <==> A ---> C ---> D        E
Network small() {
  Network n;
  for (const char* id : {"A", "B", "C", "D", "E"})
    n.add_actor(id);
  const char* sectors[] = {"verwaltung", "verwaltung", "wirtschaft", "zivilgesellschaft",
                           "zivilgesellschaft"};
  for (ActorIndex a = 0; a < 5; ++a) {
    n.set_actor_attr(a, "sector", std::string(sectors[a]));
    n.set_actor_attr(a, "name", std::string("Akteur ") + n.actor_id(a) + " – Größe");
  }
  n.set_actor_attr(0, "fields", std::vector<std::string>{"energie", "mobilitaet"});
  const auto coll = n.relation("zusammenarbeit");
  const auto wish = n.relation("wunsch");
  const auto w25 = n.wave("2025");
  const auto w26 = n.wave("2026");
  auto tie = [&](ActorIndex s, ActorIndex t, RelationIndex r, WaveIndex w, double q,
                 std::vector<std::string> barriers = {}, std::vector<std::string> enablers = {}) {
    const auto i = n.add_tie(s, t, r, w);
    if (q > 0) n.set_tie_attr(i, "quality", q);
    if (!barriers.empty()) n.set_tie_attr(i, "barriers", std::move(barriers));
    if (!enablers.empty()) n.set_tie_attr(i, "enablers", std::move(enablers));
    n.set_tie_attr(i, "frequency", std::string("monthly"));
  };
  tie(0, 1, coll, w26, 4);
  tie(1, 0, coll, w26, 2);
  tie(0, 2, coll, w26, 1, {"bureaucracy", "lack_of_time"});
  tie(2, 3, coll, w26, 3, {"lack_of_time"}, {"trust"});
  tie(0, 4, coll, w25, 5);
  tie(3, 0, wish, w26, 0);
  tie(0, 3, wish, w26, 0);
  return n;
}

double measure(const MapModel& m, ActorIndex a, const std::string& key) {
  return m.actors.at(a).measures.at(static_cast<std::size_t>(m.measure_index(key)));
}
std::uint32_t rank(const MapModel& m, ActorIndex a, const std::string& key) {
  return m.actors.at(a).ranks.at(static_cast<std::size_t>(m.measure_index(key)));
}

TEST(MapModel, SelectionDefaultsToCollaborationInTheLastWave) {
  const MapModel m = map_model(small());
  EXPECT_EQ(m.relation, "zusammenarbeit");
  EXPECT_EQ(m.wave, "2026");
  EXPECT_EQ(m.desired_relation, "wunsch");
  EXPECT_EQ(m.relations, (std::vector<std::string>{"zusammenarbeit", "wunsch"}));
  EXPECT_EQ(m.waves, (std::vector<std::string>{"2025", "2026"}));
  ASSERT_EQ(m.actors.size(), 5U);
  EXPECT_EQ(m.actors[0].label, "Akteur A – Größe");
  EXPECT_EQ(m.actors[0].fields, (std::vector<std::string>{"energie", "mobilitaet"}));
  EXPECT_EQ(m.actors[2].sector, "wirtschaft");
}

TEST(MapModel, TiesCarryQualityReciprocityAndTheOtherSidesRating) {
  const MapModel m = map_model(small());
  ASSERT_EQ(m.ties.size(), 6U);  // 4 collaboration ties of 2026 + 2 desired; A -> E is 2025
  const MapTie& ab = m.ties[0];
  EXPECT_EQ(ab.source, 0U);
  EXPECT_EQ(ab.target, 1U);
  EXPECT_EQ(ab.quality, 4.0);
  EXPECT_EQ(ab.reverse_quality, 2.0);  // a perception gap: 4 vs 2
  EXPECT_TRUE(ab.reciprocated);
  EXPECT_TRUE(ab.confirmed);
  EXPECT_EQ(ab.frequency, "monthly");
  const MapTie& ac = m.ties[2];
  EXPECT_EQ(ac.barriers, (std::vector<std::string>{"bureaucracy", "lack_of_time"}));
  EXPECT_FALSE(ac.reciprocated);
  EXPECT_FALSE(ac.confirmed);
  EXPECT_FALSE(ac.reverse_quality);
  EXPECT_FALSE(ac.desired);
  EXPECT_EQ(m.ties[3].enablers, (std::vector<std::string>{"trust"}));
  EXPECT_TRUE(m.ties[4].desired);
  EXPECT_TRUE(m.ties[5].desired);
  EXPECT_TRUE(m.ties[4].reciprocated);  // the wish is mutual
  EXPECT_FALSE(m.ties[4].quality);
}

TEST(MapModel, MeasuresAndRanksByHand) {
  const MapModel m = map_model(small());
  // Distinct neighbours ignoring direction (the wish is another relation): A {B, C}, B {A},
  // C {A, D}, D {C}, E {}.
  EXPECT_EQ(measure(m, 0, "degree"), 2);
  EXPECT_EQ(measure(m, 1, "degree"), 1);
  EXPECT_EQ(measure(m, 2, "degree"), 2);
  EXPECT_EQ(measure(m, 4, "degree"), 0);
  // Directed betweenness: A lies on B->C and B->D, C on A->D and B->D.
  EXPECT_EQ(measure(m, 0, "betweenness"), 2);
  EXPECT_EQ(measure(m, 2, "betweenness"), 2);
  EXPECT_EQ(measure(m, 1, "betweenness"), 0);
  EXPECT_EQ(rank(m, 0, "betweenness"), 1U);  // A and C share rank 1 ...
  EXPECT_EQ(rank(m, 2, "betweenness"), 1U);
  EXPECT_EQ(rank(m, 1, "betweenness"), 3U);  // ... and the rest share rank 3 ("1 1 3 3 3")
  EXPECT_EQ(rank(m, 4, "betweenness"), 3U);
  EXPECT_EQ(rank(m, 0, "degree"), 1U);
  EXPECT_EQ(rank(m, 3, "degree"), 3U);
  // Gould-Fernandez: B->A->C (V V W, no B->C): A representative; A->C->D (V W Z, no A->D):
  // C liaison.
  EXPECT_EQ(measure(m, 0, "brokerage"), 1);
  EXPECT_EQ(measure(m, 2, "brokerage"), 1);
  EXPECT_EQ(measure(m, 3, "brokerage"), 0);
  EXPECT_EQ(m.actors[0].broker_role, kRepresentative);
  EXPECT_EQ(m.actors[2].broker_role, kLiaison);
  EXPECT_EQ(m.actors[1].broker_role, -1);
  // Burt's constraint is undefined for the isolate, so it is not ranked.
  EXPECT_TRUE(std::isnan(measure(m, 4, "constraint")));
  EXPECT_EQ(rank(m, 4, "constraint"), 0U);
  EXPECT_EQ(m.actors[0].component, m.actors[3].component);
  EXPECT_NE(m.actors[0].component, m.actors[4].component);
}

TEST(MapModel, SummaryByHand) {
  MapOptions options;
  options.invited = std::vector<bool>{true, true, true, true, false};
  options.responded = std::vector<bool>{true, true, false, false, false};
  const MapModel m = map_model(small(), options);
  EXPECT_EQ(m.summary.actors, 5U);
  EXPECT_EQ(m.summary.ties, 4U);
  EXPECT_DOUBLE_EQ(m.summary.density, 4.0 / 20.0);
  EXPECT_DOUBLE_EQ(m.summary.reciprocity, 0.5);  // 2 of 4 arcs are mutual (igraph default)
  EXPECT_EQ(m.summary.components, 2U);
  EXPECT_EQ(m.summary.isolates, 1U);
  EXPECT_EQ(m.summary.invited, 4U);
  EXPECT_EQ(m.summary.responded, 2U);
  EXPECT_FALSE(m.actors[2].responded);
}

TEST(MapModel, OtherRelationAndWaveAndErrors) {
  MapOptions options;
  options.relation = "wunsch";
  MapModel m = map_model(small(), options);
  EXPECT_EQ(m.desired_relation, "");  // the desired relation itself is not drawn twice
  EXPECT_EQ(m.ties.size(), 2U);
  options.relation = "zusammenarbeit";
  options.wave = "2025";
  m = map_model(small(), options);
  ASSERT_EQ(m.ties.size(), 1U);  // A -> E only; there is no wish in 2025
  EXPECT_EQ(m.ties[0].target, 4U);
  options.wave = "2030";
  EXPECT_THROW(map_model(small(), options), std::invalid_argument);
  options.wave.clear();
  options.relation = "konflikt";
  EXPECT_THROW(map_model(small(), options), std::invalid_argument);
  options.relation.clear();
  options.responded = std::vector<bool>{true};
  EXPECT_THROW(map_model(small(), options), std::invalid_argument);
}

TEST(MapModel, UndirectedNetworkTiesAreReciprocatedNotConfirmed) {
  Network n = small();
  n.directed = false;
  const MapModel m = map_model(n);
  EXPECT_TRUE(m.ties[2].reciprocated);  // A - C
  EXPECT_FALSE(m.ties[2].confirmed);
  EXPECT_TRUE(m.ties[0].confirmed);  // A - B listed both ways
}

TEST(MapModel, DegenerateNetworks) {
  const MapModel empty = map_model(Network{});
  EXPECT_TRUE(empty.actors.empty());
  EXPECT_TRUE(empty.ties.empty());
  EXPECT_EQ(empty.relation, "");
  Network one;
  one.add_actor("allein");
  const MapModel single = map_model(one);
  ASSERT_EQ(single.actors.size(), 1U);
  EXPECT_EQ(single.summary.components, 1U);
  EXPECT_EQ(single.summary.isolates, 1U);
  const DashboardModel d = dashboard(single);
  EXPECT_TRUE(d.central.empty());
  EXPECT_TRUE(std::isnan(d.matrix[0][0].density));  // 1 actor: no tie is possible
  // A loop is neither drawn nor counted.
  Network loop = small();
  loop.add_tie(0, 0, 0, 1);
  EXPECT_EQ(map_model(loop).ties.size(), 6U);
}

TEST(MapLayoutInput, FingerprintChangesExactlyWithTheDrawnGraph) {
  const Network n = small();
  const auto base = map_layout_input(n);
  EXPECT_EQ(base.fingerprint.size(), 16U);
  EXPECT_EQ(base.graph.n(), 5U);
  EXPECT_EQ(base.graph.edge_count(), 3U);  // A-B, A-C, C-D undirected
  EXPECT_FALSE(base.graph.directed());
  EXPECT_EQ(map_layout_input(n).fingerprint, base.fingerprint);

  // The same graph with the actors in another order and the ties reversed.
  Network other;
  for (const char* id : {"E", "D", "C", "B", "A"})
    other.add_actor(id);
  const auto r = other.relation("zusammenarbeit");
  other.wave("2026");
  const auto w = *other.find_wave("2026");
  other.add_tie(*other.find_actor("B"), *other.find_actor("A"), r, w);
  other.add_tie(*other.find_actor("C"), *other.find_actor("A"), r, w);
  other.add_tie(*other.find_actor("D"), *other.find_actor("C"), r, w);
  EXPECT_EQ(map_layout_input(other).fingerprint, base.fingerprint);

  Network more = small();  // a wish does not move anybody on the collaboration map
  more.add_tie(1, 3, *more.find_relation("wunsch"), 1);
  EXPECT_EQ(map_layout_input(more).fingerprint, base.fingerprint);
  more.add_tie(1, 3, 0, 1);  // a new collaboration does
  EXPECT_NE(map_layout_input(more).fingerprint, base.fingerprint);
  Network isolate = small();
  isolate.add_actor("F");
  EXPECT_NE(map_layout_input(isolate).fingerprint, base.fingerprint);
}

TEST(Dashboard, SectorMatrixRankingsAndFrequenciesByHand) {
  const DashboardModel d = dashboard(map_model(small()));
  ASSERT_EQ(d.sectors, (std::vector<std::string>{"verwaltung", "wirtschaft", "zivilgesellschaft"}));
  EXPECT_EQ(d.sector_sizes, (std::vector<std::uint32_t>{2, 1, 2}));
  const SectorCell& vv = d.matrix[0][0];
  EXPECT_EQ(vv.ties, 2U);
  EXPECT_DOUBLE_EQ(vv.density, 1.0);  // 2 of 2 * 1 possible
  EXPECT_DOUBLE_EQ(vv.mean_quality, 3.0);
  EXPECT_EQ(vv.difficult, 1U);  // B -> A rated 2
  const SectorCell& vw = d.matrix[0][1];
  EXPECT_EQ(vw.ties, 1U);
  EXPECT_DOUBLE_EQ(vw.density, 0.5);  // 1 of 2 * 1
  EXPECT_DOUBLE_EQ(vw.mean_quality, 1.0);
  const SectorCell& wz = d.matrix[1][2];
  EXPECT_DOUBLE_EQ(wz.density, 0.5);
  EXPECT_DOUBLE_EQ(wz.mean_quality, 3.0);
  EXPECT_EQ(d.matrix[2][0].ties, 0U);
  EXPECT_TRUE(std::isnan(d.matrix[2][0].mean_quality));
  EXPECT_EQ(d.rated_ties, 4U);
  EXPECT_EQ(d.difficult_ties, 2U);
  ASSERT_EQ(d.barriers.size(), 2U);
  EXPECT_EQ(d.barriers[0].key, "lack_of_time");
  EXPECT_EQ(d.barriers[0].count, 2U);
  EXPECT_DOUBLE_EQ(d.barriers[0].share, 1.0);  // both ties with a barrier name it
  EXPECT_EQ(d.barriers[1].key, "bureaucracy");
  EXPECT_DOUBLE_EQ(d.barriers[1].share, 0.5);
  ASSERT_EQ(d.enablers.size(), 1U);
  EXPECT_EQ(d.enablers[0].key, "trust");
  ASSERT_EQ(d.central.size(), 2U);  // only A and C broker any shortest path
  EXPECT_EQ(d.central[0].actor, 0U);
  EXPECT_EQ(d.central[1].actor, 2U);
  EXPECT_EQ(d.central[1].rank, 1U);
  ASSERT_EQ(d.brokers.size(), 2U);
  EXPECT_EQ(d.brokers[0].role, kRepresentative);
  EXPECT_EQ(d.brokers[1].role, kLiaison);
  // Most constrained first; B (one contact) is fully constrained: c = 1.
  ASSERT_FALSE(d.constrained.empty());
  EXPECT_EQ(d.constrained[0].rank, 1U);
  EXPECT_DOUBLE_EQ(d.constrained[0].value, 1.0);
  const DashboardModel top1 = dashboard(map_model(small()), {1});
  EXPECT_EQ(top1.central.size(), 1U);
}

TEST(PublicAggregates, SmallGroupsArePooledAndSmallCountsWithheld) {
  MapOptions options;
  options.invited = std::vector<bool>{true, true, true, true, true};
  options.responded = std::vector<bool>{true, true, true, false, false};
  const PublicModel p = public_aggregates(map_model(small(), options), 2);
  // wirtschaft has one actor: pooled into "other", which is still too small.
  ASSERT_EQ(p.groups, (std::vector<std::string>{"verwaltung", "zivilgesellschaft", "other"}));
  EXPECT_EQ(p.group_sizes[0], 2.0);
  EXPECT_FALSE(p.group_sizes[2]);
  EXPECT_EQ(p.actors, 5.0);
  EXPECT_EQ(p.respondents, 3.0);
  EXPECT_DOUBLE_EQ(*p.response_rate, 0.6);
  EXPECT_EQ(p.matrix[0][0].ties, 2.0);
  EXPECT_DOUBLE_EQ(*p.matrix[0][0].mean_quality, 3.0);
  EXPECT_FALSE(p.matrix[0][2].ties);  // the one-actor group: nothing shown
  EXPECT_FALSE(p.matrix[2][1].ties);
  EXPECT_FALSE(p.matrix[0][1].ties);  // verwaltung -> zivilgesellschaft: 0 ties < 2
  ASSERT_EQ(p.barriers.size(), 2U);
  EXPECT_EQ(p.barriers[0].second, 2.0);  // lack_of_time named twice
  EXPECT_FALSE(p.barriers[1].second);    // bureaucracy once: withheld
  EXPECT_THROW(public_aggregates(map_model(small()), 1), std::invalid_argument);

  // With the default minimum of 5 nothing below the network level is shown.
  const PublicModel strict = public_aggregates(map_model(small(), options), 5);
  EXPECT_EQ(strict.groups, (std::vector<std::string>{"other"}));
  EXPECT_EQ(strict.group_sizes[0], 5.0);
  EXPECT_FALSE(strict.matrix[0][0].ties);  // 4 ties < 5
  EXPECT_FALSE(strict.respondents);        // 3 < 5
  EXPECT_FALSE(strict.response_rate);
}

TEST(Dashboard, MusterstadtInvariants) {
  const Network demo = generate_musterstadt();
  const MapModel m = map_model(demo);
  const DashboardModel d = dashboard(m);
  std::size_t cells = 0;
  for (const auto& row : d.matrix)
    for (const auto& c : row) {
      cells += c.ties;
      EXPECT_LE(c.difficult, c.rated);
      if (c.rated) {
        EXPECT_GE(c.mean_quality, 1.0);
        EXPECT_LE(c.mean_quality, 5.0);
      }
      if (!std::isnan(c.density)) {
        EXPECT_GE(c.density, 0.0);
        EXPECT_LE(c.density, 1.0);
      }
    }
  EXPECT_EQ(cells, m.summary.ties);
  std::uint32_t members = 0;
  for (const auto s : d.sector_sizes)
    members += s;
  EXPECT_EQ(members, m.summary.actors);
  EXPECT_EQ(d.sectors.size(), kSectorKeys.size());
  EXPECT_EQ(d.central.size(), 10U);
  for (std::size_t i = 1; i < d.central.size(); ++i)
    EXPECT_LE(d.central[i - 1].rank, d.central[i].rank);
  std::size_t desired = 0;
  for (const auto& t : m.ties)
    desired += t.desired ? 1 : 0;
  EXPECT_GT(desired, 0U);
  EXPECT_FALSE(d.barriers.empty());
  // The public view of the demo: every sector has at least 5 actors.
  const PublicModel p = public_aggregates(m, 5);
  EXPECT_EQ(p.groups.size(), d.sectors.size());
}

}  // namespace
}  // namespace kn::app
