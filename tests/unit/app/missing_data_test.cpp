// Reconstruction of non-respondents' ties (app/missing_data.hpp) on a network drawn here: what
// is added, what is not (between non-respondents, a respondent's silence, desired ties, other
// waves), the flag on added ties, idempotence, and the Musterstadt demo's survey.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <stdexcept>

#include "app/demo/musterstadt.hpp"
#include "app/missing_data.hpp"

namespace kn::app {
namespace {

//   respondents A, C; non-respondents B, D
//   zusammenarbeit 2026: A -> B (q 4), A -> C, B -> D (B did not answer: cannot exist in a
//                        survey, but an imported network may have it), C -> D
//   zusammenarbeit 2025: C -> B
//   wunsch 2026:         A -> D
Network drawn() {
  Network n;
  for (const char* id : {"A", "B", "C", "D"})
    n.add_actor(id);
  const auto coll = n.relation("zusammenarbeit");
  const auto wish = n.relation("wunsch");
  const auto w26 = n.wave("2026");
  const auto w25 = n.wave("2025");
  const auto ab = n.add_tie(0, 1, coll, w26);
  n.set_tie_attr(ab, "quality", 4.0);
  n.add_tie(0, 2, coll, w26);
  n.add_tie(1, 3, coll, w26);
  n.add_tie(2, 3, coll, w26);
  n.add_tie(2, 1, coll, w25);
  n.add_tie(0, 3, wish, w26);
  return n;
}

bool has(const Network& n, const char* s, const char* t, const char* rel, const char* wave) {
  for (TieIndex k = 0; k < n.tie_count(); ++k)
    if (n.actor_id(n.tie_source(k)) == s && n.actor_id(n.tie_target(k)) == t &&
        n.relations()[n.tie_relation(k)].name == rel && n.waves()[n.tie_wave(k)].name == wave)
      return true;
  return false;
}

TEST(MissingData, ReconstructsRespondentsReportsAboutNonRespondents) {
  ReconstructionOptions o;
  o.responded = std::vector<bool>{true, false, true, false};
  const auto r = reconstruct_ties(drawn(), o);
  EXPECT_EQ(r.respondents, 2U);
  EXPECT_EQ(r.non_respondents, 2U);
  // A -> B gives B -> A; C -> D gives D -> C; C -> B (2025) gives B -> C in 2025.
  EXPECT_EQ(r.added, 3U);
  EXPECT_EQ(r.added_by_relation.at("zusammenarbeit"), 3U);
  EXPECT_TRUE(has(r.network, "B", "A", "zusammenarbeit", "2026"));
  EXPECT_TRUE(has(r.network, "D", "C", "zusammenarbeit", "2026"));
  EXPECT_TRUE(has(r.network, "B", "C", "zusammenarbeit", "2025"));
  EXPECT_FALSE(has(r.network, "B", "C", "zusammenarbeit", "2026"));
  // Not added: C's silence about A (C answered), D -> B (B -> D is between non-respondents),
  // the wish A -> D (not a symmetric relation).
  EXPECT_FALSE(has(r.network, "C", "A", "zusammenarbeit", "2026"));
  EXPECT_FALSE(has(r.network, "D", "B", "zusammenarbeit", "2026"));
  EXPECT_FALSE(has(r.network, "D", "A", "wunsch", "2026"));
  // Added ties are flagged and carry no rating; the original ties keep theirs.
  ASSERT_EQ(r.network.tie_count(), 9U);
  for (TieIndex k = 6; k < 9; ++k) {
    EXPECT_EQ(value_to_string(r.network.tie_attr(k, "reconstructed")), "yes");
    EXPECT_TRUE(is_missing(r.network.tie_attr(k, "quality")));
  }
  EXPECT_TRUE(is_missing(r.network.tie_attr(0, "reconstructed")));
  EXPECT_EQ(as_number(r.network.tie_attr(0, "quality")), 4.0);
  // Idempotent: a second pass adds nothing.
  EXPECT_EQ(reconstruct_ties(r.network, o).added, 0U);
}

TEST(MissingData, OptionsAndErrors) {
  ReconstructionOptions o;
  o.responded = std::vector<bool>{true, false, true, false};
  o.relations = {"wunsch"};
  const auto wish = reconstruct_ties(drawn(), o);
  EXPECT_EQ(wish.added, 1U);  // asked for: A -> D gives D -> A
  EXPECT_TRUE(has(wish.network, "D", "A", "wunsch", "2026"));
  o.relations = {"konflikt"};  // not in the network
  EXPECT_EQ(reconstruct_ties(drawn(), o).added, 0U);
  o.relations = {"zusammenarbeit"};
  o.responded =
      std::vector<bool>{true, true, true, true};  // everybody answered: nothing to reconstruct
  EXPECT_EQ(reconstruct_ties(drawn(), o).added, 0U);
  o.responded = std::vector<bool>{true};
  EXPECT_THROW(reconstruct_ties(drawn(), o), std::invalid_argument);
  o.responded = std::vector<bool>{};
  const auto empty = reconstruct_ties(Network{}, o);
  EXPECT_EQ(empty.added, 0U);
}

TEST(MissingData, MusterstadtSurveyGainsTiesOnlyTowardsNonRespondents) {
  const Network demo = generate_musterstadt();
  // Every third actor did not answer; drop their own reports as a survey would not have them.
  std::vector<bool> responded(demo.actor_count());
  for (std::size_t a = 0; a < responded.size(); ++a)
    responded[a] = a % 3 != 0;
  Network survey;
  survey.directed = demo.directed;
  for (ActorIndex a = 0; a < demo.actor_count(); ++a)
    survey.add_actor(demo.actor_id(a));
  for (const auto& r : demo.relations())
    survey.relation(r.name);
  for (const auto& w : demo.waves())
    survey.wave(w.name);
  for (TieIndex t = 0; t < demo.tie_count(); ++t)
    if (responded[demo.tie_source(t)])
      survey.add_tie(demo.tie_source(t), demo.tie_target(t), demo.tie_relation(t),
                     demo.tie_wave(t));
  ReconstructionOptions o;
  o.responded = responded;
  const auto r = reconstruct_ties(survey, o);
  EXPECT_GT(r.added, 0U);
  for (TieIndex t = static_cast<TieIndex>(survey.tie_count()); t < r.network.tie_count(); ++t) {
    EXPECT_FALSE(responded[r.network.tie_source(t)]);  // added ties start at non-respondents
    EXPECT_TRUE(responded[r.network.tie_target(t)]);
    EXPECT_NE(r.network.relations()[r.network.tie_relation(t)].name, "wunsch");
  }
}

}  // namespace
}  // namespace kn::app
