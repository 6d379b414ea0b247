// GraphML reader and writer: hand-written inputs with exact expectations, writer output, errors.
#include <gtest/gtest.h>

#include <string>

#include "core/io/graphml.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::read_graphml;
using io::write_graphml;

constexpr const char* kGraphml = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
         xmlns:kn="urn:klimanetze:graphml" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="d0" for="node" attr.name="name" attr.type="string"/>
  <key id="d1" for="node" attr.name="staff" attr.type="int"/>
  <key id="d2" for="node" attr.name="active" attr.type="boolean"/>
  <key id="d3" for="node" attr.name="fields" attr.type="string" kn:type="list"/>
  <key id="d4" for="node" attr.name="sector" attr.type="string"><default>Verwaltung</default></key>
  <key id="d5" for="edge" attr.name="weight" attr.type="double"/>
  <key id="d6" for="edge" attr.name="relation" attr.type="string"/>
  <key id="d7" for="edge" attr.name="wave" attr.type="string"/>
  <key id="d8" for="edge" attr.name="quality" attr.type="string"/>
  <key id="d9" for="graph" attr.name="title" attr.type="string"/>
  <key id="d10" for="node"/>
  <graph id="G" edgedefault="undirected">
    <data key="d9">Netz Süd</data>
    <node id="a"><data key="d0">Stadtwerke</data><data key="d1">12</data>
      <data key="d2">TRUE</data><data key="d3">Energie|Wärme</data><data key="d4">Wirtschaft</data>
      <data key="d10">frei</data>
    </node>
    <node id="b"><data key="d2">0</data><data key="d3"></data>
      <port name="p1"/><y:ShapeNode/></node>
    <node id="c"/>
    <edge id="e1" source="a" target="b"><data key="d5">2.5</data><data key="d6">zusammenarbeit</data>
      <data key="d7">2024</data><data key="d8">gut</data></edge>
    <edge source="b" target="c" directed="false"><data key="d6">information</data></edge>
    <edge source="c" target="c"><data key="d5">-1</data></edge>
  </graph>
</graphml>
)";

TEST(GraphmlRead, HandWrittenFileExactly) {
  const Network net = read_graphml(kGraphml, "netz.graphml");
  EXPECT_FALSE(net.directed);
  EXPECT_EQ(net.title, "Netz Süd");
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"a", "b", "c"}));
  // types: int -> Number, boolean -> String "true"/"false", kn:type list -> List
  ASSERT_NE(net.actor_attrs().find("staff"), nullptr);
  EXPECT_EQ(net.actor_attrs().find("staff")->type, AttrType::Number);
  EXPECT_EQ(net.actor_attrs().find("active")->type, AttrType::String);
  EXPECT_EQ(net.actor_attrs().find("fields")->type, AttrType::List);
  EXPECT_EQ(net.actor_attr(0, "name"), Value{std::string("Stadtwerke")});
  EXPECT_TRUE(is_missing(net.actor_attr(1, "name")));
  EXPECT_EQ(net.actor_attr(0, "staff"), Value{12.0});
  EXPECT_EQ(net.actor_attr(0, "active"), Value{std::string("true")});
  EXPECT_EQ(net.actor_attr(1, "active"), Value{std::string("false")});
  EXPECT_EQ(net.actor_attr(0, "fields"), (Value{std::vector<std::string>{"Energie", "Wärme"}}));
  EXPECT_EQ(net.actor_attr(1, "fields"), (Value{std::vector<std::string>{}}));
  EXPECT_TRUE(is_missing(net.actor_attr(2, "fields")));
  // <default> applies where the node has no <data>
  EXPECT_EQ(net.actor_attr(0, "sector"), Value{std::string("Wirtschaft")});
  EXPECT_EQ(net.actor_attr(1, "sector"), Value{std::string("Verwaltung")});
  EXPECT_EQ(net.actor_attr(2, "sector"), Value{std::string("Verwaltung")});
  // a key without attr.name is named by its id, without attr.type it is a string
  EXPECT_EQ(net.actor_attr(0, "d10"), Value{std::string("frei")});
  // relations and waves in order of appearance; "" for edges without
  ASSERT_EQ(net.relations().size(), 3U);
  EXPECT_EQ(net.relations()[0].name, "zusammenarbeit");
  EXPECT_EQ(net.relations()[1].name, "information");
  EXPECT_EQ(net.relations()[2].name, "");
  ASSERT_EQ(net.waves().size(), 2U);
  EXPECT_EQ(net.waves()[0].name, "2024");
  EXPECT_EQ(net.waves()[1].name, "");
  ASSERT_EQ(net.tie_count(), 3U);
  EXPECT_EQ(net.tie_source(0), 0U);
  EXPECT_EQ(net.tie_target(0), 1U);
  EXPECT_EQ(net.tie_relation(0), 0U);
  EXPECT_EQ(net.tie_wave(0), 0U);
  EXPECT_EQ(net.tie_relation(1), 1U);
  EXPECT_EQ(net.tie_wave(1), 1U);
  EXPECT_EQ(net.tie_source(2), 2U);  // loop kept
  EXPECT_EQ(net.tie_target(2), 2U);
  EXPECT_EQ(net.tie_attr(0, "weight"), Value{2.5});
  EXPECT_TRUE(is_missing(net.tie_attr(1, "weight")));
  EXPECT_EQ(net.tie_attr(2, "weight"), Value{-1.0});
  EXPECT_EQ(net.tie_attr(0, "quality"), Value{std::string("gut")});
  // relation and wave are not tie attributes
  EXPECT_EQ(net.tie_attrs().find("relation"), nullptr);
  EXPECT_EQ(net.tie_attrs().find("wave"), nullptr);
  EXPECT_EQ(net.tie_attrs().columns().size(), 2U);
}

TEST(GraphmlRead, DirectedByDefaultMultiEdgesAndCdata) {
  const Network net = read_graphml(R"(<graphml><key id="k" for="edge" attr.name="note"/>
<graph><node id="x"/><node id="y"/>
<edge source="x" target="y"><data key="k"><![CDATA[a < b & c]]></data></edge>
<edge source="x" target="y" directed="true"/></graph></graphml>)",
                                   "m.graphml");
  EXPECT_TRUE(net.directed);
  ASSERT_EQ(net.tie_count(), 2U);
  EXPECT_EQ(net.tie_attr(0, "note"), Value{std::string("a < b & c")});
  EXPECT_TRUE(is_missing(net.tie_attr(1, "note")));
  ASSERT_EQ(net.relations().size(), 1U);
  EXPECT_EQ(net.relations()[0].name, "");
}

TEST(GraphmlRead, DegenerateInputs) {
  // graph without nodes
  const Network empty = read_graphml("<graphml><graph edgedefault=\"directed\"/></graphml>", "e");
  EXPECT_EQ(empty.actor_count(), 0U);
  EXPECT_EQ(empty.tie_count(), 0U);
  // one node, keys only
  const Network one = read_graphml(
      "<graphml><key id=\"s\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>"
      "<graph><node id=\"only\"/></graph></graphml>",
      "one.graphml");
  EXPECT_EQ(one.actor_ids(), (std::vector<std::string>{"only"}));
  ASSERT_NE(one.actor_attrs().find("size"), nullptr);  // declared column kept, value missing
  EXPECT_EQ(one.actor_attrs().find("size")->type, AttrType::Number);
  EXPECT_TRUE(is_missing(one.actor_attr(0, "size")));
  // only the first <graph> is read
  const Network first = read_graphml(
      "<graphml><graph><node id=\"a\"/></graph><graph><node id=\"b\"/></graph></graphml>", "f");
  EXPECT_EQ(first.actor_ids(), (std::vector<std::string>{"a"}));
}

TEST(GraphmlWrite, WritesTypedKeysAndOmitsMissingValues) {
  Network net;
  net.directed = false;
  net.title = "T & <U>";
  net.add_actor("a");
  net.add_actor("b");
  net.set_actor_attr(0, "size", 3.0);
  net.set_actor_attr(1, "tags", std::vector<std::string>{"x", "y"});
  const TieIndex t = net.add_tie(0, 1, net.relation("info"), net.wave("w1"));
  net.set_tie_attr(t, "weight", 0.5);
  const std::string out = write_graphml(net);
  EXPECT_NE(out.find("edgedefault=\"undirected\""), std::string::npos) << out;
  EXPECT_NE(out.find("attr.name=\"size\" attr.type=\"double\""), std::string::npos) << out;
  EXPECT_NE(out.find("attr.name=\"tags\" attr.type=\"string\" kn:type=\"list\""), std::string::npos)
      << out;
  EXPECT_NE(out.find("attr.name=\"relation\""), std::string::npos) << out;
  EXPECT_NE(out.find("attr.name=\"wave\""), std::string::npos) << out;
  EXPECT_NE(out.find(">x|y<"), std::string::npos) << out;
  EXPECT_NE(out.find("T &amp; &lt;U&gt;"), std::string::npos) << out;
  // a's tags and b's size are missing: exactly two node <data> elements
  std::size_t nodes_data = 0;
  for (std::size_t p = out.find("<data key=\"n"); p != std::string::npos;
       p = out.find("<data key=\"n", p + 1)) {
    ++nodes_data;
  }
  EXPECT_EQ(nodes_data, 2U);
  // no relation/wave keys when every name is ""
  Network plain;
  plain.add_actor("a");
  plain.add_tie(0, 0);
  const std::string p = write_graphml(plain);
  EXPECT_EQ(p.find("relation"), std::string::npos) << p;
  EXPECT_EQ(p.find("wave"), std::string::npos) << p;
}

TEST(GraphmlWrite, TieAttributesNamedRelationOrWaveAreDropped) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  const TieIndex t = net.add_tie(0, 1, net.relation("r"));
  net.set_tie_attr(t, "relation", std::string("shadow"));
  net.set_tie_attr(t, "wave", std::string("shadow"));
  net.set_tie_attr(t, "weight", 1.0);
  const Network back = read_graphml(write_graphml(net), "t.graphml");
  EXPECT_EQ(back.relations()[back.tie_relation(0)].name, "r");
  EXPECT_EQ(back.tie_attrs().find("relation"), nullptr);
  EXPECT_EQ(back.tie_attrs().find("wave"), nullptr);
  EXPECT_EQ(back.tie_attr(0, "weight"), Value{1.0});
}

// --- bad input ---------------------------------------------------------------------------------

struct Bad {
  const char* name;
  const char* text;
  const char* location;
  const char* field;
};

class GraphmlBad : public ::testing::TestWithParam<Bad> {};

TEST_P(GraphmlBad, NamesFileLocationAndField) {
  const Bad& b = GetParam();
  const ParseError e = parse_error_of([&] { (void)read_graphml(b.text, "bad.graphml"); });
  expect_names(e, "bad.graphml", b.location, b.field);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, GraphmlBad,
    ::testing::Values(
        Bad{"empty_file", "", "line 1", ""},
        Bad{"malformed_xml", "<graphml>\n<graph>\n<node id=\"a\">\n</graph></graphml>", "line 4",
            ""},
        Bad{"wrong_root", "\n<gexf/>", "line 2, element <gexf>", ""},
        Bad{"no_graph", "<graphml>\n<key id=\"k\"/>\n</graphml>", "line 1, element <graphml>", ""},
        Bad{"unknown_source",
            "<graphml><graph>\n<node id=\"a\"/>\n<edge id=\"e1\" source=\"zz\" target=\"a\"/>"
            "</graph></graphml>",
            "line 3, element <edge id=\"e1\">", "source"},
        Bad{"missing_target",
            "<graphml><graph>\n<node id=\"a\"/>\n\n<edge source=\"a\"/></graph></graphml>",
            "line 4, element <edge>", "target"},
        Bad{"duplicate_node",
            "<graphml><graph>\n<node id=\"a\"/>\n<node id=\"a\"/></graph></graphml>",
            "line 3, element <node id=\"a\">", "id"},
        Bad{"node_without_id", "<graphml><graph>\n<node/></graph></graphml>", "line 2", "id"},
        Bad{"bad_number",
            "<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
            "<graph><node id=\"a\"/>\n<edge source=\"a\" target=\"a\">\n"
            "<data key=\"w\">zwei</data></edge></graph></graphml>",
            "line 4, element <data>", "weight"},
        Bad{"bad_boolean",
            "<graphml><key id=\"b\" for=\"node\" attr.name=\"active\" attr.type=\"boolean\"/>\n"
            "<graph><node id=\"a\"><data key=\"b\">vielleicht</data></node></graph></graphml>",
            "line 2", "active"},
        Bad{"bad_default",
            "<graphml><key id=\"s\" for=\"node\" attr.name=\"staff\" attr.type=\"int\">"
            "<default>x</default></key>\n<graph>\n<node id=\"a\"/></graph></graphml>",
            "line 3, element <node id=\"a\">", "staff"},
        Bad{"undeclared_key",
            "<graphml><graph>\n<node id=\"a\">\n<data key=\"nope\">1</data></node></graph>"
            "</graphml>",
            "line 3", "key"},
        Bad{"key_for_wrong_domain",
            "<graphml><key id=\"k\" for=\"edge\" attr.name=\"q\"/><graph>\n<node id=\"a\">"
            "<data key=\"k\">1</data></node></graph></graphml>",
            "line 2", "key"},
        Bad{"duplicate_data",
            "<graphml><key id=\"k\" for=\"node\" attr.name=\"q\"/><graph>\n<node id=\"a\">"
            "<data key=\"k\">1</data><data key=\"k\">2</data></node></graph></graphml>",
            "line 2", "q"},
        Bad{"unknown_type",
            "<graphml>\n<key id=\"k\" attr.name=\"q\" attr.type=\"complex\"/>"
            "<graph/></graphml>",
            "line 2, element <key id=\"k\">", "attr.type"},
        Bad{"duplicate_key_id",
            "<graphml><key id=\"k\" attr.name=\"a\"/>\n<key id=\"k\" attr.name=\"b\"/><graph/>"
            "</graphml>",
            "line 2", "id"},
        Bad{"duplicate_attr_name",
            "<graphml><key id=\"k1\" for=\"node\" attr.name=\"a\"/>\n"
            "<key id=\"k2\" for=\"node\" attr.name=\"a\"/><graph/></graphml>",
            "line 2, element <key id=\"k2\">", "attr.name"},
        Bad{"bad_edgedefault", "<graphml>\n<graph edgedefault=\"both\"/></graphml>", "line 2",
            "edgedefault"},
        Bad{"mixed_direction",
            "<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/>\n"
            "<edge id=\"x\" source=\"a\" target=\"a\" directed=\"true\"/></graph></graphml>",
            "line 2, element <edge id=\"x\">", "directed"},
        Bad{"hyperedge",
            "<graphml><graph><node id=\"a\"/>\n<hyperedge><endpoint node=\"a\"/></hyperedge>"
            "</graph></graphml>",
            "line 2, element <hyperedge>", ""},
        Bad{"nested_graph",
            "<graphml><graph><node id=\"a\">\n<graph id=\"inner\"/></node></graph></graphml>",
            "line 2, element <graph id=\"inner\">", ""}),
    [](const ::testing::TestParamInfo<Bad>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace kn::iotest
