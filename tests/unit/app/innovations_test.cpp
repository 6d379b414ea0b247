// Innovation analysis (app/innovations.hpp) on a map drawn here with three ideas, every count,
// mean, median and p-value by hand; the permutation test against brute-force enumeration and
// its seeded sampling; degenerate inputs.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <stdexcept>

#include "app/innovations.hpp"

namespace kn::app {
namespace {

//   Undirected zusammenarbeit:   B   C
//                                 \ /
//                                  A - D - E        F (no tie, no sector)
//   A, B verwaltung; C wirtschaft; D, E zivilgesellschaft.
//   degree: A 3, B 1, C 1, D 2, E 1, F 0
//   betweenness (unordered pairs): A 5 (BC, BD, BE, CD, CE), D 3 (AE, BE, CE), others 0
//   constraint: B, C, E 1 (one contact); D 2 (1/2)^2 = 1/2; A 3 (1/3)^2 = 1/3; F undefined
//   brokerage (ordered pairs i -> broker -> k, i and k not tied): A 6 (BC, BD, CD both ways),
//   D 2 (AE both ways), others 0
Network drawn() {
  Network n;
  n.directed = false;
  const char* sectors[] = {"verwaltung",        "verwaltung",        "wirtschaft",
                           "zivilgesellschaft", "zivilgesellschaft", nullptr};
  for (ActorIndex a = 0; a < 6; ++a) {
    n.add_actor(std::string(1, static_cast<char>('A' + a)));
    if (sectors[a] != nullptr) n.set_actor_attr(a, "sector", std::string(sectors[a]));
  }
  const auto coll = n.relation("zusammenarbeit");
  const auto w = n.wave("2026");
  for (const auto& [s, t] :
       std::vector<std::pair<ActorIndex, ActorIndex>>{{0, 1}, {0, 2}, {0, 3}, {3, 4}})
    n.add_tie(s, t, coll, w);
  return n;
}

//   1 "Solardach": energie, realised, {funding, permits}; A initiator, C partner, D supporter
//   2 "Lastenrad": mobilitaet, pilot, {funding, space}; D initiator, E partner
//   3 "Waermeplan": energie, idea, {funding, funding, staff}; A initiator, B partner, F supporter
std::vector<InnovationRecord> ideas() {
  return {{"Solardach",
           "energie",
           "realised",
           {"funding", "permits"},
           {{0, "initiator"}, {2, "partner"}, {3, "supporter"}}},
          {"Lastenrad",
           "mobilitaet",
           "pilot",
           {"funding", "space"},
           {{3, "initiator"}, {4, "partner"}}},
          {"Waermeplan",
           "energie",
           "idea",
           {"funding", "funding", "staff"},
           {{0, "initiator"}, {1, "partner"}, {5, "supporter"}}}};
}

TEST(Innovations, StagesAndFieldsByHand) {
  const auto r = innovation_insights(map_model(drawn()), ideas());
  EXPECT_EQ(r.ideas, 3U);
  EXPECT_EQ(r.realised, 1U);
  EXPECT_EQ(r.not_realised, 2U);
  ASSERT_EQ(r.by_stage.size(), 5U);  // the five stages, also those without ideas
  const std::vector<std::string> stages = {"idea", "planning", "pilot", "realised", "stopped"};
  const std::vector<std::size_t> counts = {1, 0, 1, 1, 0};
  for (std::size_t s = 0; s < 5; ++s) {
    EXPECT_EQ(r.by_stage[s].key, stages[s]);
    EXPECT_EQ(r.by_stage[s].count, counts[s]);
    EXPECT_DOUBLE_EQ(r.by_stage[s].share, static_cast<double>(counts[s]) / 3.0);
  }
  ASSERT_EQ(r.by_field.size(), 2U);  // domain order
  EXPECT_EQ(r.by_field[0].key, "energie");
  EXPECT_EQ(r.by_field[0].count, 2U);
  EXPECT_DOUBLE_EQ(r.by_field[0].share, 2.0 / 3.0);
  EXPECT_EQ(r.by_field[1].key, "mobilitaet");
  EXPECT_EQ(r.by_field[1].count, 1U);
  EXPECT_EQ(r.stage_field.stages, stages);
  EXPECT_EQ(r.stage_field.fields, (std::vector<std::string>{"energie", "mobilitaet"}));
  EXPECT_EQ(r.stage_field.counts,
            (std::vector<std::vector<std::size_t>>{{1, 0}, {0, 0}, {0, 1}, {1, 0}, {0, 0}}));
}

TEST(Innovations, ActorsAndSectorsPerIdea) {
  const auto r = innovation_insights(map_model(drawn()), ideas());
  ASSERT_EQ(r.per_idea.size(), 3U);
  EXPECT_EQ(r.per_idea[0].initiators, (std::vector<ActorIndex>{0}));
  EXPECT_EQ(r.per_idea[0].partners, (std::vector<ActorIndex>{2, 3}));
  EXPECT_EQ(r.per_idea[0].sectors,
            (std::vector<std::string>{"verwaltung", "wirtschaft", "zivilgesellschaft"}));
  EXPECT_TRUE(r.per_idea[0].cross_sector);
  EXPECT_EQ(r.per_idea[1].partners, (std::vector<ActorIndex>{4}));
  EXPECT_EQ(r.per_idea[1].sectors, (std::vector<std::string>{"zivilgesellschaft"}));
  EXPECT_FALSE(r.per_idea[1].cross_sector);
  // F has no sector: it adds none, so idea 3 stays within verwaltung.
  EXPECT_EQ(r.per_idea[2].partners, (std::vector<ActorIndex>{1, 5}));
  EXPECT_EQ(r.per_idea[2].sectors, (std::vector<std::string>{"verwaltung"}));
  EXPECT_FALSE(r.per_idea[2].cross_sector);
  EXPECT_EQ(r.cross_sector, 1U);
  EXPECT_EQ(r.initiators, (std::vector<ActorIndex>{0, 3}));
}

TEST(Innovations, ConditionsByHand) {
  const auto r = innovation_insights(map_model(drawn()), ideas());
  ASSERT_EQ(r.conditions.size(), 4U);
  // funding in every idea (listed twice in idea 3: counted once), then count 1 by key.
  const auto& f = r.conditions[0];
  EXPECT_EQ(f.key, "funding");
  EXPECT_EQ(f.count, 3U);
  EXPECT_EQ(f.not_realised, 2U);
  EXPECT_EQ(f.realised, 1U);
  EXPECT_DOUBLE_EQ(f.share, 1.0);
  EXPECT_DOUBLE_EQ(f.share_not_realised, 1.0);
  EXPECT_DOUBLE_EQ(f.share_realised, 1.0);
  EXPECT_EQ(r.conditions[1].key, "permits");  // only the realised idea
  EXPECT_DOUBLE_EQ(r.conditions[1].share, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.conditions[1].share_not_realised, 0.0);
  EXPECT_DOUBLE_EQ(r.conditions[1].share_realised, 1.0);
  EXPECT_EQ(r.conditions[2].key, "space");
  EXPECT_DOUBLE_EQ(r.conditions[2].share_not_realised, 0.5);
  EXPECT_DOUBLE_EQ(r.conditions[2].share_realised, 0.0);
  EXPECT_EQ(r.conditions[3].key, "staff");
  EXPECT_EQ(r.conditions[3].not_realised, 1U);
}

TEST(Innovations, NetworkPositionOfTheInitiatorsByHand) {
  const MapModel m = map_model(drawn());
  const auto r = innovation_insights(m, ideas());
  ASSERT_EQ(r.positions.size(), 4U);
  // Initiators A, D against B, C, E, F. Exact: C(6, 2) = 15 assignments (C(5, 2) = 10 for
  // constraint, F undefined).
  const auto& degree = r.positions[0];
  EXPECT_EQ(degree.measure, "degree");
  EXPECT_EQ(degree.initiators, 2U);
  EXPECT_EQ(degree.others, 4U);
  EXPECT_DOUBLE_EQ(degree.initiator_mean, 2.5);
  EXPECT_DOUBLE_EQ(degree.initiator_median, 2.5);
  EXPECT_DOUBLE_EQ(degree.other_mean, 0.75);
  EXPECT_DOUBLE_EQ(degree.other_median, 1.0);
  EXPECT_DOUBLE_EQ(degree.difference, 1.75);
  // d = S/2 - (8 - S)/4 for the pair sum S; |d| >= 7/4 only for S = 5, the pair {A, D}.
  EXPECT_TRUE(degree.exact);
  EXPECT_EQ(degree.assignments, 15U);
  EXPECT_DOUBLE_EQ(degree.p_value, 1.0 / 15.0);

  const auto& betweenness = r.positions[1];
  EXPECT_EQ(betweenness.measure, "betweenness");
  EXPECT_DOUBLE_EQ(betweenness.initiator_mean, 4.0);
  EXPECT_DOUBLE_EQ(betweenness.initiator_median, 4.0);
  EXPECT_DOUBLE_EQ(betweenness.other_mean, 0.0);
  EXPECT_DOUBLE_EQ(betweenness.other_median, 0.0);
  EXPECT_DOUBLE_EQ(betweenness.p_value, 1.0 / 15.0);

  const auto& brokerage = r.positions[2];
  EXPECT_EQ(brokerage.measure, "brokerage");
  EXPECT_DOUBLE_EQ(brokerage.initiator_mean, 4.0);
  EXPECT_DOUBLE_EQ(brokerage.initiator_median, 4.0);
  EXPECT_DOUBLE_EQ(brokerage.other_mean, 0.0);

  const auto& constraint = r.positions[3];
  EXPECT_EQ(constraint.measure, "constraint");
  EXPECT_EQ(constraint.initiators, 2U);
  EXPECT_EQ(constraint.others, 3U);  // F has no contact: undefined, left out
  EXPECT_NEAR(constraint.initiator_mean, 5.0 / 12.0, 1e-12);
  EXPECT_NEAR(constraint.initiator_median, 5.0 / 12.0, 1e-12);
  EXPECT_NEAR(constraint.other_mean, 1.0, 1e-12);
  EXPECT_NEAR(constraint.other_median, 1.0, 1e-12);
  // d = S/2 - (23/6 - S)/3; |d| >= 21/36 only for the smallest pair sum S = 5/6, {A, D}.
  EXPECT_TRUE(constraint.exact);
  EXPECT_EQ(constraint.assignments, 10U);
  EXPECT_DOUBLE_EQ(constraint.p_value, 1.0 / 10.0);
}

/// Brute force: every subset of size k of the defined values as "initiators".
double brute_force_p(const std::vector<double>& v, const std::vector<bool>& group) {
  std::vector<double> x;
  std::size_t k = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!std::isnan(v[i])) {
      x.push_back(v[i]);
      k += group[i] ? 1U : 0U;
    }
  const auto diff = [&](unsigned mask) {
    double in = 0.0, out = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i)
      ((mask >> i) & 1U ? in : out) += x[i];
    return std::abs(in / static_cast<double>(k) - out / static_cast<double>(x.size() - k));
  };
  unsigned observed_mask = 0;
  for (std::size_t i = 0, j = 0; i < v.size(); ++i)
    if (!std::isnan(v[i])) {
      if (group[i]) observed_mask |= 1U << j;
      ++j;
    }
  const double observed = diff(observed_mask);
  std::size_t all = 0, extreme = 0;
  for (unsigned mask = 0; mask < (1U << x.size()); ++mask) {
    if (static_cast<std::size_t>(std::popcount(mask)) != k) continue;
    ++all;
    extreme += diff(mask) >= observed - 1e-9 ? 1U : 0U;
  }
  return static_cast<double>(extreme) / static_cast<double>(all);
}

std::vector<bool> flags(std::initializer_list<int> on, std::size_t n) {
  std::vector<bool> out(n, false);
  for (const int i : on)
    out[static_cast<std::size_t>(i)] = true;
  return out;
}

TEST(Innovations, PermutationTestAgainstBruteForce) {
  // Ties among the values (several assignments as extreme as the observed one) and a NaN.
  const double nan = std::nan("");
  const std::vector<double> v = {4, 1, 2, 2, nan, 0, 3, 1, 2, 5};
  for (const auto& g : {flags({0, 9}, 10), flags({0, 2, 3}, 10), flags({1, 5, 7}, 10),
                        flags({2, 3, 4, 8}, 10), flags({6}, 10)}) {
    const auto c = compare_groups(v, g);
    EXPECT_TRUE(c.exact);
    EXPECT_DOUBLE_EQ(c.p_value, brute_force_p(v, g));
  }
  // A p-value near 1: the initiators' mean equals the others'.
  const auto even = compare_groups({1, 3, 2, 2}, flags({0, 1}, 4));
  EXPECT_DOUBLE_EQ(even.difference, 0.0);
  EXPECT_DOUBLE_EQ(even.p_value, 1.0);
}

TEST(Innovations, PermutationTestSampledWhenThereAreTooManyAssignments) {
  std::vector<double> v;
  v.reserve(20);
  for (int i = 0; i < 20; ++i)
    v.push_back(static_cast<double>((i * 7) % 11) + (i < 5 ? 3.0 : 0.0));
  const auto g = flags({0, 1, 2, 3, 4, 10}, 20);
  InnovationOptions all;
  all.permutations = 40000;  // C(20, 6) = 38760: exact
  const auto exact = compare_groups(v, g, all);
  ASSERT_TRUE(exact.exact);
  EXPECT_EQ(exact.assignments, 38760U);
  InnovationOptions sampled;
  sampled.permutations = 20000;
  sampled.seed = 7;
  const auto s = compare_groups(v, g, sampled);
  EXPECT_FALSE(s.exact);
  EXPECT_EQ(s.assignments, 20000U);
  // Binomial standard error of the estimate <= sqrt(0.25 / 20000) = 0.0035.
  EXPECT_NEAR(s.p_value, exact.p_value, 0.015);
  EXPECT_GE(s.p_value, 1.0 / 20001.0);
  EXPECT_DOUBLE_EQ(compare_groups(v, g, sampled).p_value, s.p_value);  // seeded
  sampled.seed = 8;
  EXPECT_NEAR(compare_groups(v, g, sampled).p_value, exact.p_value, 0.015);
}

TEST(Innovations, DegenerateInputs) {
  const MapModel m = map_model(drawn());
  // No ideas: empty stages, no initiators, p undefined.
  const auto none = innovation_insights(m, {});
  EXPECT_EQ(none.ideas, 0U);
  ASSERT_EQ(none.by_stage.size(), 5U);
  EXPECT_EQ(none.by_stage[0].count, 0U);
  EXPECT_TRUE(std::isnan(none.by_stage[0].share));
  EXPECT_TRUE(none.by_field.empty());
  EXPECT_TRUE(none.conditions.empty());
  EXPECT_TRUE(none.initiators.empty());
  ASSERT_EQ(none.positions.size(), 4U);
  EXPECT_EQ(none.positions[0].initiators, 0U);
  EXPECT_TRUE(std::isnan(none.positions[0].initiator_mean));
  EXPECT_DOUBLE_EQ(none.positions[0].other_mean, 8.0 / 6.0);
  EXPECT_TRUE(std::isnan(none.positions[0].p_value));

  // An idea without actors, with an unknown stage and no field.
  const auto bare = innovation_insights(m, {{"Leer", "", "paused", {}, {}}});
  ASSERT_EQ(bare.per_idea.size(), 1U);
  EXPECT_TRUE(bare.per_idea[0].initiators.empty());
  EXPECT_TRUE(bare.per_idea[0].sectors.empty());
  EXPECT_FALSE(bare.per_idea[0].cross_sector);
  ASSERT_EQ(bare.by_stage.size(), 6U);
  EXPECT_EQ(bare.by_stage[5].key, "paused");
  EXPECT_EQ(bare.by_stage[5].count, 1U);
  EXPECT_EQ(bare.not_realised, 1U);
  ASSERT_EQ(bare.by_field.size(), 1U);
  EXPECT_EQ(bare.by_field[0].key, "");
  EXPECT_TRUE(bare.conditions.empty());

  // Everybody initiates: no other actors to compare with.
  std::vector<std::pair<ActorIndex, std::string>> everybody;
  for (ActorIndex a = 0; a < 6; ++a)
    everybody.emplace_back(a, "initiator");
  const auto all = innovation_insights(m, {{"Alle", "energie", "idea", {}, everybody}});
  EXPECT_EQ(all.initiators.size(), 6U);
  EXPECT_EQ(all.positions[0].others, 0U);
  EXPECT_DOUBLE_EQ(all.positions[0].initiator_mean, 8.0 / 6.0);
  EXPECT_TRUE(std::isnan(all.positions[0].other_mean));
  EXPECT_TRUE(std::isnan(all.positions[0].p_value));

  // An actor named twice keeps its first role.
  const auto twice = innovation_insights(
      m, {{"Doppelt", "energie", "idea", {}, {{1, "partner"}, {1, "initiator"}}}});
  EXPECT_TRUE(twice.per_idea[0].initiators.empty());
  EXPECT_EQ(twice.per_idea[0].partners, (std::vector<ActorIndex>{1}));

  // Out of range: the message names the idea and the index.
  try {
    (void)innovation_insights(m, {{"Windpark", "energie", "idea", {}, {{6, "initiator"}}}});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Windpark"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find('6'), std::string::npos) << e.what();
  }
  InnovationOptions unknown;
  unknown.measures = {"fame"};
  EXPECT_THROW((void)innovation_insights(m, ideas(), unknown), std::invalid_argument);
  InnovationOptions zero;
  zero.permutations = 0;
  EXPECT_THROW((void)innovation_insights(m, ideas(), zero), std::invalid_argument);
  // An empty network: nothing to compare, nothing to count.
  const auto empty = innovation_insights(map_model(Network{}), {});
  EXPECT_TRUE(std::isnan(empty.positions[0].other_mean));
}

}  // namespace
}  // namespace kn::app
