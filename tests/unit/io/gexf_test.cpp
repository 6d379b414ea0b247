// GEXF reader and writer: hand-written inputs (1.3, 1.2, 1.1) with exact expectations, writer
// output, errors.
#include <gtest/gtest.h>

#include <string>

#include "core/io/gexf.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::read_gexf;
using io::write_gexf;

constexpr const char* kGexf13 = R"(<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta><creator>Hand</creator><description>Netz Nord</description></meta>
  <graph mode="static" defaultedgetype="mutual">
    <attributes class="node">
      <attribute id="0" title="sector" type="string"><default>Verwaltung</default></attribute>
      <attribute id="1" title="staff" type="integer"/>
      <attribute id="2" title="share" type="float"/>
      <attribute id="3" title="public" type="boolean"/>
      <attribute id="4" title="fields" type="liststring"/>
      <attribute id="5" type="anyURI"/>
    </attributes>
    <attributes class="edge">
      <attribute id="q" title="quality" type="string"/>
      <attribute id="w" title="wave" type="string"/>
      <attribute id="b" title="barriers" type="liststring"/>
    </attributes>
    <nodes>
      <node id="n1" label="Stadtwerke">
        <attvalues>
          <attvalue for="0" value="Wirtschaft"/><attvalue for="1" value="120"/>
          <attvalue for="2" value="0.5"/><attvalue for="3" value="1"/>
          <attvalue for="4" value="Energie|Wärme"/><attvalue for="5" value="https://x.de"/>
        </attvalues>
      </node>
      <node id="n2" label="n2"><attvalues><attvalue for="3" value="false"/></attvalues></node>
      <node id="n3"/>
    </nodes>
    <edges>
      <edge id="0" source="n1" target="n2" weight="2.5" kind="zusammenarbeit">
        <attvalues><attvalue for="q" value="gut"/><attvalue for="w" value="2024"/>
          <attvalue for="b" value="Zeit|Geld"/></attvalues>
      </edge>
      <edge id="1" source="n2" target="n3" type="undirected"/>
      <edge id="2" source="n3" target="n3" kind="information" type="mutual">
        <attvalues><attvalue for="q" value=""/></attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
)";

TEST(GexfRead, Gexf13Exactly) {
  const Network net = read_gexf(kGexf13, "netz.gexf");
  EXPECT_FALSE(net.directed);  // mutual reads as undirected
  EXPECT_EQ(net.title, "Netz Nord");
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"n1", "n2", "n3"}));
  EXPECT_EQ(net.actor_attrs().find("staff")->type, AttrType::Number);
  EXPECT_EQ(net.actor_attrs().find("share")->type, AttrType::Number);
  EXPECT_EQ(net.actor_attrs().find("public")->type, AttrType::String);
  EXPECT_EQ(net.actor_attrs().find("fields")->type, AttrType::List);
  EXPECT_EQ(net.actor_attr(0, "sector"), Value{std::string("Wirtschaft")});
  EXPECT_EQ(net.actor_attr(1, "sector"), Value{std::string("Verwaltung")});  // default
  EXPECT_EQ(net.actor_attr(2, "sector"), Value{std::string("Verwaltung")});
  EXPECT_EQ(net.actor_attr(0, "staff"), Value{120.0});
  EXPECT_EQ(net.actor_attr(0, "share"), Value{0.5});
  EXPECT_TRUE(is_missing(net.actor_attr(1, "staff")));
  EXPECT_EQ(net.actor_attr(0, "public"), Value{std::string("true")});
  EXPECT_EQ(net.actor_attr(1, "public"), Value{std::string("false")});
  EXPECT_EQ(net.actor_attr(0, "fields"), (Value{std::vector<std::string>{"Energie", "Wärme"}}));
  EXPECT_EQ(net.actor_attr(0, "5"), Value{std::string("https://x.de")});  // id as title
  // label differing from the id -> attribute `label`; equal or absent -> missing
  EXPECT_EQ(net.actor_attr(0, "label"), Value{std::string("Stadtwerke")});
  EXPECT_TRUE(is_missing(net.actor_attr(1, "label")));
  EXPECT_TRUE(is_missing(net.actor_attr(2, "label")));
  ASSERT_EQ(net.tie_count(), 3U);
  ASSERT_EQ(net.relations().size(), 3U);
  EXPECT_EQ(net.relations()[net.tie_relation(0)].name, "zusammenarbeit");
  EXPECT_EQ(net.relations()[net.tie_relation(1)].name, "");
  EXPECT_EQ(net.relations()[net.tie_relation(2)].name, "information");
  EXPECT_EQ(net.waves()[net.tie_wave(0)].name, "2024");
  EXPECT_EQ(net.waves()[net.tie_wave(1)].name, "");
  EXPECT_EQ(net.tie_attr(0, "weight"), Value{2.5});
  EXPECT_TRUE(is_missing(net.tie_attr(1, "weight")));
  EXPECT_EQ(net.tie_attr(0, "quality"), Value{std::string("gut")});
  EXPECT_EQ(net.tie_attr(2, "quality"), Value{std::string("")});
  EXPECT_TRUE(is_missing(net.tie_attr(1, "quality")));
  EXPECT_EQ(net.tie_attr(0, "barriers"), (Value{std::vector<std::string>{"Zeit", "Geld"}}));
  EXPECT_EQ(net.tie_attrs().find("wave"), nullptr);
  EXPECT_EQ(net.tie_source(2), 2U);  // loop
  EXPECT_EQ(net.tie_target(2), 2U);
}

TEST(GexfRead, Gexf11AttvalueIdAndRelationAttvalue) {
  const Network net = read_gexf(R"(<gexf version="1.1"><graph>
<attributes class="node"><attribute id="s" title="sector" type="string"/></attributes>
<attributes class="edge"><attribute id="r" title="relation" type="string"/></attributes>
<nodes><node id="a"><attvalues><attvalue id="s" value="Politik"/></attvalues></node>
<node id="b"/></nodes>
<edges><edge source="a" target="b"><attvalues><attvalue id="r" value="wunsch"/></attvalues></edge>
<edge source="a" target="b"/></edges></graph></gexf>)",
                                "old.gexf");
  EXPECT_TRUE(net.directed);
  EXPECT_EQ(net.actor_attr(0, "sector"), Value{std::string("Politik")});
  ASSERT_EQ(net.tie_count(), 2U);  // multi-edge kept
  EXPECT_EQ(net.relations()[net.tie_relation(0)].name, "wunsch");
  EXPECT_EQ(net.relations()[net.tie_relation(1)].name, "");
  EXPECT_EQ(net.tie_attrs().find("relation"), nullptr);
}

TEST(GexfRead, DynamicSpellsIgnoredAndDeclaredLabelWins) {
  const Network net = read_gexf(R"(<gexf><graph mode="dynamic">
<attributes class="node"><attribute id="l" title="label" type="string"/>
<attribute id="v" title="v" type="double"/></attributes>
<nodes><node id="a" label="A-Label"><attvalues><attvalue for="l" value="eigenes"/>
<attvalue for="v" value="1" start="2000"/><attvalue for="v" value="2" start="2001"/></attvalues>
<spells><spell start="2000"/></spells></node></nodes><edges/></graph></gexf>)",
                                "dyn.gexf");
  EXPECT_EQ(net.actor_attr(0, "label"), Value{std::string("eigenes")});
  EXPECT_EQ(net.actor_attr(0, "v"), Value{1.0});  // first value of a dynamic attribute
}

TEST(GexfRead, DegenerateInputs) {
  const Network empty = read_gexf("<gexf><graph/></gexf>", "e.gexf");
  EXPECT_EQ(empty.actor_count(), 0U);
  EXPECT_TRUE(empty.directed);
  const Network one = read_gexf("<gexf><graph><nodes><node id=\"x\"/></nodes></graph></gexf>", "o");
  EXPECT_EQ(one.actor_ids(), (std::vector<std::string>{"x"}));
  EXPECT_TRUE(one.actor_attrs().empty());
}

TEST(GexfWrite, WeightKindWaveAndLabel) {
  Network net;
  net.title = "Titel";
  net.add_actor("a");
  net.add_actor("b");
  net.set_actor_attr(0, "label", std::string("Anzeigename"));
  net.set_actor_attr(1, "tags", std::vector<std::string>{"x", "y"});
  const TieIndex t = net.add_tie(0, 1, net.relation("info"), net.wave("w1"));
  net.set_tie_attr(t, "weight", 0.5);
  net.set_tie_attr(t, "note", std::string("n"));
  const std::string out = write_gexf(net);
  EXPECT_NE(out.find("version=\"1.3\""), std::string::npos) << out;
  EXPECT_NE(out.find("defaultedgetype=\"directed\""), std::string::npos) << out;
  EXPECT_NE(out.find("<description>Titel</description>"), std::string::npos) << out;
  EXPECT_NE(out.find("<node id=\"a\" label=\"Anzeigename\">"), std::string::npos) << out;
  EXPECT_NE(out.find("<node id=\"b\" label=\"b\">"), std::string::npos) << out;
  EXPECT_NE(out.find("type=\"liststring\""), std::string::npos) << out;
  EXPECT_NE(out.find("weight=\"0.5\""), std::string::npos) << out;
  EXPECT_NE(out.find("kind=\"info\""), std::string::npos) << out;
  EXPECT_NE(out.find("<attvalue for=\"wave\" value=\"w1\" />"), std::string::npos) << out;
  const Network back = read_gexf(out, "t.gexf");
  EXPECT_EQ(back.actor_attr(0, "label"), Value{std::string("Anzeigename")});
  EXPECT_TRUE(is_missing(back.actor_attr(1, "label")));
  EXPECT_EQ(back.tie_attr(0, "weight"), Value{0.5});
  EXPECT_EQ(back.tie_attr(0, "note"), Value{std::string("n")});
}

TEST(GexfWrite, StringWeightIsAnAttvalue) {
  Network net;
  net.add_actor("a");
  net.set_tie_attr(net.add_tie(0, 0), "weight", std::string("hoch"));
  const std::string out = write_gexf(net);
  EXPECT_EQ(out.find(" weight=\""), std::string::npos) << out;
  const Network back = read_gexf(out, "t.gexf");
  EXPECT_EQ(back.tie_attrs().find("weight")->type, AttrType::String);
  EXPECT_EQ(back.tie_attr(0, "weight"), Value{std::string("hoch")});
}

// --- bad input ---------------------------------------------------------------------------------

struct Bad {
  const char* name;
  const char* text;
  const char* location;
  const char* field;
};

class GexfBad : public ::testing::TestWithParam<Bad> {};

TEST_P(GexfBad, NamesFileLocationAndField) {
  const Bad& b = GetParam();
  const ParseError e = parse_error_of([&] { (void)read_gexf(b.text, "bad.gexf"); });
  expect_names(e, "bad.gexf", b.location, b.field);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, GexfBad,
    ::testing::Values(
        Bad{"empty_file", "", "line 1", ""},
        Bad{"malformed_xml", "<gexf>\n<graph>\n<nodes>\n</graph>", "line 4", ""},
        Bad{"wrong_root", "<graphml/>", "line 1, element <graphml>", ""},
        Bad{"no_graph", "\n\n<gexf><meta/></gexf>", "line 3, element <gexf>", ""},
        Bad{"unknown_target",
            "<gexf><graph><nodes><node id=\"a\"/></nodes>\n<edges>\n"
            "<edge id=\"7\" source=\"a\" target=\"b\"/></edges></graph></gexf>",
            "line 3, element <edge id=\"7\">", "target"},
        Bad{"missing_source",
            "<gexf><graph><nodes><node id=\"a\"/></nodes>\n<edges><edge target=\"a\"/></edges>"
            "</graph></gexf>",
            "line 2, element <edge>", "source"},
        Bad{"duplicate_node",
            "<gexf><graph><nodes>\n<node id=\"a\"/>\n<node id=\"a\"/></nodes>"
            "</graph></gexf>",
            "line 3, element <node id=\"a\">", "id"},
        Bad{"bad_weight",
            "<gexf><graph><nodes><node id=\"a\"/></nodes><edges>\n"
            "<edge id=\"e\" source=\"a\" target=\"a\" weight=\"viel\"/></edges></graph></gexf>",
            "line 2, element <edge id=\"e\">", "weight"},
        Bad{"bad_integer",
            "<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"staff\" "
            "type=\"integer\"/></attributes><nodes>\n<node id=\"a\"><attvalues>"
            "<attvalue for=\"0\" value=\"zwölf\"/></attvalues></node></nodes></graph></gexf>",
            "line 2, element <attvalue>", "staff"},
        Bad{"undeclared_attvalue",
            "<gexf><graph><nodes><node id=\"a\"><attvalues>\n<attvalue for=\"9\" value=\"1\"/>"
            "</attvalues></node></nodes></graph></gexf>",
            "line 2", "for"},
        Bad{"attvalue_without_value",
            "<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"s\"/>"
            "</attributes><nodes><node id=\"a\"><attvalues>\n<attvalue for=\"0\"/>"
            "</attvalues></node></nodes></graph></gexf>",
            "line 2", "s"},
        Bad{"duplicate_attvalue",
            "<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"s\"/>"
            "</attributes><nodes><node id=\"a\"><attvalues><attvalue for=\"0\" value=\"1\"/>\n"
            "<attvalue for=\"0\" value=\"2\"/></attvalues></node></nodes></graph></gexf>",
            "line 2", "s"},
        Bad{"duplicate_attribute_title",
            "<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"s\"/>\n"
            "<attribute id=\"1\" title=\"s\"/></attributes></graph></gexf>",
            "line 2, element <attribute id=\"1\">", "title"},
        Bad{"bad_defaultedgetype", "<gexf>\n<graph defaultedgetype=\"sometimes\"/></gexf>",
            "line 2", "defaultedgetype"},
        Bad{"mixed_edge_type",
            "<gexf><graph defaultedgetype=\"directed\"><nodes><node id=\"a\"/></nodes><edges>\n"
            "<edge id=\"m\" source=\"a\" target=\"a\" type=\"undirected\"/></edges></graph></gexf>",
            "line 2, element <edge id=\"m\">", "type"},
        Bad{"bad_edge_type",
            "<gexf><graph><nodes><node id=\"a\"/></nodes><edges>\n"
            "<edge source=\"a\" target=\"a\" type=\"sideways\"/></edges></graph></gexf>",
            "line 2", "type"},
        Bad{"weight_twice",
            "<gexf><graph><attributes class=\"edge\"><attribute id=\"w\" title=\"weight\" "
            "type=\"double\"/></attributes><nodes><node id=\"a\"/></nodes><edges>\n"
            "<edge source=\"a\" target=\"a\" weight=\"1\"/></edges></graph></gexf>",
            "line 2", "weight"},
        Bad{"hierarchy",
            "<gexf><graph><nodes>\n<node id=\"p\"><nodes><node id=\"c\"/></nodes></node>"
            "</nodes></graph></gexf>",
            "line 2, element <node id=\"p\">", ""}),
    [](const ::testing::TestParamInfo<Bad>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace kn::iotest
