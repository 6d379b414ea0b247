// Barrier and enabler frequencies (app/barriers.hpp) on a network drawn here, every count and
// share by hand (overall, by sector pair, by field of action); and on the Musterstadt demo, where
// the planted difficult sector pair names "bureaucracy" on every tie.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <stdexcept>

#include "app/barriers.hpp"
#include "app/demo/musterstadt.hpp"

namespace kn::app {
namespace {

//   A, B verwaltung; C wirtschaft; D zivilgesellschaft.
//   fields: A {energie, mobilitaet}, B {energie}, C {mobilitaet}, D none
//   zusammenarbeit 2026     barriers                          enablers              field
//     1 A -> B              bureaucracy, lack_of_time         trust                 energie
//     (shared) 2 B -> A              bureaucracy                       - energie (shared) 3 A -> C
//     lack_of_time, lack_of_time        trust, shared_goals   mobilitaet (shared) 4 C -> A - -
//     energie (own) 5 C -> D              bureaucracy                       - none 6 D -> A - trust
//     none
//   wunsch 2026: B -> C with barrier competition (a desired tie: not counted)
Network drawn() {
  Network n;
  const char* sectors[] = {"verwaltung", "verwaltung", "wirtschaft", "zivilgesellschaft"};
  const std::vector<std::vector<std::string>> fields = {
      {"energie", "mobilitaet"}, {"energie"}, {"mobilitaet"}, {}};
  for (ActorIndex a = 0; a < 4; ++a) {
    n.add_actor(std::string(1, static_cast<char>('A' + a)));
    n.set_actor_attr(a, "sector", std::string(sectors[a]));
    n.set_actor_attr(a, "fields", fields[a]);
  }
  const auto coll = n.relation("zusammenarbeit");
  const auto wish = n.relation("wunsch");
  const auto w = n.wave("2026");
  using List = std::vector<std::string>;
  const auto tie = [&](ActorIndex s, ActorIndex t, List barriers, List enablers) {
    const TieIndex i = n.add_tie(s, t, coll, w);
    n.set_tie_attr(i, "barriers", std::move(barriers));
    n.set_tie_attr(i, "enablers", std::move(enablers));
    return i;
  };
  tie(0, 1, {"bureaucracy", "lack_of_time"}, {"trust"});
  tie(1, 0, {"bureaucracy"}, {});
  tie(0, 2, {"lack_of_time", "lack_of_time"}, {"trust", "shared_goals"});
  n.set_tie_attr(tie(2, 0, {}, {}), "fields", List{"energie"});
  tie(2, 3, {"bureaucracy"}, {});
  tie(3, 0, {}, {"trust"});
  n.set_tie_attr(n.add_tie(1, 2, wish, w), "barriers", List{"competition"});
  return n;
}

void expect_key(const KeyFrequency& f, const std::string& key, std::size_t count, double share,
                double share_named) {
  EXPECT_EQ(f.key, key);
  EXPECT_EQ(f.count, count) << key;
  EXPECT_DOUBLE_EQ(f.share, share) << key;
  EXPECT_DOUBLE_EQ(f.share_named, share_named) << key;
}

TEST(Barriers, OverallByHand) {
  const auto r = barrier_frequencies(map_model(drawn()));
  const auto& o = r.overall;
  EXPECT_EQ(o.ties, 6U);
  EXPECT_EQ(o.with_barriers, 4U);  // ties 1, 2, 3, 5
  EXPECT_EQ(o.with_enablers, 3U);  // ties 1, 3, 6
  ASSERT_EQ(o.barriers.size(), 2U);
  expect_key(o.barriers[0], "bureaucracy", 3, 3.0 / 6.0, 3.0 / 4.0);
  expect_key(o.barriers[1], "lack_of_time", 2, 2.0 / 6.0, 2.0 / 4.0);  // once on tie 3
  ASSERT_EQ(o.enablers.size(), 2U);
  expect_key(o.enablers[0], "trust", 3, 3.0 / 6.0, 1.0);
  expect_key(o.enablers[1], "shared_goals", 1, 1.0 / 6.0, 1.0 / 3.0);
}

TEST(Barriers, BySectorPairByHand) {
  const auto r = barrier_frequencies(map_model(drawn()));
  ASSERT_EQ(r.sector_pairs.size(), 4U);
  const auto& vv = r.sector_pairs[0];
  EXPECT_EQ(vv.first, "verwaltung");
  EXPECT_EQ(vv.second, "verwaltung");
  EXPECT_EQ(vv.counts.ties, 2U);
  EXPECT_EQ(vv.counts.with_barriers, 2U);
  ASSERT_EQ(vv.counts.barriers.size(), 2U);
  expect_key(vv.counts.barriers[0], "bureaucracy", 2, 1.0, 1.0);
  expect_key(vv.counts.barriers[1], "lack_of_time", 1, 0.5, 0.5);
  ASSERT_EQ(vv.counts.enablers.size(), 1U);
  expect_key(vv.counts.enablers[0], "trust", 1, 0.5, 1.0);
  // A -> C and C -> A form one unordered pair.
  const auto& vw = r.sector_pairs[1];
  EXPECT_EQ(vw.first, "verwaltung");
  EXPECT_EQ(vw.second, "wirtschaft");
  EXPECT_EQ(vw.counts.ties, 2U);
  EXPECT_EQ(vw.counts.with_barriers, 1U);
  ASSERT_EQ(vw.counts.barriers.size(), 1U);
  expect_key(vw.counts.barriers[0], "lack_of_time", 1, 0.5, 1.0);
  ASSERT_EQ(vw.counts.enablers.size(), 2U);  // equal counts: by key
  expect_key(vw.counts.enablers[0], "shared_goals", 1, 0.5, 1.0);
  expect_key(vw.counts.enablers[1], "trust", 1, 0.5, 1.0);
  // D -> A is written verwaltung first (sector order), C -> D wirtschaft first.
  const auto& vz = r.sector_pairs[2];
  EXPECT_EQ(vz.first, "verwaltung");
  EXPECT_EQ(vz.second, "zivilgesellschaft");
  EXPECT_EQ(vz.counts.ties, 1U);
  EXPECT_EQ(vz.counts.with_barriers, 0U);
  EXPECT_TRUE(vz.counts.barriers.empty());
  expect_key(vz.counts.enablers.at(0), "trust", 1, 1.0, 1.0);
  const auto& wz = r.sector_pairs[3];
  EXPECT_EQ(wz.first, "wirtschaft");
  EXPECT_EQ(wz.second, "zivilgesellschaft");
  expect_key(wz.counts.barriers.at(0), "bureaucracy", 1, 1.0, 1.0);
  EXPECT_EQ(wz.counts.with_enablers, 0U);
  EXPECT_DOUBLE_EQ(barrier_share(wz.counts, "bureaucracy"), 1.0);
  EXPECT_DOUBLE_EQ(barrier_share(wz.counts, "competition"), 0.0);
}

TEST(Barriers, ByFieldByHand) {
  const auto r = barrier_frequencies(map_model(drawn()));
  EXPECT_EQ(r.ties_without_field, 2U);  // C -> D and D -> A: D has no field
  ASSERT_EQ(r.fields.size(), 2U);
  const auto& e = r.fields[0];
  EXPECT_EQ(e.field, "energie");
  EXPECT_EQ(e.counts.ties, 3U);  // ties 1, 2 (shared) and 4 (its own field)
  EXPECT_EQ(e.counts.with_barriers, 2U);
  ASSERT_EQ(e.counts.barriers.size(), 2U);
  expect_key(e.counts.barriers[0], "bureaucracy", 2, 2.0 / 3.0, 1.0);
  expect_key(e.counts.barriers[1], "lack_of_time", 1, 1.0 / 3.0, 0.5);
  expect_key(e.counts.enablers.at(0), "trust", 1, 1.0 / 3.0, 1.0);
  const auto& m = r.fields[1];
  EXPECT_EQ(m.field, "mobilitaet");
  EXPECT_EQ(m.counts.ties, 1U);  // tie 3; tie 4 has its own field energie only
  expect_key(m.counts.barriers.at(0), "lack_of_time", 1, 1.0, 1.0);
  EXPECT_EQ(m.counts.enablers.size(), 2U);
}

TEST(Barriers, MinimumTiesAndDegenerateInputs) {
  BarrierOptions o;
  o.min_ties = 2;
  const auto r = barrier_frequencies(map_model(drawn()), o);
  ASSERT_EQ(r.sector_pairs.size(), 2U);  // the pairs with one tie are left out
  EXPECT_EQ(r.sector_pairs[1].second, "wirtschaft");
  ASSERT_EQ(r.fields.size(), 1U);
  EXPECT_EQ(r.fields[0].field, "energie");
  EXPECT_EQ(r.overall.ties, 6U);  // overall is never left out
  o.min_ties = 0;
  EXPECT_THROW((void)barrier_frequencies(map_model(drawn()), o), std::invalid_argument);
  const auto empty = barrier_frequencies(map_model(Network{}));
  EXPECT_EQ(empty.overall.ties, 0U);
  EXPECT_TRUE(empty.overall.barriers.empty());
  EXPECT_TRUE(empty.sector_pairs.empty());
  EXPECT_TRUE(empty.fields.empty());
}

TEST(Barriers, ThePlantedDifficultPairNamesBureaucracyOnEveryTie) {
  const auto d = generate_musterstadt_data();
  const auto& [a, b] = d.plant.difficult_pair;
  ASSERT_FALSE(a.empty());
  const auto r = barrier_frequencies(map_model(d.network));
  const SectorPairFrequencies* planted = nullptr;
  const SectorPairFrequencies* highest = nullptr;
  for (const auto& p : r.sector_pairs) {
    if ((p.first == a && p.second == b) || (p.first == b && p.second == a)) planted = &p;
    if (p.counts.ties < 5) continue;
    if (highest == nullptr ||
        barrier_share(p.counts, "bureaucracy") > barrier_share(highest->counts, "bureaucracy"))
      highest = &p;
  }
  ASSERT_NE(planted, nullptr);
  EXPECT_GE(planted->counts.ties, 5U);
  EXPECT_EQ(planted->counts.with_barriers, planted->counts.ties);
  EXPECT_DOUBLE_EQ(barrier_share(planted->counts, "bureaucracy"), 1.0);
  EXPECT_EQ(planted->counts.barriers.at(0).key, "bureaucracy");
  EXPECT_EQ(highest, planted);
  // Strictly the highest: every other pair with >= 5 ties names it on less than half its ties
  // (by chance at most 2 in 15 in the demo).
  for (const auto& p : r.sector_pairs) {
    if (&p != planted && p.counts.ties >= 5) {
      EXPECT_LT(barrier_share(p.counts, "bureaucracy"), 0.5) << p.first << "-" << p.second;
    }
  }
  // Without the plant no pair names bureaucracy on even half its ties.
  for (const auto& p :
       barrier_frequencies(map_model(generate_musterstadt({2026, 150, false}))).sector_pairs) {
    if (p.counts.ties >= 5) {
      EXPECT_LT(barrier_share(p.counts, "bureaucracy"), 0.5) << p.first << "-" << p.second;
    }
  }
}

}  // namespace
}  // namespace kn::app
