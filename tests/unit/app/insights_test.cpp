// Insights without statistics (app/insights.hpp) on a network drawn here, every number by hand:
// perception gaps, confirmed / one-sided ties, difficulty hotspots, sector pairs, field coverage,
// thin fields and coordination gaps; plus degenerate inputs.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include "app/insights.hpp"

namespace kn::app {
namespace {

//   A, B verwaltung; C wirtschaft; D, E, F zivilgesellschaft; D did not answer.
//   zusammenarbeit 2026 (quality):  A -> B 5, B -> A 2 (a gap of 3), A -> C 1, C -> A 2,
//                                   A -> D 1, C -> D 3 (about the non-respondent D), E -> A 2
//   wunsch 2026:                    B -> C
//   fields: A {energie, mobilitaet}, B {mobilitaet}, C {mobilitaet}, D {energie},
//           E {bildung_oeffentlichkeit}, F {mobilitaet} (F has no tie at all)
Network drawn() {
  Network n;
  const char* sectors[] = {"verwaltung",        "verwaltung",        "wirtschaft",
                           "zivilgesellschaft", "zivilgesellschaft", "zivilgesellschaft"};
  const std::vector<std::vector<std::string>> fields = {
      {"energie", "mobilitaet"},   {"mobilitaet"}, {"mobilitaet"}, {"energie"},
      {"bildung_oeffentlichkeit"}, {"mobilitaet"}};
  for (ActorIndex a = 0; a < 6; ++a) {
    n.add_actor(std::string(1, static_cast<char>('A' + a)));
    n.set_actor_attr(a, "sector", std::string(sectors[a]));
    n.set_actor_attr(a, "fields", fields[a]);
  }
  const auto coll = n.relation("zusammenarbeit");
  const auto wish = n.relation("wunsch");
  const auto w = n.wave("2026");
  for (const auto& [s, t, q] : std::vector<std::tuple<ActorIndex, ActorIndex, double>>{
           {0, 1, 5}, {1, 0, 2}, {0, 2, 1}, {2, 0, 2}, {0, 3, 1}, {2, 3, 3}, {4, 0, 2}})
    n.set_tie_attr(n.add_tie(s, t, coll, w), "quality", q);
  n.add_tie(1, 2, wish, w);
  return n;
}

MapModel drawn_map() {
  MapOptions o;
  o.responded = std::vector<bool>{true, true, true, false, true, true};
  o.invited = std::vector<bool>(6, true);
  return map_model(drawn(), o);
}

TEST(Insights, CollaborationQualityByHand) {
  const auto q = collaboration_quality(drawn_map());
  EXPECT_EQ(q.pairs, 5U);  // AB, AC, AD, CD, AE
  EXPECT_EQ(q.confirmed, 2U);
  EXPECT_EQ(q.one_sided, 1U);             // E -> A: A answered and did not name E
  EXPECT_EQ(q.one_sided_unanswered, 2U);  // A -> D, C -> D
  ASSERT_EQ(q.gaps.size(), 1U);
  EXPECT_EQ(q.gaps[0].a, 0U);
  EXPECT_EQ(q.gaps[0].b, 1U);
  EXPECT_EQ(q.gaps[0].a_rates_b, 5.0);
  EXPECT_EQ(q.gaps[0].b_rates_a, 2.0);
  // A: 6 rated ties, 5 of them rated <= 2; C: 3 rated, 2 difficult; B and D have 2 (< 3).
  ASSERT_EQ(q.hotspots.size(), 2U);
  EXPECT_EQ(q.hotspots[0].actor, 0U);
  EXPECT_EQ(q.hotspots[0].rated, 6U);
  EXPECT_EQ(q.hotspots[0].difficult, 5U);
  EXPECT_DOUBLE_EQ(q.hotspots[0].share, 5.0 / 6.0);
  EXPECT_EQ(q.hotspots[1].actor, 2U);
  EXPECT_DOUBLE_EQ(q.hotspots[1].share, 2.0 / 3.0);
  // With the default minimum of 3 ratings no sector pair qualifies (at most 2 each).
  EXPECT_TRUE(q.sector_pairs.empty());
}

TEST(Insights, SectorPairsAndThresholds) {
  QualityOptions o;
  o.min_rated = 1;
  o.gap = 1.0;
  const auto q = collaboration_quality(drawn_map(), o);
  EXPECT_EQ(q.gaps.size(), 2U);  // A-B (3) and now A-C (1)
  ASSERT_EQ(q.sector_pairs.size(), 6U);
  // Share 1 first (in sector order), then verwaltung -> verwaltung (1 of 2), then 0.
  EXPECT_EQ(q.sector_pairs[0].from, "verwaltung");
  EXPECT_EQ(q.sector_pairs[0].to, "wirtschaft");
  EXPECT_DOUBLE_EQ(q.sector_pairs[0].share, 1.0);
  EXPECT_EQ(q.sector_pairs[4].from, "verwaltung");
  EXPECT_EQ(q.sector_pairs[4].to, "verwaltung");
  EXPECT_EQ(q.sector_pairs[4].rated, 2U);
  EXPECT_DOUBLE_EQ(q.sector_pairs[4].share, 0.5);
  EXPECT_EQ(q.sector_pairs[5].from, "wirtschaft");
  EXPECT_EQ(q.sector_pairs[5].to, "zivilgesellschaft");
  EXPECT_DOUBLE_EQ(q.sector_pairs[5].share, 0.0);
}

TEST(Insights, FieldCoverageThinFieldsAndCoordinationGaps) {
  const auto f = field_coverage(drawn());
  ASSERT_EQ(f.fields.size(), 3U);
  EXPECT_EQ(f.fields[0].field, "mobilitaet");
  EXPECT_EQ(f.fields[0].actors, (std::vector<ActorIndex>{0, 1, 2, 5}));
  EXPECT_EQ(f.fields[0].sectors.at("verwaltung"), 2U);
  // A, B, C are tied among themselves (B - C by the wish: any relation counts); F with nobody.
  EXPECT_EQ(f.fields[0].gap_count, 3U);
  EXPECT_EQ(f.fields[0].gaps,
            (std::vector<std::pair<ActorIndex, ActorIndex>>{{0, 5}, {1, 5}, {2, 5}}));
  EXPECT_EQ(f.fields[1].field, "energie");
  EXPECT_EQ(f.fields[1].gap_count, 0U);  // A -> D
  EXPECT_EQ(f.thin, (std::vector<std::string>{"bildung_oeffentlichkeit", "energie"}));
  FieldOptions few;
  few.max_gaps = 1;
  few.thin = 1;
  const auto g = field_coverage(drawn(), few);
  EXPECT_EQ(g.fields[0].gap_count, 3U);  // counted in full
  EXPECT_EQ(g.fields[0].gaps.size(), 1U);
  EXPECT_EQ(g.thin, (std::vector<std::string>{"bildung_oeffentlichkeit"}));
}

TEST(Insights, BinomialTailByHand) {
  // P(X >= 4), X ~ Bin(7, 0.2) = sum_{k=4..7} C(7,k) 0.2^k 0.8^(7-k) (Python: 0.033344...).
  EXPECT_NEAR(binomial_upper_tail(4, 7, 0.2), 0.03334400000000001, 1e-13);
  EXPECT_DOUBLE_EQ(binomial_upper_tail(0, 7, 0.2), 1.0);
  EXPECT_NEAR(binomial_upper_tail(7, 7, 0.2), 0.2 * 0.2 * 0.2 * 0.2 * 0.2 * 0.2 * 0.2, 1e-17);
  EXPECT_DOUBLE_EQ(binomial_upper_tail(8, 7, 0.2), 0.0);
  EXPECT_DOUBLE_EQ(binomial_upper_tail(1, 7, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(binomial_upper_tail(3, 7, 1.0), 1.0);
}

TEST(Insights, DegenerateInputs) {
  const auto q = collaboration_quality(map_model(Network{}));
  EXPECT_EQ(q.pairs, 0U);
  EXPECT_TRUE(q.hotspots.empty());
  EXPECT_TRUE(field_coverage(Network{}).fields.empty());
  Network no_fields;
  no_fields.add_actor("x");
  EXPECT_TRUE(field_coverage(no_fields).fields.empty());
}

}  // namespace
}  // namespace kn::app
