// Matchmaking (app/matchmaking.hpp) on a network drawn here, every score by hand: unmet and
// mutual unmet wishes, the candidate pairs, W, F, P, S and their ranking, the introducer.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include "app/matchmaking.hpp"

namespace kn::app {
namespace {

//   A verwaltung {energie}; B verwaltung {energie, mobilitaet}; C wirtschaft {mobilitaet};
//   D zivilgesellschaft {}; E zivilgesellschaft {energie}
//   zusammenarbeit: A -> C, B -> C, C -> D          A   B
//   wunsch:         A -> B, B -> A (mutual),          \ /
//                   D -> E, A -> C (already tied)      C - D      E
Network drawn() {
  Network n;
  const char* sectors[] = {"verwaltung", "verwaltung", "wirtschaft", "zivilgesellschaft",
                           "zivilgesellschaft"};
  const std::vector<std::vector<std::string>> fields = {
      {"energie"}, {"energie", "mobilitaet"}, {"mobilitaet"}, {}, {"energie"}};
  for (ActorIndex a = 0; a < 5; ++a) {
    n.add_actor(std::string(1, static_cast<char>('A' + a)));
    n.set_actor_attr(a, "sector", std::string(sectors[a]));
    n.set_actor_attr(a, "fields", fields[a]);
  }
  const auto coll = n.relation("zusammenarbeit");
  const auto wish = n.relation("wunsch");
  const auto w = n.wave("2026");
  n.add_tie(0, 2, coll, w);
  n.add_tie(1, 2, coll, w);
  n.add_tie(2, 3, coll, w);
  n.add_tie(0, 1, wish, w);
  n.add_tie(1, 0, wish, w);
  n.add_tie(3, 4, wish, w);
  n.add_tie(0, 2, wish, w);
  return n;
}

TEST(Matchmaking, UnmetWishes) {
  const auto r = matchmaking(map_model(drawn()));
  ASSERT_EQ(r.unmet.size(), 3U);  // A -> B, B -> A, D -> E; A -> C is already a collaboration
  EXPECT_TRUE(r.unmet[0].mutual);
  EXPECT_TRUE(r.unmet[1].mutual);
  EXPECT_EQ(r.unmet[2].from, 3U);
  EXPECT_EQ(r.unmet[2].to, 4U);
  EXPECT_FALSE(r.unmet[2].mutual);
  EXPECT_EQ(r.mutual_unmet, 1U);
}

TEST(Matchmaking, ScoresAndRankingByHand) {
  const auto r = matchmaking(map_model(drawn()));
  // Candidates: wishes AB, DE; shared energie AB, AE, BE; common partner C: AB, AD, BD.
  EXPECT_EQ(r.candidates, 6U);
  ASSERT_EQ(r.suggestions.size(), 6U);
  // AB: W 1, F 1/2, P (1/3) / (1/3) = 1, S 0: 6 + 1 + 2 = 9
  const auto& ab = r.suggestions[0];
  EXPECT_EQ(std::make_pair(ab.a, ab.b), std::make_pair(ActorIndex{0}, ActorIndex{1}));
  EXPECT_DOUBLE_EQ(ab.wish, 1.0);
  EXPECT_DOUBLE_EQ(ab.fields, 0.5);
  EXPECT_DOUBLE_EQ(ab.partners, 1.0);
  EXPECT_DOUBLE_EQ(ab.cross_sector, 0.0);
  EXPECT_DOUBLE_EQ(ab.score, 9.0);
  EXPECT_TRUE(ab.a_wishes_b && ab.b_wishes_a);
  EXPECT_EQ(ab.shared_fields, std::vector<std::string>{"energie"});
  EXPECT_EQ(ab.common_partners, 1U);
  EXPECT_EQ(ab.introducer, ActorIndex{2});
  // Then DE: a one-sided wish (6 * 0.5 = 3), same sector, nothing shared;
  const auto& de = r.suggestions[1];
  EXPECT_EQ(std::make_pair(de.a, de.b), std::make_pair(ActorIndex{3}, ActorIndex{4}));
  EXPECT_DOUBLE_EQ(de.score, 3.0);
  EXPECT_TRUE(de.a_wishes_b);  // a = D (3) wishes b = E (4), not the other way round
  EXPECT_FALSE(de.b_wishes_a);
  EXPECT_FALSE(de.introducer);
  // then three with 2.5 in pair order: AD (P 1, S 1), AE (F 1, S 1), BD (P 1, S 1); BE last
  // (F 1/2, S 1: 1.5).
  const std::vector<std::pair<ActorIndex, ActorIndex>> order = {{0, 3}, {0, 4}, {1, 3}, {1, 4}};
  const std::vector<double> scores = {2.5, 2.5, 2.5, 1.5};
  for (std::size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(std::make_pair(r.suggestions[i + 2].a, r.suggestions[i + 2].b), order[i]) << i;
    EXPECT_DOUBLE_EQ(r.suggestions[i + 2].score, scores[i]) << i;
  }
  EXPECT_EQ(matchmaking(map_model(drawn()), {2}).suggestions.size(), 2U);
}

TEST(Matchmaking, NothingToSuggest) {
  EXPECT_TRUE(matchmaking(map_model(Network{})).suggestions.empty());
  Network two;
  two.add_actor("x");
  two.add_actor("y");
  two.add_tie(0, 1, two.relation("zusammenarbeit"), two.wave("1"));
  const auto r = matchmaking(map_model(two));
  EXPECT_EQ(r.candidates, 0U);
  EXPECT_TRUE(r.unmet.empty());
}

}  // namespace
}  // namespace kn::app
