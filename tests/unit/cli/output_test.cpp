// The JSON/CSV/table edge of `klimanetze analyze`, on a hand-made result (no analysis run).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "cli/output.hpp"

namespace kn::cli {
namespace {

app::AnalysisResult small_result(bool with_groups) {
  app::AnalysisResult r;
  r.actor_ids = {"a", "Bürgerverein Süd"};
  r.actor_names = r.actor_ids;
  const auto& keys = app::actor_measure_keys();
  r.values.resize(keys.size());
  r.values[2] = {1.5, 0.0};           // betweenness
  r.values[3] = {0.5, std::nan("")};  // closeness: undefined for the sink
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

namespace kn::cli {
namespace {

TEST(JsonOutput, NumbersRoundTripExactlyAndTextIsValidJson) {
  app::AnalysisResult r = small_result(true);
  const std::vector<double> tricky{0.1,    1e-300, 3.0,       123456789012345678.0,
                                   2.5e-7, -0.0,   1.0 / 3.0, 5e300};
  r.actor_ids.clear();
  for (std::size_t i = 0; i < tricky.size(); ++i)
    r.actor_ids.push_back("a" + std::to_string(i));
  r.actor_ids[1] = "Tab\tQuote\"Backslash\\Zeile\nÄ";
  r.actor_ids[2] = std::string("bad\xff utf8");
  r.values[2] = tricky;                                            // betweenness
  r.values[3] = std::vector<double>(tricky.size(), std::nan(""));  // closeness: all null
  r.brokerage.assign(tricky.size(), {1, 2, 3, 4, 5, 15});
  r.brokerage_z.assign(tricky.size(), {0.5, -1.25, std::nan(""), 0, 0, 2});
  r.brokerage_total = {8, 16, 24, 32, 40, 120};
  const std::string text = write_json(r);
  const auto j = nlohmann::json::parse(text);  // throws if the text is not valid JSON
  ASSERT_EQ(j.at("actors").size(), tricky.size());
  for (std::size_t i = 0; i < tricky.size(); ++i) {
    const auto& a = j.at("actors")[i];
    const double got = a.at("betweenness").get<double>();
    EXPECT_EQ(std::memcmp(&got, &tricky[i], sizeof got), 0) << i << ": " << got;
    EXPECT_TRUE(a.at("betweenness").is_number_float()) << i;  // 3.0 stays a float, as nlohmann
    EXPECT_TRUE(a.at("closeness").is_null());
    EXPECT_EQ(a.at("brokerage").at("total").get<double>(), 15.0);
    EXPECT_EQ(a.at("brokerage_z").at("itinerant").get<double>(), -1.25);
    EXPECT_TRUE(a.at("brokerage_z").at("representative").is_null());
  }
  EXPECT_EQ(j.at("actors")[1].at("id"), "Tab\tQuote\"Backslash\\Zeile\nÄ");
  EXPECT_EQ(j.at("actors")[2].at("id"), "bad\xEF\xBF\xBD utf8");  // U+FFFD
  EXPECT_EQ(j.at("brokerage").at("raw").at("total").get<double>(), 120.0);
  // Key order of the contract.
  std::vector<std::string> top;
  const auto ordered = nlohmann::ordered_json::parse(text);
  for (const auto& [key, value] : ordered.items())
    top.push_back(key);
  EXPECT_EQ(top, (std::vector<std::string>{"network", "actors", "groups", "brokerage", "mixing"}));
  EXPECT_EQ(text.find("NaN"), std::string::npos);
}

TEST(JsonOutput, EmptyNetwork) {
  app::AnalysisResult r;
  r.values.resize(app::actor_measure_keys().size());
  const auto j = nlohmann::ordered_json::parse(write_json(r));
  EXPECT_TRUE(j.at("network").is_null());
  EXPECT_TRUE(j.at("actors").is_array());
  EXPECT_TRUE(j.at("actors").empty());
  EXPECT_TRUE(j.at("groups").empty());
  EXPECT_TRUE(j.at("mixing").is_null());
}

}  // namespace
}  // namespace kn::cli
