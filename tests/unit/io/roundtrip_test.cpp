// Round trips: the rich network written by every writer and read back by every reader (text
// functions and read_network/write_network on temp files), exactly what each format holds kept
// and what it drops asserted; and every format pair A -> B -> A.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/io/csv.hpp"
#include "core/io/format.hpp"
#include "core/io/gexf.hpp"
#include "core/io/graphml.hpp"
#include "core/io/json_format.hpp"
#include "core/io/pajek.hpp"
#include "core/io/ucinet_dl.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

struct Fmt {
  std::string key;  ///< also the file extension (except "dl-edgelist")
  Caps caps;
  std::function<Network(const Network&)> text_round_trip;
};

const std::vector<Fmt>& formats() {
  static const std::vector<Fmt> all = {
      {"json", json_caps(),
       [](const Network& n) { return io::read_json(io::write_json(n), "t.json"); }},
      {"graphml", graphml_caps(),
       [](const Network& n) { return io::read_graphml(io::write_graphml(n), "t.graphml"); }},
      {"gexf", gexf_caps(),
       [](const Network& n) { return io::read_gexf(io::write_gexf(n), "t.gexf"); }},
      {"csv", csv_caps(),
       [](const Network& n) {
         return io::read_csv(io::write_ties_csv(n), "t.csv", io::write_actors_csv(n),
                             "t.actors.csv");
       }},
      {"net", pajek_caps(false),
       [](const Network& n) { return io::read_pajek(io::write_pajek(n, false), "t.net"); }},
      {"paj", pajek_caps(true),
       [](const Network& n) { return io::read_pajek(io::write_pajek(n, true), "t.paj"); }},
      {"dl", dl_caps(),
       [](const Network& n) { return io::read_ucinet_dl(io::write_ucinet_dl(n), "t.dl"); }},
      {"dl-edgelist", dl_caps(),
       [](const Network& n) { return io::read_ucinet_dl(io::write_ucinet_dl(n, 0), "t.dl"); }},
  };
  return all;
}

const Fmt& fmt(const std::string& key) {
  for (const auto& f : formats()) {
    if (f.key == key) return f;
  }
  throw std::logic_error("no format " + key);
}

Network file_round_trip(const Network& n, const std::string& ext) {
  TempDir dir;
  const auto path = dir / ("netz." + ext);
  io::write_network(n, path);
  return io::read_network(path);
}

class RoundTrip : public ::testing::TestWithParam<std::tuple<std::string, bool>> {};

TEST_P(RoundTrip, KeepsExactlyWhatTheFormatHolds) {
  const auto& [key, directed] = GetParam();
  const Fmt& f = fmt(key);
  const Network original = rich_network(directed);
  const Network back = f.text_round_trip(original);
  EXPECT_EQ(canon(back, f.caps), canon(original, f.caps));
  // A second trip changes nothing more (the format is a fixed point after one trip).
  EXPECT_EQ(canon(f.text_round_trip(back), json_caps()), canon(back, json_caps()));
  if (key != "dl-edgelist") {
    const Network via_file = file_round_trip(original, key);
    EXPECT_EQ(canon(via_file, json_caps()), canon(back, json_caps()))
        << "read_network/write_network differ from the text functions";
  }
}

TEST_P(RoundTrip, DropsWhatTheFormatCannotHold) {
  const auto& [key, directed] = GetParam();
  const Fmt& f = fmt(key);
  const Network back = f.text_round_trip(rich_network(directed));
  ASSERT_EQ(back.actor_count(), 8U);
  ASSERT_EQ(back.tie_count(), 10U);
  if (!f.caps.affiliations) {
    EXPECT_TRUE(back.affiliations().empty());
  }
  if (!f.caps.title) {
    EXPECT_EQ(back.title, "");
  }
  if (!f.caps.directed) {
    EXPECT_TRUE(back.directed);  // DL has no direction flag: directed
  }
  if (!f.caps.waves) {
    ASSERT_EQ(back.waves().size(), 1U);
    EXPECT_EQ(back.waves()[0].name, "");
  } else if (!f.caps.unused_waves) {
    EXPECT_FALSE(back.find_wave("leer").has_value());
    EXPECT_EQ(back.waves().size(), 2U);
  }
  if (!f.caps.unused_relations) {
    EXPECT_FALSE(back.find_relation("ungenutzt").has_value());
    EXPECT_EQ(back.relations().size(), 3U);
  } else {
    EXPECT_TRUE(back.find_relation("ungenutzt").has_value());
  }
  if (!f.caps.tie_attrs) {
    ASSERT_EQ(back.tie_attrs().columns().size(), 1U);
    EXPECT_EQ(back.tie_attrs().columns()[0].name, "weight");
  }
  if (!f.caps.string_attrs) {
    EXPECT_EQ(back.actor_attrs().find("name"), nullptr);
  }
  if (!f.caps.list_attrs) {
    EXPECT_EQ(back.actor_attrs().find("fields"), nullptr);
  }
  if (!f.caps.number_attrs) {
    EXPECT_EQ(back.actor_attrs().find("budget"), nullptr);
  }
  if (f.caps.complete_number_attrs && !f.caps.number_attrs) {
    // .paj: only the complete Number columns, as *Partition / *Vector.
    ASSERT_EQ(back.actor_attrs().columns().size(), 2U);
    EXPECT_EQ(back.actor_attrs().find("staff")->type, AttrType::Number);
    EXPECT_EQ(back.actor_attrs().find("score")->type, AttrType::Number);
  }
  if (!f.caps.complete_number_attrs) {
    EXPECT_TRUE(back.actor_attrs().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats, RoundTrip,
                         ::testing::Combine(::testing::Values("json", "graphml", "gexf", "csv",
                                                              "net", "paj", "dl", "dl-edgelist"),
                                            ::testing::Bool()),
                         [](const ::testing::TestParamInfo<RoundTrip::ParamType>& p) {
                           std::string name = std::get<0>(p.param);
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name + (std::get<1>(p.param) ? "_directed" : "_undirected");
                         });

// A -> B -> A: read A, write B, read B, compare what both can hold; then back to A.
class FormatPair : public ::testing::TestWithParam<std::tuple<std::string, std::string, bool>> {};

TEST_P(FormatPair, KeepsWhatBothHold) {
  const auto& [a_key, b_key, directed] = GetParam();
  const Fmt& a = fmt(a_key);
  const Fmt& b = fmt(b_key);
  const Caps both = a.caps & b.caps;
  const Network in_a = file_round_trip(rich_network(directed), a_key);
  const Network in_b = file_round_trip(in_a, b_key);
  EXPECT_EQ(canon(in_b, both), canon(in_a, both));
  const Network back_in_a = file_round_trip(in_b, a_key);
  EXPECT_EQ(canon(back_in_a, both), canon(in_a, both));
  // What A holds and B does not is gone after the detour, what both hold is still there.
  EXPECT_EQ(canon(back_in_a, both), canon(rich_network(directed), both));
}

std::vector<std::string> file_formats() {
  return {"json", "graphml", "gexf", "csv", "net", "paj", "dl"};
}

INSTANTIATE_TEST_SUITE_P(AllPairs, FormatPair,
                         ::testing::Combine(::testing::ValuesIn(file_formats()),
                                            ::testing::ValuesIn(file_formats()), ::testing::Bool()),
                         [](const ::testing::TestParamInfo<FormatPair::ParamType>& p) {
                           return std::get<0>(p.param) + "_to_" + std::get<1>(p.param) +
                                  (std::get<2>(p.param) ? "_directed" : "_undirected");
                         });

// --- things the rich network does not exercise ------------------------------------------------

TEST(RoundTripDetails, JsonKeepsAffiliationsNonFiniteNumbersAndEmptyColumns) {
  Network net = rich_network(true);
  net.set_actor_attr(0, "ratio", std::numeric_limits<double>::quiet_NaN());
  net.set_actor_attr(1, "ratio", std::numeric_limits<double>::infinity());
  net.set_actor_attr(2, "ratio", -std::numeric_limits<double>::infinity());
  net.actor_attrs().column("declared_but_empty", AttrType::Number, net.actor_count());
  net.tie_attrs().column("frequency", AttrType::List, net.tie_count());
  const Network back = io::read_json(io::write_json(net), "t.json");
  EXPECT_EQ(canon(back, json_caps()), canon(net, json_caps()));
  ASSERT_NE(back.actor_attrs().find("declared_but_empty"), nullptr);
  EXPECT_EQ(back.actor_attrs().find("declared_but_empty")->type, AttrType::Number);
  ASSERT_NE(back.tie_attrs().find("frequency"), nullptr);
  EXPECT_EQ(back.tie_attrs().find("frequency")->type, AttrType::List);
  EXPECT_TRUE(std::isnan(std::get<double>(back.actor_attr(0, "ratio"))));
  EXPECT_EQ(std::get<double>(back.actor_attr(1, "ratio")), std::numeric_limits<double>::infinity());
  ASSERT_EQ(back.affiliations().size(), 2U);
  const Affiliation& field = back.affiliations()[0];
  EXPECT_EQ(field.name, "field");
  EXPECT_EQ(field.items, (std::vector<std::string>{"Energie", "Bildung", "Wärme"}));
  EXPECT_EQ(field.actor, (std::vector<ActorIndex>{0, 1, 0}));
  EXPECT_EQ(field.item, (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(std::get<std::string>(field.attrs.get("role", 0)), "Leitung");
  EXPECT_TRUE(is_missing(field.attrs.get("role", 1)));
  EXPECT_EQ(back.affiliations()[1].items, (std::vector<std::string>{"Runder Tisch Ενέργεια"}));
}

TEST(RoundTripDetails, XmlFormatsKeepDeclaredEmptyColumnsCsvDropsThem) {
  Network net = rich_network(true);
  net.actor_attrs().column("declared_but_empty", AttrType::Number, net.actor_count());
  net.tie_attrs().column("frequency", AttrType::String, net.tie_count());
  const Network g = io::read_graphml(io::write_graphml(net), "t.graphml");
  ASSERT_NE(g.actor_attrs().find("declared_but_empty"), nullptr);
  EXPECT_EQ(g.actor_attrs().find("declared_but_empty")->type, AttrType::Number);
  ASSERT_NE(g.tie_attrs().find("frequency"), nullptr);
  const Network x = io::read_gexf(io::write_gexf(net), "t.gexf");
  ASSERT_NE(x.actor_attrs().find("declared_but_empty"), nullptr);
  ASSERT_NE(x.tie_attrs().find("frequency"), nullptr);
  const Network c =
      io::read_csv(io::write_ties_csv(net), "t.csv", io::write_actors_csv(net), "t.actors.csv");
  EXPECT_EQ(c.actor_attrs().find("declared_but_empty"), nullptr);
  EXPECT_EQ(c.tie_attrs().find("frequency"), nullptr);
}

TEST(RoundTripDetails, UndirectedNetworkWithoutTies) {
  Network net;
  net.directed = false;
  net.add_actor("a");
  net.add_actor("b");
  EXPECT_FALSE(io::read_json(io::write_json(net), "t.json").directed);
  EXPECT_FALSE(io::read_graphml(io::write_graphml(net), "t.graphml").directed);
  EXPECT_FALSE(io::read_gexf(io::write_gexf(net), "t.gexf").directed);
  // CSV writes `directed` only with ties, Pajek writes no *Edges header without relations:
  // a tie-less undirected network comes back directed.
  EXPECT_TRUE(
      io::read_csv(io::write_ties_csv(net), "t.csv", io::write_actors_csv(net), "a.csv").directed);
  EXPECT_TRUE(io::read_pajek(io::write_pajek(net), "t.net").directed);
  for (const auto& f : formats()) {
    const Network back = f.text_round_trip(net);
    EXPECT_EQ(back.actor_ids(), (std::vector<std::string>{"a", "b"})) << f.key;
    EXPECT_EQ(back.tie_count(), 0U) << f.key;
  }
}

TEST(RoundTripDetails, EmptyNetworkEveryFormat) {
  const Network net;
  for (const auto& f : formats()) {
    const Network back = f.text_round_trip(net);
    EXPECT_EQ(back.actor_count(), 0U) << f.key;
    EXPECT_EQ(back.tie_count(), 0U) << f.key;
    EXPECT_TRUE(back.directed) << f.key;
  }
}

TEST(RoundTripDetails, MultiTiesAndLoops) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.add_tie(0, 1);
  net.add_tie(0, 1);
  net.add_tie(1, 1);
  for (const std::string key : {"json", "graphml", "gexf", "csv", "net", "paj"}) {
    const Network back = fmt(key).text_round_trip(net);
    ASSERT_EQ(back.tie_count(), 3U) << key;
    EXPECT_EQ(back.tie_source(2), 1U) << key;
    EXPECT_EQ(back.tie_target(2), 1U) << key;
    EXPECT_TRUE(back.tie_attrs().empty()) << key;
  }
  // UCINET DL: one cell per pair and relation; multi-ties merge into a count `weight`.
  for (const std::string key : {"dl", "dl-edgelist"}) {
    const Network back = fmt(key).text_round_trip(net);
    if (key == "dl") {
      ASSERT_EQ(back.tie_count(), 2U);
      EXPECT_EQ(canon(back, dl_caps()),
                "actors \"a\" \"b\"\nrelations \"\"\n"
                "tie \"a\" -> \"b\" rel \"\" weight=n2\ntie \"b\" -> \"b\" rel \"\" weight=n1\n");
    } else {
      // edgelist1 keeps one line per tie.
      EXPECT_EQ(back.tie_count(), 3U);
      EXPECT_TRUE(back.tie_attrs().empty());
    }
  }
}

TEST(RoundTripDetails, MissingAndZeroWeights) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.add_actor("c");
  net.set_tie_attr(net.add_tie(0, 1), "weight", 2.0);
  net.add_tie(1, 2);  // weight missing
  net.set_tie_attr(net.add_tie(2, 0), "weight", 0.0);
  for (const std::string key : {"json", "graphml", "gexf", "csv", "net", "paj"}) {
    const Network back = fmt(key).text_round_trip(net);
    ASSERT_EQ(back.tie_count(), 3U) << key;
    EXPECT_EQ(canon(back, fmt(key).caps), canon(net, fmt(key).caps)) << key;
  }
  // DL: a missing weight is written as 1, a zero weight is no tie.
  const Network dl = fmt("dl").text_round_trip(net);
  EXPECT_EQ(canon(dl, dl_caps()),
            "actors \"a\" \"b\" \"c\"\nrelations \"\"\n"
            "tie \"a\" -> \"b\" rel \"\" weight=n2\ntie \"b\" -> \"c\" rel \"\" weight=n1\n");
}

TEST(RoundTripDetails, UnnamedRelationBesideNamedOnes) {
  // A CSV relation column with empty cells gives relation "" beside named ones.
  Network net = io::read_csv("source,target,relation\na,b,\nb,c,info\n", "t.csv");
  ASSERT_EQ(net.relations().size(), 2U);
  for (const auto& f : formats()) {
    const Network back = f.text_round_trip(net);
    EXPECT_EQ(canon(back, f.caps), canon(net, f.caps)) << f.key;
  }
}

TEST(RoundTripDetails, ListItemsAndNumbersKeepTheirText) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.set_actor_attr(0, "tags", std::vector<std::string>{"1", " x ", "ä,ö;ü", "\"q\""});
  net.set_actor_attr(1, "tags", std::vector<std::string>{"Wärme"});
  net.set_actor_attr(0, "v", 0.1);
  net.set_actor_attr(1, "v", 1e-300);
  for (const std::string key : {"json", "graphml", "gexf", "csv"}) {
    const Network back = fmt(key).text_round_trip(net);
    EXPECT_EQ(canon(back, json_caps()), canon(net, json_caps())) << key;
  }
}

}  // namespace
}  // namespace kn::iotest

namespace kn::iotest {
namespace {

std::vector<std::string> column_names(const AttrTable& table) {
  std::vector<std::string> out;
  for (const auto& col : table.columns())
    out.push_back(col.name);
  return out;
}

TEST(RoundTripDetails, AttributeColumnOrderIsKept) {
  Network net = rich_network(true);
  // more than ten columns: key/attribute ids n0 .. n11 must not be sorted as text
  for (int c = 0; c < 12; ++c) {
    net.set_actor_attr(0, "z" + std::to_string(c), static_cast<double>(c));
    net.set_tie_attr(0, "y" + std::to_string(c), std::string("v"));
  }
  const auto actor_cols = column_names(net.actor_attrs());
  const auto tie_cols = column_names(net.tie_attrs());
  for (const std::string key : {"json", "graphml", "gexf", "csv"}) {
    const Network back = fmt(key).text_round_trip(net);
    EXPECT_EQ(column_names(back.actor_attrs()), actor_cols) << key;
    if (key != "gexf") {
      EXPECT_EQ(column_names(back.tie_attrs()), tie_cols) << key;
    } else {
      // GEXF holds `weight` as the edge's weight attribute: it comes back as the last column
      std::vector<std::string> expected = tie_cols;
      expected.erase(std::find(expected.begin(), expected.end(), "weight"));
      expected.emplace_back("weight");
      EXPECT_EQ(column_names(back.tie_attrs()), expected) << key;
    }
  }
}

}  // namespace
}  // namespace kn::iotest

namespace kn::iotest {
namespace {

TEST(RoundTripDetails, ListItemsWithBarsOrEmptyItemsOnlyInJson) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.set_actor_attr(0, "tags", std::vector<std::string>{"x|y", "z"});
  net.set_actor_attr(1, "tags", std::vector<std::string>{""});
  const Network json = fmt("json").text_round_trip(net);
  EXPECT_EQ(json.actor_attr(0, "tags"), (Value{std::vector<std::string>{"x|y", "z"}}));
  EXPECT_EQ(json.actor_attr(1, "tags"), (Value{std::vector<std::string>{""}}));
  // the text formats join list items with '|' (no escaping)
  for (const std::string key : {"graphml", "gexf", "csv"}) {
    const Network back = fmt(key).text_round_trip(net);
    EXPECT_EQ(back.actor_attr(0, "tags"), (Value{std::vector<std::string>{"x", "y", "z"}})) << key;
    EXPECT_EQ(back.actor_attr(1, "tags"), (Value{std::vector<std::string>{}})) << key;
  }
}

}  // namespace
}  // namespace kn::iotest
