// CSV ties + actors files: separators, BOM, CRLF, quoting, missing vs empty, list and typed
// columns, the actors join onto other formats, actors-only files, writer text, errors.
#include <gtest/gtest.h>

#include <string>

#include "core/io/csv.hpp"
#include "core/io/format.hpp"
#include "core/io/graphml.hpp"
#include "core/io/json_format.hpp"
#include "core/io/pajek.hpp"
#include "core/io/ucinet_dl.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::join_actors_csv;
using io::read_csv;
using io::write_actors_csv;
using io::write_ties_csv;

using StrList = std::vector<std::string>;

TEST(CsvRead, TiesAndActorsExactly) {
  const Network net = read_csv(
      "source,target,relation,wave,weight,quality,barriers[]\n"
      "a,b,zusammenarbeit,2023,2.5,gut,Zeit|Geld\n"
      "b,c,information,2024,1,,\n"
      "c,a,zusammenarbeit,2024,,\"\",\"\"\n"
      "d,d,information,2023,-0.5,schlecht,Daten\n",
      "ties.csv",
      "id,name,sector,staff,fields[]\n"
      "c,Verein,Zivilgesellschaft,3,Bildung\n"
      "a,Stadtwerke,Wirtschaft,120,Energie|Wärme\n"
      "b,,Verwaltung,,\"\"\n",
      "actors.csv");
  EXPECT_TRUE(net.directed);
  // the actors file fixes the order; d (only in ties) is appended
  EXPECT_EQ(net.actor_ids(), (StrList{"c", "a", "b", "d"}));
  EXPECT_EQ(net.actor_attrs().find("staff")->type, AttrType::Number);
  EXPECT_EQ(net.actor_attrs().find("name")->type, AttrType::String);
  EXPECT_EQ(net.actor_attrs().find("fields")->type, AttrType::List);
  EXPECT_EQ(net.actor_attr(1, "name"), Value{std::string("Stadtwerke")});
  EXPECT_TRUE(is_missing(net.actor_attr(2, "name")));  // unquoted empty = missing
  EXPECT_TRUE(is_missing(net.actor_attr(3, "name")));  // not in the actors file
  EXPECT_EQ(net.actor_attr(1, "staff"), Value{120.0});
  EXPECT_TRUE(is_missing(net.actor_attr(2, "staff")));
  EXPECT_EQ(net.actor_attr(1, "fields"), (Value{StrList{"Energie", "Wärme"}}));
  EXPECT_EQ(net.actor_attr(2, "fields"), (Value{StrList{}}));  // quoted empty = empty list
  ASSERT_EQ(net.relations().size(), 2U);
  EXPECT_EQ(net.relations()[0].name, "zusammenarbeit");
  EXPECT_EQ(net.relations()[1].name, "information");
  ASSERT_EQ(net.waves().size(), 2U);
  EXPECT_EQ(net.waves()[0].name, "2023");
  EXPECT_EQ(net.waves()[1].name, "2024");
  ASSERT_EQ(net.tie_count(), 4U);
  EXPECT_EQ(net.actor_id(net.tie_source(0)), "a");
  EXPECT_EQ(net.actor_id(net.tie_target(0)), "b");
  EXPECT_EQ(net.tie_relation(1), 1U);
  EXPECT_EQ(net.tie_wave(1), 1U);
  EXPECT_EQ(net.tie_source(3), net.tie_target(3));  // loop
  EXPECT_EQ(net.tie_attrs().find("weight")->type, AttrType::Number);
  EXPECT_EQ(net.tie_attr(0, "weight"), Value{2.5});
  EXPECT_TRUE(is_missing(net.tie_attr(2, "weight")));
  EXPECT_EQ(net.tie_attr(3, "weight"), Value{-0.5});
  EXPECT_EQ(net.tie_attr(0, "quality"), Value{std::string("gut")});
  EXPECT_TRUE(is_missing(net.tie_attr(1, "quality")));
  EXPECT_EQ(net.tie_attr(2, "quality"), Value{std::string("")});
  EXPECT_EQ(net.tie_attr(0, "barriers"), (Value{StrList{"Zeit", "Geld"}}));
  EXPECT_TRUE(is_missing(net.tie_attr(1, "barriers")));
  EXPECT_EQ(net.tie_attr(2, "barriers"), (Value{StrList{}}));
  // reserved columns are not attributes
  EXPECT_EQ(net.tie_attrs().columns().size(), 3U);
}

TEST(CsvRead, SemicolonBomCrlfAndQuotedFields) {
  const Network net = read_csv(
      "\xEF\xBB\xBFSource;Target;Gewicht;Notiz\r\n"
      "\"Müller, Anna\";\"Ölhafen; GmbH\";\"1,5\";\"sagt \"\"hallo\"\"\"\r\n"
      "\"Zeile\r\nUmbruch\";b;2;\"a\nb\"\r\n"
      "\r\n"
      "b;\"Müller, Anna\";3;x\r\n",
      "semi.csv");
  EXPECT_EQ(net.actor_ids(), (StrList{"Müller, Anna", "Ölhafen; GmbH", "Zeile\r\nUmbruch", "b"}));
  ASSERT_EQ(net.tie_count(), 3U);
  // "1,5" is not a number: the whole column is text
  EXPECT_EQ(net.tie_attrs().find("Gewicht")->type, AttrType::String);
  EXPECT_EQ(net.tie_attr(0, "Gewicht"), Value{std::string("1,5")});
  EXPECT_EQ(net.tie_attr(0, "Notiz"), Value{std::string("sagt \"hallo\"")});
  EXPECT_EQ(net.tie_attr(1, "Notiz"), Value{std::string("a\nb")});
  EXPECT_EQ(net.tie_attr(2, "Notiz"), Value{std::string("x")});
  EXPECT_EQ(net.actor_id(net.tie_source(2)), "b");
}

TEST(CsvRead, SeparatorDetectedFromHeaderOnly) {
  // the header has more ';' than ',' outside quotes; commas in later lines are data
  const Network semi = read_csv("source;target;\"a,b,c\"\nx,1;y,2;z\n", "s.csv");
  EXPECT_EQ(semi.actor_ids(), (StrList{"x,1", "y,2"}));
  EXPECT_EQ(semi.tie_attr(0, "a,b,c"), Value{std::string("z")});
  // a tie: ','
  const Network tie = read_csv("source,target,a;b;c\nx;1,y;2,z\n", "t.csv");
  EXPECT_EQ(tie.actor_ids(), (StrList{"x;1", "y;2"}));
  EXPECT_EQ(tie.tie_attr(0, "a;b;c"), Value{std::string("z")});
}

TEST(CsvRead, TypedAndListHeaders) {
  const Network net = read_csv(
      "target,source,plz:string,n:number,tags[],mixed,empty_col\n"
      "b,a,01067,,x|y,1,\n"
      "c,a,80331,3,,zwei,\n",
      "typed.csv");
  // reserved names in any order
  EXPECT_EQ(net.actor_ids(), (StrList{"a", "b", "c"}));
  EXPECT_EQ(net.actor_id(net.tie_source(0)), "a");
  EXPECT_EQ(net.tie_attrs().find("plz")->type, AttrType::String);
  EXPECT_EQ(net.tie_attr(0, "plz"), Value{std::string("01067")});
  EXPECT_EQ(net.tie_attrs().find("n")->type, AttrType::Number);
  EXPECT_TRUE(is_missing(net.tie_attr(0, "n")));
  EXPECT_EQ(net.tie_attr(1, "n"), Value{3.0});
  EXPECT_EQ(net.tie_attr(0, "tags"), (Value{StrList{"x", "y"}}));
  EXPECT_TRUE(is_missing(net.tie_attr(1, "tags")));
  EXPECT_EQ(net.tie_attrs().find("mixed")->type, AttrType::String);
  EXPECT_EQ(net.tie_attr(0, "mixed"), Value{std::string("1")});
  // a column without any value is not created
  EXPECT_EQ(net.tie_attrs().find("empty_col"), nullptr);
}

TEST(CsvRead, DirectedColumn) {
  const Network undirected = read_csv("source,target,DIRECTED\na,b,false\nb,c,no\nc,a,\n", "u.csv");
  EXPECT_FALSE(undirected.directed);
  EXPECT_EQ(undirected.tie_attrs().find("DIRECTED"), nullptr);
  EXPECT_TRUE(read_csv("source,target,directed\na,b,1\nb,a,yes\n", "d.csv").directed);
  EXPECT_TRUE(read_csv("source,target,directed\na,b,\n", "d.csv").directed);  // default
}

TEST(CsvRead, ActorsOnlyFiles) {
  const Network net = read_csv("id,name,size\nx,Xaver,1\ny,,2.5\n", "actors.csv");
  EXPECT_EQ(net.actor_ids(), (StrList{"x", "y"}));
  EXPECT_EQ(net.tie_count(), 0U);
  EXPECT_EQ(net.actor_attr(0, "name"), Value{std::string("Xaver")});
  EXPECT_EQ(net.actor_attr(1, "size"), Value{2.5});
  const Network ids_only = read_csv("ID\r\nsolo\r\n", "ids.csv");
  EXPECT_EQ(ids_only.actor_ids(), (StrList{"solo"}));
  EXPECT_TRUE(ids_only.actor_attrs().empty());
  // via read_network: x.actors.csv alone is an actors file
  TempDir dir;
  write_text(dir / "netz.actors.csv", "id;sector\nA;Politik\nB;Verwaltung\n");
  const Network file = io::read_network(dir / "netz.actors.csv");
  EXPECT_EQ(file.actor_ids(), (StrList{"A", "B"}));
  EXPECT_EQ(file.actor_attr(1, "sector"), Value{std::string("Verwaltung")});
}

TEST(CsvRead, DegenerateInputs) {
  const Network header_only = read_csv("source,target,weight\n", "h.csv");
  EXPECT_EQ(header_only.actor_count(), 0U);
  EXPECT_EQ(header_only.tie_count(), 0U);
  EXPECT_TRUE(header_only.tie_attrs().empty());
  const Network no_newline = read_csv("source,target\na,b", "n.csv");
  EXPECT_EQ(no_newline.tie_count(), 1U);
  const Network multi = read_csv("source,target\na,b\na,b\nb,b\n", "m.csv");
  EXPECT_EQ(multi.tie_count(), 3U);
  EXPECT_EQ(multi.actor_count(), 2U);
  const Network one = read_csv("source,target\n", "t.csv", "id\nsolo\n", "a.csv");
  EXPECT_EQ(one.actor_ids(), (StrList{"solo"}));
}

// --- the actors join onto other formats ----------------------------------------------------------

TEST(CsvJoin, JoinsByIdOntoEveryFormat) {
  const std::string actors =
      "id,name,sector,staff,fields[]\nb,Bürgerbüro,Verwaltung,12,Bildung|Wärme\nneu,Neu,,,\n";
  Network base;
  base.add_actor("a");
  base.add_actor("b");
  base.add_tie(0, 1);
  const std::vector<std::pair<std::string, Network>> inputs = {
      {"graphml", io::read_graphml(io::write_graphml(base), "n.graphml")},
      {"json", io::read_json(io::write_json(base), "n.json")},
      {"net", io::read_pajek(io::write_pajek(base), "n.net")},
      {"dl", io::read_ucinet_dl(io::write_ucinet_dl(base), "n.dl")},
  };
  for (auto [key, net] : inputs) {
    join_actors_csv(net, actors, "actors.csv");
    EXPECT_EQ(net.actor_ids(), (StrList{"a", "b", "neu"})) << key;  // unknown ids: isolates
    EXPECT_EQ(net.tie_count(), 1U) << key;
    EXPECT_TRUE(is_missing(net.actor_attr(0, "name"))) << key;
    EXPECT_EQ(net.actor_attr(1, "name"), Value{std::string("Bürgerbüro")}) << key;
    EXPECT_EQ(net.actor_attr(1, "staff"), Value{12.0}) << key;
    EXPECT_EQ(net.actor_attr(1, "fields"), (Value{StrList{"Bildung", "Wärme"}})) << key;
    EXPECT_TRUE(is_missing(net.actor_attr(2, "sector"))) << key;
    EXPECT_EQ(net.actor_attr(2, "name"), Value{std::string("Neu")}) << key;
  }
}

TEST(CsvJoin, ExistingColumnsKeepTheirTypeAndValues) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.set_actor_attr(0, "code", std::string("x1"));
  net.set_actor_attr(0, "size", 5.0);
  net.set_actor_attr(1, "size", 6.0);
  join_actors_csv(net, "id,code,size\nb,42,7\na,,\n", "actors.csv");
  // a numeric column arriving at a String column stays text
  EXPECT_EQ(net.actor_attrs().find("code")->type, AttrType::String);
  EXPECT_EQ(net.actor_attr(1, "code"), Value{std::string("42")});
  // missing cells do not overwrite
  EXPECT_EQ(net.actor_attr(0, "code"), Value{std::string("x1")});
  EXPECT_EQ(net.actor_attr(0, "size"), Value{5.0});
  EXPECT_EQ(net.actor_attr(1, "size"), Value{7.0});
}

TEST(CsvJoin, ErrorLeavesTheNetworkUnchanged) {
  Network net;
  net.add_actor("a");
  net.set_actor_attr(0, "size", 5.0);
  const std::string before = canon(net, json_caps());
  // type clash: size is Number in the network, text here
  ParseError e =
      parse_error_of([&] { join_actors_csv(net, "id,size,new\nz,gross,1\n", "actors.csv"); });
  expect_names(e, "actors.csv", "line 1", "size");
  EXPECT_EQ(canon(net, json_caps()), before);
  // a bad row after good ones
  e = parse_error_of([&] { join_actors_csv(net, "id,x\nb,1\nc,2,3\n", "actors.csv"); });
  expect_names(e, "actors.csv", "line 3", "");
  EXPECT_EQ(canon(net, json_caps()), before);
  EXPECT_EQ(net.actor_count(), 1U);
}

TEST(CsvJoin, ReadNetworkWithActorsOption) {
  TempDir dir;
  write_text(dir / "netz.graphml",
             "<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>"
             "<edge source=\"a\" target=\"b\"/></graph></graphml>");
  write_text(dir / "info.csv", "id;sector\nb;Verwaltung\na;Wirtschaft\n");
  io::ReadOptions options;
  options.actors_csv = dir / "info.csv";
  const Network net = io::read_network(dir / "netz.graphml", options);
  EXPECT_FALSE(net.directed);
  EXPECT_EQ(net.actor_attr(0, "sector"), Value{std::string("Wirtschaft")});
  EXPECT_EQ(net.actor_attr(1, "sector"), Value{std::string("Verwaltung")});
  // an error in the actors file names that file
  write_text(dir / "bad.csv", "id,sector\n,Verwaltung\n");
  options.actors_csv = dir / "bad.csv";
  const ParseError e =
      parse_error_of([&] { (void)io::read_network(dir / "netz.graphml", options); });
  expect_names(e, "bad.csv", "line 2", "id");
}

TEST(CsvJoin, SiblingActorsFileIsReadWithTheTies) {
  TempDir dir;
  write_text(dir / "netz.csv", "source,target\nb,a\n");
  write_text(dir / "netz.actors.csv", "id,name\na,Anna\nb,Bert\n");
  const Network net = io::read_network(dir / "netz.csv");
  EXPECT_EQ(net.actor_ids(), (StrList{"a", "b"}));
  EXPECT_EQ(net.actor_attr(1, "name"), Value{std::string("Bert")});
  // given explicitly as --actors it is joined after the ties (actor order from the ties)
  io::ReadOptions options;
  options.actors_csv = dir / "netz.actors.csv";
  const Network again = io::read_network(dir / "netz.csv", options);
  EXPECT_EQ(again.actor_ids(), (StrList{"b", "a"}));
  EXPECT_EQ(again.actor_attr(0, "name"), Value{std::string("Bert")});
  EXPECT_EQ(again.actor_attr(1, "name"), Value{std::string("Anna")});
}

// --- writer ----------------------------------------------------------------------------------

TEST(CsvWrite, ExactText) {
  Network net;
  net.directed = false;
  net.add_actor("a,1");
  net.add_actor("b \"B\"");
  net.add_actor("");
  net.set_actor_attr(0, "name", std::string("Zeile\nzwei"));
  net.set_actor_attr(1, "name", std::string(""));
  net.set_actor_attr(0, "plz", std::string("01067"));
  net.set_actor_attr(0, "tags", StrList{"x", "y"});
  net.set_actor_attr(1, "tags", StrList{});
  net.set_actor_attr(0, "id", std::string("shadow"));
  net.set_actor_attr(1, "n", 0.5);
  const TieIndex t = net.add_tie(0, 1, net.relation("r;1"), net.wave("2024"));
  net.set_tie_attr(t, "weight", 2.0);
  net.set_tie_attr(t, "source", 1.0);
  net.add_tie(1, 1, net.relation("r;1"), net.wave("2024"));
  EXPECT_EQ(write_ties_csv(net),
            "source,target,relation,wave,directed,weight,source:number\n"
            "\"a,1\",\"b \"\"B\"\"\",\"r;1\",2024,false,2,1\n"
            "\"b \"\"B\"\"\",\"b \"\"B\"\"\",\"r;1\",2024,false,,\n");
  EXPECT_EQ(write_actors_csv(net),
            "id,name,plz:string,tags[],id:string,n\n"
            "\"a,1\",\"Zeile\nzwei\",01067,x|y,shadow,\n"
            "\"b \"\"B\"\"\",\"\",,\"\",,0.5\n"
            "\"\",,,,,\n");
  io::CsvWriteOptions semi;
  semi.separator = ';';
  EXPECT_EQ(write_ties_csv(net, semi),
            "source;target;relation;wave;directed;weight;source:number\n"
            "\"a,1\";\"b \"\"B\"\"\";\"r;1\";2024;false;2;1\n"
            "\"b \"\"B\"\"\";\"b \"\"B\"\"\";\"r;1\";2024;false;;\n");
}

TEST(CsvWrite, EitherSeparatorIsQuotedSoOneColumnFilesReadBack) {
  // One column gives the reader no separator to detect on the header line; an unquoted "a,b"
  // would then split into two fields.
  Network net;
  net.add_actor("a,b");
  net.add_actor("c;d");
  for (const char sep : {',', ';'}) {
    io::CsvWriteOptions opt;
    opt.separator = sep;
    const std::string text = write_actors_csv(net, opt);
    EXPECT_EQ(text, "id\n\"a,b\"\n\"c;d\"\n") << sep;
    const Network back = read_csv(text, "x.actors.csv");
    ASSERT_EQ(back.actor_count(), 2U) << sep;
    EXPECT_EQ(back.actor_id(0), "a,b");
    EXPECT_EQ(back.actor_id(1), "c;d");
  }
}

TEST(CsvWrite, PlainNetworkHasMinimalHeader) {
  Network net;
  net.add_actor("a");
  net.add_actor("b");
  net.add_tie(0, 1);
  EXPECT_EQ(write_ties_csv(net), "source,target\na,b\n");
  EXPECT_EQ(write_actors_csv(net), "id\na\nb\n");
}

TEST(CsvWrite, SpreadsheetSafeDefusesEveryTextCell) {
  Network net;
  net.add_actor("=HYPERLINK(1)");
  net.add_actor("+b");
  net.set_actor_attr(0, "v", std::string("-1"));
  net.set_actor_attr(0, "w", std::string("@x"));
  net.add_tie(0, 1, net.relation("-r"), net.wave("=w"));
  io::CsvWriteOptions safe;
  safe.spreadsheet_safe = true;
  // ids, relation and wave names are text cells too; numbers stay as they are
  EXPECT_EQ(write_actors_csv(net, safe), "id,v:string,w\n'=HYPERLINK(1),-1,'@x\n'+b,,\n");
  EXPECT_EQ(write_ties_csv(net, safe), "source,target,relation,wave\n'=HYPERLINK(1),'+b,'-r,'=w\n");
  EXPECT_EQ(write_actors_csv(net), "id,v:string,w\n=HYPERLINK(1),-1,@x\n+b,,\n");
  EXPECT_EQ(write_ties_csv(net), "source,target,relation,wave\n=HYPERLINK(1),+b,-r,=w\n");
}

TEST(CsvWrite, SemicolonOutputReadsBack) {
  const Network rich = rich_network(true);
  io::CsvWriteOptions semi;
  semi.separator = ';';
  const Network back =
      read_csv(write_ties_csv(rich, semi), "t.csv", write_actors_csv(rich, semi), "t.actors.csv");
  EXPECT_EQ(canon(back, csv_caps()), canon(rich, csv_caps()));
}

// --- bad input ---------------------------------------------------------------------------------

struct Bad {
  const char* name;
  const char* ties;
  const char* actors;  // "" = none
  const char* file;    // which file the error names
  const char* location;
  const char* field;
};

class CsvBad : public ::testing::TestWithParam<Bad> {};

TEST_P(CsvBad, NamesFileLineAndField) {
  const Bad& b = GetParam();
  const ParseError e =
      parse_error_of([&] { (void)read_csv(b.ties, "ties.csv", b.actors, "actors.csv"); });
  expect_names(e, b.file, b.location, b.field);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, CsvBad,
    ::testing::Values(
        Bad{"empty_file", "", "", "ties.csv", "line 1", "source"},
        Bad{"blank_lines_only", "\n\r\n\n", "", "ties.csv", "line 1", "source"},
        Bad{"no_source_column", "from,target\na,b\n", "", "ties.csv", "line 1", "source"},
        Bad{"no_target_column", "source,to\na,b\n", "", "ties.csv", "line 1", "target"},
        Bad{"too_few_fields", "source,target,weight\na,b,1\nb,c\n", "", "ties.csv", "line 3", ""},
        Bad{"too_many_fields", "source,target\na,b\n\nb,c,d\n", "", "ties.csv", "line 4", ""},
        Bad{"empty_source", "source,target\na,b\n,c\n", "", "ties.csv", "line 3", "source"},
        Bad{"empty_target", "source,target\na,\"\"\n", "", "ties.csv", "line 2", "target"},
        Bad{"not_a_number", "source,target,weight:number\na,b,1\nb,c,viel\n", "", "ties.csv",
            "line 3", "weight"},
        Bad{"line_after_multiline_field",
            "source,target,note,n:number\na,b,\"eins\nzwei\ndrei\",1\nb,c,x,y\n", "", "ties.csv",
            "line 5", "n"},
        Bad{"unterminated_quote", "source,target\na,b\n\"c,d\n", "", "ties.csv", "line 3",
            "column 1"},
        Bad{"text_after_quote", "source,target\n\"a\"x,b\n", "", "ties.csv", "line 2", "column 1"},
        Bad{"duplicate_column", "source,target,w,w\na,b,1,2\n", "", "ties.csv", "line 1", "w"},
        Bad{"duplicate_reserved_column", "source,target,Relation,relation\na,b,x,y\n", "",
            "ties.csv", "line 1", "relation"},
        Bad{"empty_column_name", "source,target,\na,b,1\n", "", "ties.csv", "line 1", "column 3"},
        Bad{"bad_directed", "source,target,directed\na,b,vielleicht\n", "", "ties.csv", "line 2",
            "directed"},
        Bad{"mixed_directed", "source,target,directed\na,b,true\nb,a,false\n", "", "ties.csv",
            "line 3", "directed"},
        Bad{"actors_empty", "source,target\n", "\n", "actors.csv", "line 1", "id"},
        Bad{"actors_no_id", "source,target\n", "name,sector\nA,B\n", "actors.csv", "line 1", "id"},
        Bad{"actors_empty_id", "source,target\n", "id,name\na,A\n,B\n", "actors.csv", "line 3",
            "id"},
        Bad{"actors_duplicate_id", "source,target\n", "id,name\na,A\nb,B\na,C\n", "actors.csv",
            "line 4", "id"},
        Bad{"actors_field_count", "source,target\n", "id,name\na\n", "actors.csv", "line 2", ""},
        Bad{"actors_not_a_number", "source,target\n", "id,size:number\na,1\nb,x\n", "actors.csv",
            "line 3", "size"},
        Bad{"actors_duplicate_column", "source,target\n", "id,x,x\na,1,2\n", "actors.csv", "line 1",
            "x"},
        Bad{"actors_only_ties_file_bad", "id,name\na,A\na,B\n", "", "ties.csv", "line 3", "id"}),
    [](const ::testing::TestParamInfo<Bad>& p) { return std::string(p.param.name); });

TEST(CsvBadInput, ReadNetworkReturnsNothingPartial) {
  TempDir dir;
  write_text(dir / "netz.csv", "source,target,w:number\na,b,1\nb,c,x\n");
  Network net;
  net.add_actor("vorher");
  const ParseError e = parse_error_of([&] { net = io::read_network(dir / "netz.csv"); });
  expect_names(e, "netz.csv", "line 3", "w");
  EXPECT_EQ(net.actor_ids(), (StrList{"vorher"}));
  // the actors sibling is named when it is the bad one
  write_text(dir / "netz.csv", "source,target\na,b\n");
  write_text(dir / "netz.actors.csv", "id,x\na,1\na,2\n");
  const ParseError s = parse_error_of([&] { net = io::read_network(dir / "netz.csv"); });
  expect_names(s, "netz.actors.csv", "line 3", "id");
  EXPECT_EQ(net.actor_ids(), (StrList{"vorher"}));
}

}  // namespace
}  // namespace kn::iotest
