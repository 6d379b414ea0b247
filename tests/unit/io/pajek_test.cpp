// Pajek .net / .paj reader and writer: hand-written inputs with exact expectations, writer
// output, errors.
#include <gtest/gtest.h>

#include <string>

#include "core/io/pajek.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::read_pajek;
using io::write_pajek;

TEST(PajekRead, NetWithLabelsCoordinatesWeightsAndComments) {
  const Network net = read_pajek(
      "\xEF\xBB\xBF% Kommentar\r\n"
      "*Network Klimanetz Süd\r\n"
      "*Vertices 4\r\n"
      "1 \"Stadtwerke Süd\" 0.1 0.2 0.5 ic Red\r\n"
      "2 Bürgerbüro\r\n"
      "4 \"Αθηνά\"\r\n"
      "*Arcs\r\n"
      "1 2 2.5\r\n"
      "2 1\r\n"
      "% noch ein Kommentar\r\n"
      "\r\n"
      "3 3 1 c Blue\r\n"
      "1 2 4\r\n"
      "*arcslist\r\n"
      "4 1 2\r\n",
      "sued.net");
  EXPECT_TRUE(net.directed);
  EXPECT_EQ(net.title, "Klimanetz Süd");
  // vertex 3 is not listed: its number is its id
  EXPECT_EQ(net.actor_ids(),
            (std::vector<std::string>{"Stadtwerke Süd", "Bürgerbüro", "3", "Αθηνά"}));
  EXPECT_TRUE(net.actor_attrs().empty());  // coordinates and shapes are not attributes
  ASSERT_EQ(net.tie_count(), 6U);
  const std::vector<std::pair<ActorIndex, ActorIndex>> expected = {{0, 1}, {1, 0}, {2, 2},
                                                                   {0, 1}, {3, 0}, {3, 1}};
  for (TieIndex t = 0; t < 6; ++t) {
    EXPECT_EQ(net.tie_source(t), expected[t].first) << t;
    EXPECT_EQ(net.tie_target(t), expected[t].second) << t;
  }
  EXPECT_EQ(net.tie_attr(0, "weight"), Value{2.5});
  EXPECT_TRUE(is_missing(net.tie_attr(1, "weight")));
  EXPECT_EQ(net.tie_attr(2, "weight"), Value{1.0});
  EXPECT_EQ(net.tie_attr(3, "weight"), Value{4.0});  // multi-tie kept
  EXPECT_TRUE(is_missing(net.tie_attr(4, "weight")));
  ASSERT_EQ(net.relations().size(), 1U);
  EXPECT_EQ(net.relations()[0].name, "");
  ASSERT_EQ(net.waves().size(), 1U);
}

TEST(PajekRead, EdgesOnlyIsUndirectedEdgeslistAndNamedRelations) {
  const Network net = read_pajek(
      "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n"
      "*Edges :1 \"zusammenarbeit\"\n1 2\n"
      "*Edges :2 \"informação ✓\"\n2 3 0.5\n"
      "*Edgeslist :1 \"zusammenarbeit\"\n3 1 2\n",
      "u.net");
  EXPECT_FALSE(net.directed);
  ASSERT_EQ(net.relations().size(), 2U);
  EXPECT_EQ(net.relations()[0].name, "zusammenarbeit");
  EXPECT_EQ(net.relations()[1].name, "informação ✓");
  ASSERT_EQ(net.tie_count(), 4U);
  EXPECT_EQ(net.tie_relation(0), 0U);
  EXPECT_EQ(net.tie_relation(1), 1U);
  EXPECT_EQ(net.tie_relation(2), 0U);
  EXPECT_EQ(net.tie_relation(3), 0U);
  EXPECT_EQ(net.tie_source(3), 2U);
  EXPECT_EQ(net.tie_target(3), 1U);
  EXPECT_EQ(net.tie_attr(1, "weight"), Value{0.5});
}

TEST(PajekRead, MixedArcsAndEdgesAreDirectedWithEdgesDoubled) {
  const Network net = read_pajek("*Vertices 3\n*Arcs\n1 2\n*Edges\n2 3 7\n3 3\n", "mixed.net");
  EXPECT_TRUE(net.directed);
  // 1->2, then edge 2-3 as 2->3 and 3->2, the loop 3-3 once
  ASSERT_EQ(net.tie_count(), 4U);
  EXPECT_EQ(net.tie_source(1), 1U);
  EXPECT_EQ(net.tie_target(1), 2U);
  EXPECT_EQ(net.tie_source(2), 2U);
  EXPECT_EQ(net.tie_target(2), 1U);
  EXPECT_EQ(net.tie_attr(2, "weight"), Value{7.0});
  EXPECT_EQ(net.tie_source(3), 2U);
  EXPECT_EQ(net.tie_target(3), 2U);
}

TEST(PajekRead, Matrix) {
  const Network net = read_pajek("*Vertices 3\n*Matrix\n0 1 0\n0 0 2.5\n1 0 1\n", "m.net");
  EXPECT_TRUE(net.directed);
  ASSERT_EQ(net.tie_count(), 4U);
  EXPECT_EQ(net.tie_source(1), 1U);
  EXPECT_EQ(net.tie_target(1), 2U);
  EXPECT_EQ(net.tie_attr(1, "weight"), Value{2.5});
  EXPECT_TRUE(is_missing(net.tie_attr(0, "weight")));  // value 1: no weight
  EXPECT_EQ(net.tie_source(3), 2U);
  EXPECT_EQ(net.tie_target(3), 2U);
}

TEST(PajekRead, PajProjectWithSeveralNetworksPartitionAndVector) {
  const Network net = read_pajek(
      "*Network Zusammenarbeit\n*Vertices 3\n1 \"A\"\n2 \"B\"\n3 \"C\"\n*Arcs\n1 2\n"
      "*Network Information\n*Vertices 2\n1 \"C\"\n2 \"D\"\n*Edges\n1 2 3\n"
      "*Partition Sektor\n*Vertices 3\n1\n2\n1\n"
      "*Vector Größe\n*Vertices 3\n0.5\n1.5\n-2\n"
      "*Permutation P\n*Vertices 3\n3\n2\n1\n",
      "projekt.paj");
  EXPECT_EQ(net.title, "");  // several blocks: no title, block names are relations
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"A", "B", "C", "D"}));
  ASSERT_EQ(net.relations().size(), 2U);
  EXPECT_EQ(net.relations()[0].name, "Zusammenarbeit");
  EXPECT_EQ(net.relations()[1].name, "Information");
  // arcs in one block, edges in the other: directed, the edge C-D as two arcs
  EXPECT_TRUE(net.directed);
  ASSERT_EQ(net.tie_count(), 3U);
  EXPECT_EQ(net.tie_relation(0), 0U);
  EXPECT_EQ(net.tie_relation(1), 1U);
  EXPECT_EQ(net.tie_source(1), 2U);  // "C" of block 2 is "C" of block 1
  EXPECT_EQ(net.tie_target(1), 3U);
  EXPECT_EQ(net.tie_source(2), 3U);
  EXPECT_EQ(net.tie_target(2), 2U);
  EXPECT_EQ(net.tie_attr(2, "weight"), Value{3.0});
  EXPECT_EQ(net.actor_attrs().find("Sektor")->type, AttrType::Number);
  EXPECT_EQ(net.actor_attr(0, "Sektor"), Value{1.0});
  EXPECT_EQ(net.actor_attr(1, "Sektor"), Value{2.0});
  EXPECT_EQ(net.actor_attr(2, "Größe"), Value{-2.0});
  EXPECT_TRUE(is_missing(net.actor_attr(3, "Sektor")));  // D is not in the first network
  EXPECT_EQ(net.actor_attrs().find("P"), nullptr);       // *Permutation skipped
}

TEST(PajekRead, DegenerateInputs) {
  const Network empty = read_pajek("", "empty.net");
  EXPECT_EQ(empty.actor_count(), 0U);
  EXPECT_EQ(empty.tie_count(), 0U);
  const Network header_only = read_pajek("*Vertices 0\n", "h.net");
  EXPECT_EQ(header_only.actor_count(), 0U);
  const Network one = read_pajek("*Vertices 1\n1 \"solo\"\n*Edges\n", "one.net");
  EXPECT_EQ(one.actor_ids(), (std::vector<std::string>{"solo"}));
  EXPECT_FALSE(one.directed);  // only an *Edges header
  const Network loop = read_pajek("*Vertices 1\n*Arcs\n1 1\n1 1\n", "loop.net");
  EXPECT_EQ(loop.tie_count(), 2U);
}

TEST(PajekRead, TwoModeVerticesLineIsOneMode) {
  // *Vertices n n1: the first n1 vertices are one mode; read as one network of n actors
  const Network net = read_pajek(
      "*Vertices 3 2\n1 \"Anna\"\n2 \"Bert\"\n3 \"Forum\"\n*Edges\n1 3\n2 3\n", "twomode.net");
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"Anna", "Bert", "Forum"}));
  EXPECT_EQ(net.tie_count(), 2U);
  EXPECT_FALSE(net.directed);
  EXPECT_TRUE(net.affiliations().empty());
}

TEST(PajekWrite, TieLessUndirectedKeepsDirectionOnlyWithNamedRelations) {
  Network net;
  net.directed = false;
  net.add_actor("a");
  net.relation("info");
  const std::string out = write_pajek(net);
  EXPECT_EQ(out, "*Vertices 1\n1 \"a\"\n*Edges :1 \"info\"\n");
  EXPECT_FALSE(read_pajek(out, "t.net").directed);
  Network unnamed;
  unnamed.directed = false;
  unnamed.add_actor("a");
  EXPECT_TRUE(read_pajek(write_pajek(unnamed), "t.net").directed);
}

TEST(PajekWrite, ExactText) {
  Network net;
  net.title = "Titel";
  net.add_actor("a \"quoted\"");
  net.add_actor("Zeile\nUmbruch");
  net.add_actor("c");
  net.set_tie_attr(net.add_tie(0, 1, net.relation("r1")), "weight", 2.5);
  net.add_tie(1, 2, net.relation("r2 ✓"));
  net.set_actor_attr(0, "part", 1.0);
  net.set_actor_attr(1, "part", 2.0);
  net.set_actor_attr(2, "part", 1.0);
  net.set_actor_attr(0, "vec", 0.5);
  net.set_actor_attr(1, "vec", 1.0);
  net.set_actor_attr(2, "vec", 2.0);
  net.set_actor_attr(0, "incomplete", 1.0);
  net.set_actor_attr(0, "text", std::string("t"));
  EXPECT_EQ(write_pajek(net),
            "*Network Titel\n*Vertices 3\n1 \"a 'quoted'\"\n2 \"Zeile Umbruch\"\n3 \"c\"\n"
            "*Arcs :1 \"r1\"\n1 2 2.5\n*Arcs :2 \"r2 ✓\"\n2 3\n");
  EXPECT_EQ(write_pajek(net, true),
            "*Network Titel\n*Vertices 3\n1 \"a 'quoted'\"\n2 \"Zeile Umbruch\"\n3 \"c\"\n"
            "*Arcs :1 \"r1\"\n1 2 2.5\n*Arcs :2 \"r2 ✓\"\n2 3\n"
            "*Partition part\n*Vertices 3\n1\n2\n1\n*Vector vec\n*Vertices 3\n0.5\n1\n2\n");
  net.directed = false;
  const std::string undirected = write_pajek(net);
  EXPECT_NE(undirected.find("*Edges :1 \"r1\"\n1 2 2.5\n"), std::string::npos) << undirected;
  // quotes and line breaks in labels are replaced: the ids change
  const Network back = read_pajek(write_pajek(net), "t.net");
  EXPECT_EQ(back.actor_ids(), (std::vector<std::string>{"a 'quoted'", "Zeile Umbruch", "c"}));
}

TEST(PajekWrite, UnnamedSingleRelation) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.add_tie(0, 1);
  EXPECT_EQ(write_pajek(net), "*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 2\n");
}

// --- bad input ---------------------------------------------------------------------------------

struct Bad {
  const char* name;
  const char* text;
  const char* location;
  const char* field;
};

class PajekBad : public ::testing::TestWithParam<Bad> {};

TEST_P(PajekBad, NamesFileLocationAndField) {
  const Bad& b = GetParam();
  const ParseError e = parse_error_of([&] { (void)read_pajek(b.text, "bad.net"); });
  expect_names(e, "bad.net", b.location, b.field);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, PajekBad,
    ::testing::Values(
        Bad{"vertex_count_not_a_number", "*Vertices viele\n", "line 1", "*Vertices"},
        Bad{"vertex_count_missing", "% c\n*Vertices\n", "line 2", "*Vertices"},
        Bad{"vertex_count_too_large", "*Vertices 1000000000000\n", "line 1", "*Vertices"},
        Bad{"vertex_out_of_range", "*Vertices 2\n1 \"a\"\n3 \"c\"\n", "line 3", "vertex"},
        Bad{"vertex_twice", "*Vertices 2\n1 \"a\"\n1 \"b\"\n", "line 3", "vertex"},
        Bad{"empty_label", "*Vertices 2\n1 \"\"\n", "line 2", "label"},
        Bad{"duplicate_label", "*Vertices 2\n1 \"a\"\n2 \"a\"\n", "line 3", "label"},
        Bad{"target_out_of_range", "*Vertices 2\n*Arcs\n1 2\n2 5\n", "line 4", "target"},
        Bad{"source_zero", "*Vertices 2\n*Edges\n0 1\n", "line 3", "source"},
        Bad{"source_not_a_number", "*Vertices 2\n*Arcs\nx 1\n", "line 3", "source"},
        Bad{"one_vertex_tie", "*Vertices 2\n*Arcs\n1\n", "line 3", "target"},
        Bad{"bad_weight", "*Vertices 2\n*Arcs\n1 2 3x\n", "line 3", "weight"},
        Bad{"ties_before_vertices", "*Arcs\n1 2\n", "line 1", "*Arcs"},
        Bad{"data_outside_section", "1 2\n", "line 1", ""},
        Bad{"arcslist_out_of_range", "*Vertices 2\n*Arcslist\n1 2 3\n", "line 3", "target"},
        Bad{"matrix_row_length", "*Vertices 2\n*Matrix\n0 1\n1\n", "line 4", "*Matrix"},
        Bad{"matrix_value", "*Vertices 2\n*Matrix\n0 eins\n", "line 3", "value"},
        Bad{"matrix_too_many_rows", "*Vertices 1\n*Matrix\n0\n1\n", "line 4", "*Matrix"},
        Bad{"partition_value", "*Vertices 1\n*Partition p\n*Vertices 1\nrot\n", "line 4", "p"},
        Bad{"partition_too_few", "*Vertices 2\n*Partition p\n*Vertices 2\n1\n", "line 2", "p"},
        Bad{"partition_too_many", "*Vertices 1\n*Partition p\n*Vertices 1\n1\n2\n", "line 5", "p"},
        Bad{"partition_without_vertices", "*Vertices 1\n*Partition p\n1\n", "line 3", "p"},
        Bad{"partition_twice",
            "*Vertices 1\n*Partition p\n*Vertices 1\n1\n*Vector p\n*Vertices 1\n2\n", "line 5",
            "p"}),
    [](const ::testing::TestParamInfo<Bad>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace kn::iotest
