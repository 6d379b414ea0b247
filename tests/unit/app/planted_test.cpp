// Acceptance of the insights on the Musterstadt demo (issue 5): the generator plants known
// structure (app/demo/musterstadt.hpp MusterstadtPlant) — the analyses find exactly what was
// planted, and on the variant without the plant they do not.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app/demo/musterstadt.hpp"
#include "app/insights.hpp"
#include "app/map_model.hpp"
#include "app/matchmaking.hpp"

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

}  // namespace
}  // namespace kn::app
