// UCINET DL reader and writer: fullmatrix / edgelist1 / nodelist1 with and without labels,
// several matrices, exact expectations, writer output, errors.
#include <gtest/gtest.h>

#include <string>

#include "core/io/ucinet_dl.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::read_ucinet_dl;
using io::write_ucinet_dl;

using Arc = std::tuple<std::string, std::string, std::string, double>;  // s, t, relation, weight

std::vector<Arc> arcs(const Network& net) {
  std::vector<Arc> out;
  for (TieIndex t = 0; t < net.tie_count(); ++t) {
    const Value& w = net.tie_attr(t, "weight");
    out.emplace_back(net.actor_id(net.tie_source(t)), net.actor_id(net.tie_target(t)),
                     net.relations()[net.tie_relation(t)].name,
                     is_missing(w) ? -999.0 : std::get<double>(w));
  }
  return out;
}

TEST(UcinetDlRead, FullmatrixWithLabelsSection) {
  const Network net = read_ucinet_dl(
      "DL N = 3\nFORMAT = FULLMATRIX\nLABELS:\nStadtwerke,\"Bürger Büro\",Αθηνά\nDATA:\n"
      "0 1 0\n0 0 1\n1 1 1\n",
      "f.dl");
  EXPECT_TRUE(net.directed);
  EXPECT_EQ(net.title, "");
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"Stadtwerke", "Bürger Büro", "Αθηνά"}));
  EXPECT_TRUE(net.tie_attrs().empty());  // every value is 1: no weight
  EXPECT_EQ(arcs(net), (std::vector<Arc>{{"Stadtwerke", "Bürger Büro", "", -999},
                                         {"Bürger Büro", "Αθηνά", "", -999},
                                         {"Αθηνά", "Stadtwerke", "", -999},
                                         {"Αθηνά", "Bürger Büro", "", -999},
                                         {"Αθηνά", "Αθηνά", "", -999}}));
}

TEST(UcinetDlRead, FullmatrixEmbeddedLabelsWeightedTwoMatrices) {
  const Network net = read_ucinet_dl(
      "dl n=2, nm=2\nlabels embedded\nmatrix labels:\nzusammenarbeit \"wunsch ✓\"\ndata:\n"
      "a b\na 0 2.5\nb 1 0\n"
      "a b\na 0 0\nb 0 -1\n",
      "e.dl");
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(net.relations().size(), 2U);
  EXPECT_EQ(net.relations()[0].name, "zusammenarbeit");
  EXPECT_EQ(net.relations()[1].name, "wunsch ✓");
  // a value != 1 exists: every tie gets `weight`
  EXPECT_EQ(arcs(net), (std::vector<Arc>{{"a", "b", "zusammenarbeit", 2.5},
                                         {"b", "a", "zusammenarbeit", 1.0},
                                         {"b", "b", "wunsch ✓", -1.0}}));
}

TEST(UcinetDlRead, FullmatrixEmbeddedColumnOrderDiffersFromRows) {
  const Network net =
      read_ucinet_dl("dl n=2 labels embedded data:\n y x\n x 1 0\n y 0 0\n", "o.dl");
  // actors in order of the column labels
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"y", "x"}));
  EXPECT_EQ(arcs(net), (std::vector<Arc>{{"x", "y", "", -999}}));
}

TEST(UcinetDlRead, FullmatrixWithoutLabelsNumbersAreIds) {
  const Network net = read_ucinet_dl("dl n=3\ndata:\n0 1 0 0 0 0 0 0 0\n", "n.dl");  // free format
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(arcs(net), (std::vector<Arc>{{"1", "2", "", -999}}));
}

TEST(UcinetDlRead, Edgelist1NumbersAndLabels) {
  const Network numbers = read_ucinet_dl(
      "dl n=4 format=edgelist1\nlabels:\nA B C D\ndata:\n1 2\n2 3 0.5\n3 3\n1 2\n4 1 0\n", "el.dl");
  EXPECT_EQ(numbers.actor_ids(), (std::vector<std::string>{"A", "B", "C", "D"}));
  // multi-tie kept; value 0 is no tie; a value != 1 gives every tie a weight
  EXPECT_EQ(
      arcs(numbers),
      (std::vector<Arc>{
          {"A", "B", "", 1.0}, {"B", "C", "", 0.5}, {"C", "C", "", 1.0}, {"A", "B", "", 1.0}}));
  const Network labels = read_ucinet_dl(
      "dl n=3 format=el1 labels embedded\ndata:\nMüller Öztürk 2\nÖztürk \"Li Wei\"\n", "l.dl");
  // actors in order of appearance (labels embedded)
  EXPECT_EQ(labels.actor_ids(), (std::vector<std::string>{"Müller", "Öztürk", "Li Wei"}));
  EXPECT_EQ(arcs(labels),
            (std::vector<Arc>{{"Müller", "Öztürk", "", 2.0}, {"Öztürk", "Li Wei", "", 1.0}}));
  // a label that never occurs gets its number
  const Network missing =
      read_ucinet_dl("dl n=3 format=edgelist1 labels embedded\ndata:\na b\n", "m.dl");
  EXPECT_EQ(missing.actor_ids(), (std::vector<std::string>{"a", "b", "3"}));
}

TEST(UcinetDlRead, Edgelist1SeveralMatrices) {
  const Network net = read_ucinet_dl(
      "dl n=2 nm=3 format=edgelist1\nmatrix labels:\nr1 r2 r3\ndata:\n1 2\n!\n2 1\n!\n1 1\n",
      "m.dl");
  EXPECT_EQ(
      arcs(net),
      (std::vector<Arc>{{"1", "2", "r1", -999}, {"2", "1", "r2", -999}, {"1", "1", "r3", -999}}));
  // nm > 1 without matrix labels: relations "1", "2", ...
  const Network unnamed =
      read_ucinet_dl("dl n=2 nm=2 format=edgelist1\ndata:\n1 2\n!\n2 1\n", "u.dl");
  ASSERT_EQ(unnamed.relations().size(), 2U);
  EXPECT_EQ(unnamed.relations()[0].name, "1");
  EXPECT_EQ(unnamed.relations()[1].name, "2");
}

TEST(UcinetDlRead, Nodelist1) {
  const Network net = read_ucinet_dl(
      "dl n=4 format=nodelist1 labels embedded\ndata:\nStadt Verein Uni\nVerein Stadt\nSolo\n",
      "nl.dl");
  EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"Stadt", "Verein", "Uni", "Solo"}));
  EXPECT_EQ(arcs(net), (std::vector<Arc>{{"Stadt", "Verein", "", -999},
                                         {"Stadt", "Uni", "", -999},
                                         {"Verein", "Stadt", "", -999}}));
  const Network numbers = read_ucinet_dl("dl n=3 format=nodelist1\ndata:\n1 2 3\n3 1\n", "n.dl");
  EXPECT_EQ(arcs(numbers),
            (std::vector<Arc>{{"1", "2", "", -999}, {"1", "3", "", -999}, {"3", "1", "", -999}}));
}

TEST(UcinetDlRead, DegenerateInputs) {
  const Network zero = read_ucinet_dl("dl n=0\ndata:\n", "z.dl");
  EXPECT_EQ(zero.actor_count(), 0U);
  const Network one = read_ucinet_dl("dl n=1 labels: solo data: 1", "one.dl");
  EXPECT_EQ(one.actor_ids(), (std::vector<std::string>{"solo"}));
  EXPECT_EQ(arcs(one), (std::vector<Arc>{{"solo", "solo", "", -999}}));  // loop on the diagonal
  const Network no_ties = read_ucinet_dl("dl n=2 format=edgelist1\ndata:\n", "e.dl");
  EXPECT_EQ(no_ties.actor_count(), 2U);
  EXPECT_EQ(no_ties.tie_count(), 0U);
}

TEST(UcinetDlWrite, FullmatrixExactText) {
  Network net;
  net.add_actor("a \"q\"");
  net.add_actor("Ölhafen");
  net.set_tie_attr(net.add_tie(0, 1, net.relation("r1")), "weight", 2.5);
  net.set_tie_attr(net.add_tie(0, 1, net.relation("r1")), "weight", 1.0);  // summed: 3.5
  net.add_tie(1, 1, net.relation("r2"));                                   // missing weight: 1
  EXPECT_EQ(write_ucinet_dl(net),
            "dl n=2 nm=2 format=fullmatrix\nlabels embedded\nmatrix labels:\n\"r1\"\n\"r2\"\n"
            "data:\n"
            "\"a 'q'\" \"Ölhafen\"\n\"a 'q'\" 0 3.5\n\"Ölhafen\" 0 0\n"
            "\"a 'q'\" \"Ölhafen\"\n\"a 'q'\" 0 0\n\"Ölhafen\" 0 1\n");
  EXPECT_EQ(write_ucinet_dl(net, 1),
            "dl n=2 nm=2 format=edgelist1\nlabels:\n\"a 'q'\"\n\"Ölhafen\"\nmatrix labels:\n"
            "\"r1\"\n\"r2\"\ndata:\n1 2 2.5\n1 2 1\n!\n2 2 1\n");
}

TEST(UcinetDlWrite, UnweightedSingleRelation) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.add_tie(0, 1);
  EXPECT_EQ(
      write_ucinet_dl(net),
      "dl n=2 format=fullmatrix\nlabels embedded\ndata:\n\"a\" \"b\"\n\"a\" 0 1\n\"b\" 0 0\n");
  EXPECT_EQ(write_ucinet_dl(net, 0),
            "dl n=2 format=edgelist1\nlabels:\n\"a\"\n\"b\"\ndata:\n1 2\n");
}

// --- bad input ---------------------------------------------------------------------------------

struct Bad {
  const char* name;
  const char* text;
  const char* location;
  const char* field;
};

class UcinetDlBad : public ::testing::TestWithParam<Bad> {};

TEST_P(UcinetDlBad, NamesFileLocationAndField) {
  const Bad& b = GetParam();
  const ParseError e = parse_error_of([&] { (void)read_ucinet_dl(b.text, "bad.dl"); });
  expect_names(e, "bad.dl", b.location, b.field);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, UcinetDlBad,
    ::testing::Values(
        Bad{"empty_file", "", "line 1", ""}, Bad{"not_dl", "graph n=2\n", "line 1", ""},
        Bad{"missing_n", "dl format=edgelist1\ndata:\n", "line 1", "n"},
        Bad{"n_not_a_number", "dl\nn=zwei\ndata:\n", "line 2", "n"},
        Bad{"n_too_large", "dl n=99999999999\ndata:\n", "line 1", "n"},
        Bad{"missing_equals", "dl n 2\ndata:\n", "line 1", "n"},
        Bad{"nm_zero", "dl n=2\nnm=0\ndata:\n", "line 2", "nm"},
        Bad{"unsupported_format", "dl n=2\nformat=blockmatrix\ndata:\n", "line 2", "format"},
        Bad{"two_mode", "dl nr=2, nc=3\ndata:\n", "line 1", "nr"},
        Bad{"unknown_header_word", "dl n=2\nfoo\ndata:\n", "line 2", ""},
        Bad{"no_data_section", "dl n=2\n", "line 1", "data:"},
        Bad{"too_few_labels", "dl n=3\nlabels:\na b\ndata:\n", "line 4", "labels"},
        Bad{"labels_before_n", "dl labels: a b n=2 data:", "line 1", "n"},
        Bad{"duplicate_label", "dl n=2\nlabels:\na\na\ndata:\n", "line 4", "labels"},
        Bad{"duplicate_matrix_label", "dl n=1 nm=2\nmatrix labels:\nr\nr\ndata:\n0 0\n", "line 4",
            "matrix labels"},
        Bad{"fullmatrix_not_a_number", "dl n=2\ndata:\n0 1\n0 x\n", "line 4", "data"},
        Bad{"fullmatrix_too_few_values", "dl n=2\ndata:\n0 1\n0\n", "line 4", "data"},
        Bad{"fullmatrix_too_many_values", "dl n=1\ndata:\n0\n1\n", "line 4", "data"},
        Bad{"embedded_unknown_row_label", "dl n=2 labels embedded\ndata:\na b\na 0 1\nc 0 0\n",
            "line 5", "row label"},
        Bad{"edgelist_out_of_range", "dl n=2 format=edgelist1\ndata:\n1 2\n2 3\n", "line 4",
            "target"},
        Bad{"edgelist_zero", "dl n=2 format=edgelist1\ndata:\n0 1\n", "line 3", "source"},
        Bad{"edgelist_one_node", "dl n=2 format=edgelist1\ndata:\n1\n", "line 3", "target"},
        Bad{"edgelist_too_many_values", "dl n=2 format=edgelist1\ndata:\n1 2 3 4\n", "line 3", ""},
        Bad{"edgelist_bad_value", "dl n=2 format=edgelist1\ndata:\n1 2 viel\n", "line 3", "data"},
        Bad{"edgelist_unknown_quoted_label",
            "dl n=2 format=edgelist1\nlabels:\na b\ndata:\n\"a\" \"z\"\n", "line 5", "target"},
        Bad{"embedded_too_many_labels",
            "dl n=2 format=edgelist1 labels embedded\ndata:\na b\nc a\n", "line 4", "labels"},
        Bad{"too_many_matrices", "dl n=2 format=edgelist1\ndata:\n1 2\n!\n2 1\n", "line 4", "data"},
        Bad{"nodelist_out_of_range", "dl n=2 format=nodelist1\ndata:\n1 2 9\n", "line 3", "target"},
        Bad{"unterminated_quote", "dl n=2\nlabels:\n\"a b\ndata:\n", "line 3", ""}),
    [](const ::testing::TestParamInfo<Bad>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace kn::iotest
