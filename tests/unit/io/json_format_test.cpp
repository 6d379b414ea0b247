// KlimaNetze JSON network format: hand-written document with exact expectations, writer
// output, errors with JSON paths.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "core/io/json_format.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::read_json;
using io::write_json;
using StrList = std::vector<std::string>;

constexpr const char* kJson = R"({
  "format": "klimanetze-network", "version": 1,
  "title": "Netz Ost",
  "directed": false,
  "attributes": {"actors": {"sector": "string", "size": "number", "tags": "list", "unused": "number"},
                 "ties": {"weight": "number", "note": "string"}},
  "actors": [
    {"id": "a", "attributes": {"sector": "Verwaltung", "size": 3, "tags": ["x", "y"], "extra": "frei"}},
    {"id": "b", "attributes": {"sector": null, "size": "NaN", "tags": []}},
    {"id": "c"}
  ],
  "relations": ["zusammenarbeit", "wunsch"],
  "waves": ["2023", "2024"],
  "ties": [
    {"source": "a", "target": "b", "relation": "wunsch", "wave": "2024", "attributes": {"weight": 2}},
    {"source": "b", "target": "c", "attributes": {"note": ""}},
    {"source": "c", "target": "c", "relation": "neu", "wave": "2025",
     "attributes": {"weight": "-Inf", "barriers": ["Zeit"]}}
  ],
  "affiliations": [
    {"name": "field", "items": ["energy", "unused item"],
     "attributes": {"role": "string"},
     "memberships": [{"actor": "a", "item": "energy", "attributes": {"role": "lead"}},
                     {"actor": "c", "item": "mobility"}]}
  ]
})";

TEST(JsonRead, WholeSchemaExactly) {
  const Network net = read_json(kJson, "netz.json");
  EXPECT_FALSE(net.directed);
  EXPECT_EQ(net.title, "Netz Ost");
  EXPECT_EQ(net.actor_ids(), (StrList{"a", "b", "c"}));
  EXPECT_EQ(net.actor_attrs().find("sector")->type, AttrType::String);
  EXPECT_EQ(net.actor_attrs().find("size")->type, AttrType::Number);
  EXPECT_EQ(net.actor_attrs().find("tags")->type, AttrType::List);
  ASSERT_NE(net.actor_attrs().find("unused"), nullptr);                // declared, all missing
  EXPECT_EQ(net.actor_attrs().find("extra")->type, AttrType::String);  // type from the value
  EXPECT_EQ(net.actor_attr(0, "sector"), Value{std::string("Verwaltung")});
  EXPECT_TRUE(is_missing(net.actor_attr(1, "sector")));  // null = missing
  EXPECT_EQ(net.actor_attr(0, "size"), Value{3.0});
  EXPECT_TRUE(std::isnan(std::get<double>(net.actor_attr(1, "size"))));
  EXPECT_EQ(net.actor_attr(0, "tags"), (Value{StrList{"x", "y"}}));
  EXPECT_EQ(net.actor_attr(1, "tags"), (Value{StrList{}}));
  EXPECT_TRUE(is_missing(net.actor_attr(2, "tags")));
  ASSERT_EQ(net.relations().size(), 3U);
  EXPECT_EQ(net.relations()[2].name, "neu");  // added by a tie
  ASSERT_EQ(net.waves().size(), 3U);
  EXPECT_EQ(net.waves()[2].name, "2025");
  ASSERT_EQ(net.tie_count(), 3U);
  EXPECT_EQ(net.tie_relation(0), 1U);
  EXPECT_EQ(net.tie_wave(0), 1U);
  EXPECT_EQ(net.tie_relation(1), 0U);  // default: the first relation and wave
  EXPECT_EQ(net.tie_wave(1), 0U);
  EXPECT_EQ(net.tie_attr(0, "weight"), Value{2.0});
  EXPECT_EQ(net.tie_attr(2, "weight"), Value{-std::numeric_limits<double>::infinity()});
  EXPECT_EQ(net.tie_attr(1, "note"), Value{std::string("")});
  EXPECT_EQ(net.tie_attr(2, "barriers"), (Value{StrList{"Zeit"}}));
  ASSERT_EQ(net.affiliations().size(), 1U);
  const Affiliation& aff = net.affiliations()[0];
  EXPECT_EQ(aff.name, "field");
  EXPECT_EQ(aff.items, (StrList{"energy", "unused item", "mobility"}));
  EXPECT_EQ(aff.actor, (std::vector<ActorIndex>{0, 2}));
  EXPECT_EQ(aff.item, (std::vector<std::uint32_t>{0, 2}));
  EXPECT_EQ(aff.attrs.get("role", 0), Value{std::string("lead")});
  EXPECT_TRUE(is_missing(aff.attrs.get("role", 1)));
}

TEST(JsonRead, MinimalDocumentsAndDefaults) {
  const Network empty = read_json("{}", "e.json");
  EXPECT_TRUE(empty.directed);
  EXPECT_EQ(empty.actor_count(), 0U);
  const Network one = read_json("\xEF\xBB\xBF{\"actors\": [{\"id\": \"solo\"}]}", "o.json");
  EXPECT_EQ(one.actor_ids(), (StrList{"solo"}));
  const Network ties = read_json(
      R"({"actors": [{"id": "a"}], "ties": [{"source": "a", "target": "a"},
          {"source": "a", "target": "a"}]})",
      "t.json");
  ASSERT_EQ(ties.tie_count(), 2U);  // loop and multi-tie
  ASSERT_EQ(ties.relations().size(), 1U);
  EXPECT_EQ(ties.relations()[0].name, "");
  ASSERT_EQ(ties.waves().size(), 1U);
  EXPECT_EQ(ties.waves()[0].name, "");
}

TEST(JsonWrite, SchemaOfTheOutput) {
  Network net;
  net.title = "T";
  net.add_actor("a");
  net.add_actor("b");
  net.set_actor_attr(0, "size", std::numeric_limits<double>::infinity());
  net.set_actor_attr(1, "tags", StrList{"x"});
  net.set_tie_attr(net.add_tie(0, 1, net.relation("r"), net.wave("w")), "weight", 1.5);
  net.add_membership("forum", 1, "Runder Tisch");
  const auto j = nlohmann::json::parse(write_json(net));
  EXPECT_EQ(j["format"], "klimanetze-network");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["title"], "T");
  EXPECT_EQ(j["directed"], true);
  EXPECT_EQ(j["attributes"]["actors"]["size"], "number");
  EXPECT_EQ(j["attributes"]["actors"]["tags"], "list");
  EXPECT_EQ(j["attributes"]["ties"]["weight"], "number");
  EXPECT_EQ(j["actors"][0]["id"], "a");
  EXPECT_EQ(j["actors"][0]["attributes"]["size"], "Inf");       // non-finite as a string
  EXPECT_FALSE(j["actors"][0]["attributes"].contains("tags"));  // missing values omitted
  EXPECT_EQ(j["actors"][1]["attributes"]["tags"], nlohmann::json::array({"x"}));
  EXPECT_EQ(j["relations"], nlohmann::json::array({"r"}));
  EXPECT_EQ(j["waves"], nlohmann::json::array({"w"}));
  EXPECT_EQ(j["ties"][0]["source"], "a");
  EXPECT_EQ(j["ties"][0]["relation"], "r");
  EXPECT_EQ(j["ties"][0]["wave"], "w");
  EXPECT_EQ(j["ties"][0]["attributes"]["weight"], 1.5);
  EXPECT_EQ(j["affiliations"][0]["name"], "forum");
  EXPECT_EQ(j["affiliations"][0]["items"], nlohmann::json::array({"Runder Tisch"}));
  EXPECT_EQ(j["affiliations"][0]["memberships"][0]["actor"], "b");
  EXPECT_EQ(j["affiliations"][0]["memberships"][0]["item"], "Runder Tisch");
  // no title key without a title
  net.title.clear();
  EXPECT_FALSE(nlohmann::json::parse(write_json(net)).contains("title"));
}

// --- bad input ---------------------------------------------------------------------------------

struct Bad {
  const char* name;
  const char* text;
  const char* location;
  const char* field;
};

class JsonBad : public ::testing::TestWithParam<Bad> {};

TEST_P(JsonBad, NamesFilePathAndField) {
  const Bad& b = GetParam();
  const ParseError e = parse_error_of([&] { (void)read_json(b.text, "bad.json"); });
  expect_names(e, "bad.json", b.location, b.field);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, JsonBad,
    ::testing::Values(
        Bad{"empty_file", "", "line 1", ""},
        Bad{"syntax_error", "{\n\"actors\": [\n{\"id\": \"a\",,}\n]}", "line 3", ""},
        Bad{"truncated", "{\"actors\": [\n", "line 2", ""},
        Bad{"too_deep",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]"
            "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "line 1", ""},
        Bad{"not_an_object", "[1, 2]", "$", ""},
        Bad{"wrong_format", "{\"format\": \"graphml\"}", "$", "format"},
        Bad{"wrong_version", "{\"version\": 2}", "$", "version"},
        Bad{"directed_not_bool", "{\"directed\": \"yes\"}", "$", "directed"},
        Bad{"title_not_string", "{\"title\": 5}", "$", "title"},
        Bad{"actors_not_array", "{\"actors\": {}}", "$", "actors"},
        Bad{"actor_not_object", "{\"actors\": [{\"id\": \"a\"}, 7]}", "$.actors[1]", ""},
        Bad{"actor_without_id", "{\"actors\": [{\"id\": \"a\"}, {\"name\": \"b\"}]}", "$.actors[1]",
            "id"},
        Bad{"actor_id_not_string", "{\"actors\": [{\"id\": 1}]}", "$.actors[0]", "id"},
        Bad{"empty_actor_id", "{\"actors\": [{\"id\": \"\"}]}", "$.actors[0]", "id"},
        Bad{"duplicate_actor", "{\"actors\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}", "$.actors[1]",
            "id"},
        Bad{"bad_declaration", "{\"attributes\": {\"actors\": {\"x\": \"date\"}}}",
            "$.attributes.actors", "x"},
        Bad{"declared_number_got_string",
            "{\"attributes\": {\"actors\": {\"size\": \"number\"}}, \"actors\": [{\"id\": \"a\", "
            "\"attributes\": {\"size\": \"drei\"}}]}",
            "$.actors[0].attributes", "size"},
        Bad{"declared_string_got_number",
            "{\"attributes\": {\"actors\": {\"s\": \"string\"}}, \"actors\": [{\"id\": \"a\", "
            "\"attributes\": {\"s\": 3}}]}",
            "$.actors[0].attributes", "s"},
        Bad{"type_changes_between_rows",
            "{\"actors\": [{\"id\": \"a\", \"attributes\": {\"v\": 1}}, {\"id\": \"b\", "
            "\"attributes\": {\"v\": \"x\"}}]}",
            "$.actors[1].attributes", "v"},
        Bad{"list_item_not_string",
            "{\"actors\": [{\"id\": \"a\", \"attributes\": {\"tags\": [\"x\", 2]}}]}",
            "$.actors[0].attributes.tags[1]", "tags"},
        Bad{"object_value", "{\"actors\": [{\"id\": \"a\", \"attributes\": {\"o\": {\"x\": 1}}}]}",
            "$.actors[0].attributes", "o"},
        Bad{"attributes_not_object", "{\"actors\": [{\"id\": \"a\", \"attributes\": [1]}]}",
            "$.actors[0]", "attributes"},
        Bad{"duplicate_relation", "{\"relations\": [\"r\", \"r\"]}", "$.relations[1]", ""},
        Bad{"wave_not_string", "{\"waves\": [\"w\", 3]}", "$.waves[1]", ""},
        Bad{"tie_unknown_target",
            "{\"actors\": [{\"id\": \"a\"}], \"ties\": [{\"source\": \"a\", \"target\": \"a\"}, "
            "{\"source\": \"a\", \"target\": \"zz\"}]}",
            "$.ties[1]", "target"},
        Bad{"tie_without_source",
            "{\"actors\": [{\"id\": \"a\"}], \"ties\": [{\"target\": \"a\"}]}", "$.ties[0]",
            "source"},
        Bad{"tie_relation_not_string",
            "{\"actors\": [{\"id\": \"a\"}], \"ties\": [{\"source\": \"a\", \"target\": \"a\", "
            "\"relation\": 1}]}",
            "$.ties[0]", "relation"},
        Bad{"tie_bad_attribute",
            "{\"attributes\": {\"ties\": {\"weight\": \"number\"}}, \"actors\": [{\"id\": \"a\"}], "
            "\"ties\": [{\"source\": \"a\", \"target\": \"a\", \"attributes\": {\"weight\": "
            "[1]}}]}",
            "$.ties[0].attributes", "weight"},
        Bad{"membership_unknown_actor",
            "{\"actors\": [{\"id\": \"a\"}], \"affiliations\": [{\"name\": \"f\", "
            "\"memberships\": [{\"actor\": \"b\", \"item\": \"x\"}]}]}",
            "$.affiliations[0].memberships[0]", "actor"},
        Bad{"affiliation_without_name", "{\"affiliations\": [{\"items\": []}]}",
            "$.affiliations[0]", "name"},
        Bad{"duplicate_affiliation", "{\"affiliations\": [{\"name\": \"f\"}, {\"name\": \"f\"}]}",
            "$.affiliations[1]", "name"},
        Bad{"duplicate_item", "{\"affiliations\": [{\"name\": \"f\", \"items\": [\"x\", \"x\"]}]}",
            "$.affiliations[0].items[1]", ""}),
    [](const ::testing::TestParamInfo<Bad>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace kn::iotest
