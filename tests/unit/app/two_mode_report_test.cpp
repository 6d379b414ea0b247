// The "who works on what" use case: memberships from an affiliation or a list attribute, the
// two-mode measures and the three projection weightings, checked by hand on a drawn case.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "app/two_mode_report.hpp"

namespace kn::app {
namespace {

// Drawn case: 4 actors x 3 fields.
//   a: energie, mobilitaet        b: energie, mobilitaet, bildung
//   c: bildung                    d: (none)
// Item degrees: energie 2, mobilitaet 2, bildung 2. Memberships 5; density 5/12.
// Projection pairs (shared items): a-b {energie, mobilitaet} = 2, b-c {bildung} = 1; a-c none.
//   Jaccard: a-b 2/|{e,m,b}| = 2/3; b-c 1/|{e,m,b}| = 1/3.
//   Newman: every item has 2 members, 1/(2-1) = 1 each: a-b 2, b-c 1.
Network drawn(bool as_attribute) {
  Network n;
  for (const char* id : {"a", "b", "c", "d"})
    n.add_actor(id);
  n.set_actor_attr(0, "name", std::string("Amt für Umwelt"));
  const std::vector<std::pair<ActorIndex, std::string>> memberships{
      {0, "energie"},    {0, "mobilitaet"}, {1, "energie"},
      {1, "mobilitaet"}, {1, "bildung"},    {2, "bildung"}};
  if (as_attribute) {
    std::map<ActorIndex, std::vector<std::string>> lists;
    for (const auto& [a, item] : memberships)
      lists[a].push_back(item);
    for (auto& [a, list] : lists)
      n.set_actor_attr(a, "fields", list);
  } else {
    for (const auto& [a, item] : memberships)
      n.add_membership("field", a, item);
  }
  return n;
}

std::map<std::pair<std::string, std::string>, double> pairs(const TwoModeReport& r) {
  std::map<std::pair<std::string, std::string>, double> out;
  for (const auto& t : r.projection_ties)
    out[{t.source, t.target}] = t.weight;
  return out;
}

TEST(TwoModeReport, HandComputedFromAffiliation) {
  TwoModeRequest request;
  request.affiliation = "field";
  const TwoModeReport r = analyze_two_mode(drawn(false), request);
  EXPECT_EQ(r.source, "affiliation");
  EXPECT_EQ(r.actors, 4U);
  EXPECT_EQ(r.items, 3U);
  EXPECT_EQ(r.memberships, 6U);
  EXPECT_DOUBLE_EQ(r.density, 6.0 / 12.0);
  ASSERT_EQ(r.actor_rows.size(), 4U);
  EXPECT_EQ(r.actor_rows[0].name, "Amt für Umwelt");
  EXPECT_EQ(r.actor_rows[1].name, "b");  // no name: the id
  EXPECT_EQ(r.actor_rows[1].degree, 3U);
  EXPECT_DOUBLE_EQ(r.actor_rows[1].centrality, 1.0);
  EXPECT_EQ(r.actor_rows[3].degree, 0U);
  EXPECT_DOUBLE_EQ(r.actor_rows[3].centrality, 0.0);
  ASSERT_EQ(r.item_rows.size(), 3U);
  EXPECT_EQ(r.item_rows[0].id, "energie");
  EXPECT_EQ(r.item_rows[0].degree, 2U);
  EXPECT_DOUBLE_EQ(r.item_rows[0].centrality, 0.5);
  const auto p = pairs(r);
  ASSERT_EQ(p.size(), 2U);
  EXPECT_DOUBLE_EQ(p.at({"a", "b"}), 2.0);
  EXPECT_DOUBLE_EQ(p.at({"b", "c"}), 1.0);
}

TEST(TwoModeReport, ProjectionWeightings) {
  TwoModeRequest request;
  request.projection = ProjectionWeight::Jaccard;
  auto p = pairs(analyze_two_mode(drawn(false), request));
  EXPECT_DOUBLE_EQ(p.at({"a", "b"}), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(p.at({"b", "c"}), 1.0 / 3.0);
  request.projection = ProjectionWeight::Newman;
  p = pairs(analyze_two_mode(drawn(false), request));
  EXPECT_DOUBLE_EQ(p.at({"a", "b"}), 2.0);
  EXPECT_DOUBLE_EQ(p.at({"b", "c"}), 1.0);
}

TEST(TwoModeReport, ListAttributeGivesTheSameAnalysis) {
  TwoModeRequest by_aff;
  by_aff.affiliation = "field";
  TwoModeRequest by_attr;
  by_attr.affiliation = "fields";
  const TwoModeReport a = analyze_two_mode(drawn(false), by_aff);
  const TwoModeReport b = analyze_two_mode(drawn(true), by_attr);
  EXPECT_EQ(b.source, "attribute");
  EXPECT_EQ(a.memberships, b.memberships);
  EXPECT_DOUBLE_EQ(a.density, b.density);
  EXPECT_EQ(pairs(a), pairs(b));
  for (std::size_t k = 0; k < a.item_rows.size(); ++k) {
    EXPECT_EQ(a.item_rows[k].id, b.item_rows[k].id);
    EXPECT_EQ(a.item_rows[k].degree, b.item_rows[k].degree);
  }
}

TEST(TwoModeReport, DegenerateInputs) {
  Network empty;
  empty.affiliation("field");
  const TwoModeReport r = analyze_two_mode(empty, {});
  EXPECT_EQ(r.actors, 0U);
  EXPECT_TRUE(std::isnan(r.density));
  EXPECT_TRUE(r.projection_ties.empty());

  Network one;
  one.add_actor("x");
  one.add_membership("field", 0, "energie");
  const TwoModeReport s = analyze_two_mode(one, {});
  EXPECT_DOUBLE_EQ(s.density, 1.0);
  EXPECT_TRUE(s.projection_ties.empty());  // no pair with one actor
}

TEST(TwoModeReport, UnknownAffiliationNamesWhatExists) {
  TwoModeRequest request;
  request.affiliation = "forum";
  try {
    analyze_two_mode(drawn(true), request);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'forum'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("fields"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_projection_weight("cosine"), std::invalid_argument);
  EXPECT_EQ(parse_projection_weight("newman"), ProjectionWeight::Newman);
  EXPECT_STREQ(projection_weight_name(ProjectionWeight::Jaccard), "jaccard");
}

}  // namespace
}  // namespace kn::app
