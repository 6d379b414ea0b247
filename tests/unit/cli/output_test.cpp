// The JSON/CSV/table edge of `klimanetze analyze`, on a hand-made result (no analysis run).
#include <gtest/gtest.h>

#include <cmath>

#include "cli/output.hpp"

namespace kn::cli {
namespace {

app::AnalysisResult small_result(bool with_groups) {
  app::AnalysisResult r;
  r.actor_ids = {"a", "Bürgerverein Süd"};
  r.actor_names = r.actor_ids;
  const auto& keys = app::actor_measure_keys();
  r.values.resize(keys.size());
  r.values[2] = {1.5, 0.0};                  // betweenness
  r.values[3] = {0.5, std::nan("")};         // closeness: undefined for the sink
  r.computed = {"betweenness", "closeness", "network"};
  r.brokerage_requested = true;
  app::NetworkSummary s;
  s.descriptive.actors = 2;
  s.descriptive.ties = 1;
  s.descriptive.density = 0.5;
  s.descriptive.reciprocity = 0.0;
  s.descriptive.transitivity = std::nan("");
  s.descriptive.diameter = 1;
  s.descriptive.mean_distance = 1;
  s.weak_components = 1;
  s.strong_components = 2;
  if (with_groups) {
    r.group_attribute = "sector";
    r.actor_groups = {"politik", "zivilgesellschaft"};
    r.groups = {{"politik", 1, 1.0}, {"zivilgesellschaft", 1, 1.0}};
    r.mixing_groups = {"politik", "zivilgesellschaft"};
    r.mixing = {{0, 1}, {0, 0}};
    s.ei_index = 1.0;
    s.assortativity = -1.0;
    r.brokerage = {{0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}};
    r.computed.insert("brokerage");
  }
  r.network = s;
  return r;
}

TEST(Output, JsonUsesNullNeverNaN) {
  const auto j = to_json(small_result(false));
  EXPECT_TRUE(j["network"]["transitivity"].is_null());
  EXPECT_TRUE(j["actors"][1]["closeness"].is_null());
  EXPECT_DOUBLE_EQ(j["actors"][0]["closeness"].get<double>(), 0.5);
  EXPECT_EQ(j["actors"][1]["id"], "Bürgerverein Süd");
  const std::string text = j.dump();
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("nan"), std::string::npos);
}

TEST(Output, JsonWithoutGroupsHasNullGroupFields) {
  const auto j = to_json(small_result(false));
  EXPECT_TRUE(j["network"]["ei_index"].is_null());
  EXPECT_TRUE(j["network"]["assortativity"].is_null());
  EXPECT_TRUE(j["groups"].is_array());
  EXPECT_TRUE(j["groups"].empty());
  EXPECT_TRUE(j["actors"][0]["brokerage"].is_null());
  EXPECT_FALSE(j["actors"][0].contains("pagerank"));  // not requested
}

TEST(Output, JsonWithGroups) {
  const auto j = to_json(small_result(true));
  EXPECT_EQ(j["groups"].size(), 2U);
  EXPECT_EQ(j["groups"][0]["name"], "politik");
  EXPECT_EQ(j["mixing"]["ties"][0][1].get<double>(), 1.0);
  EXPECT_EQ(j["actors"][0]["brokerage"]["liaison"].get<double>(), 0.0);
  EXPECT_EQ(j["network"]["strong_components"], 2);
}

TEST(Output, CsvHasOneRowPerActorAndEmptyForUndefined) {
  const std::string csv = to_csv(small_result(false));
  EXPECT_EQ(csv, "id,betweenness,closeness\na,1.5,0.5\nBürgerverein Süd,0,\n");
}

TEST(Output, TableIsAlignedAndLocalised) {
  TableOptions o;
  o.lang = app::Lang::De;
  const std::string de = to_table(small_result(true), o);
  EXPECT_NE(de.find("Reziprozität"), std::string::npos);
  EXPECT_NE(de.find("Zivilgesellschaft"), std::string::npos);
  EXPECT_NE(de.find("Bürgerverein Süd"), std::string::npos);
  o.lang = app::Lang::En;
  const std::string en = to_table(small_result(true), o);
  EXPECT_NE(en.find("Reciprocity"), std::string::npos);
  EXPECT_NE(en.find("Civil society"), std::string::npos);
  // The top actor (highest betweenness) comes first.
  EXPECT_LT(en.find("  1  a"), en.find("Bürgerverein Süd  "));
}

TEST(Output, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(display_width("abc"), 3U);
  EXPECT_EQ(display_width("Größe"), 5U);
  EXPECT_EQ(display_width("–"), 1U);
}

}  // namespace
}  // namespace kn::cli
