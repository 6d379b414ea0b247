// The format dispatcher: extensions, read_network / write_network on files, options, errors,
// and the shipped datasets converted through every format.
#include <gtest/gtest.h>

#include <string>

#include "core/io/csv.hpp"
#include "core/io/format.hpp"
#include "unit/io/io_fixtures.hpp"

namespace kn::iotest {
namespace {

using io::Format;
using io::format_from_path;

TEST(FormatDispatch, ByExtensionCaseInsensitive) {
  EXPECT_EQ(format_from_path("a/b.graphml"), Format::GraphML);
  EXPECT_EQ(format_from_path("X.GraphML"), Format::GraphML);
  EXPECT_EQ(format_from_path("x.gexf"), Format::GEXF);
  EXPECT_EQ(format_from_path("x.net"), Format::Pajek);
  EXPECT_EQ(format_from_path("x.PAJ"), Format::Pajek);
  EXPECT_EQ(format_from_path("x.dl"), Format::UcinetDL);
  EXPECT_EQ(format_from_path("x.csv"), Format::CSV);
  EXPECT_EQ(format_from_path("x.actors.csv"), Format::CSV);
  EXPECT_EQ(format_from_path("x.json"), Format::JSON);
  EXPECT_FALSE(format_from_path("x.xml").has_value());
  EXPECT_FALSE(format_from_path("graphml").has_value());
  EXPECT_EQ(io::format_name(Format::UcinetDL), "UCINET DL");
  EXPECT_EQ(io::format_name(Format::GraphML), "GraphML");
}

TEST(FormatDispatch, UnknownExtensionAndMissingFile) {
  TempDir dir;
  write_text(dir / "x.txt", "source,target\n");
  EXPECT_THROW((void)io::read_network(dir / "x.txt"), std::runtime_error);
  EXPECT_THROW(io::write_network(Network{}, dir / "x.txt"), std::runtime_error);
  try {
    (void)io::read_network(dir / "fehlt.json");
    ADD_FAILURE() << "no exception";
  } catch (const ParseError&) {
    ADD_FAILURE() << "a missing file is not a parse error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("fehlt.json"), std::string::npos) << e.what();
  }
}

TEST(FormatDispatch, CsvWritesTiesAndActorsBeside) {
  TempDir dir;
  Network net;
  net.add_actor("a");
  net.add_actor("isolate");
  net.set_actor_attr(0, "sector", std::string("Politik"));
  net.add_tie(0, 0);
  io::write_network(net, dir / "netz.csv");
  EXPECT_EQ(read_text(dir / "netz.csv"), "source,target\na,a\n");
  EXPECT_EQ(read_text(dir / "netz.actors.csv"), "id,sector\na,Politik\nisolate,\n");
  const Network back = io::read_network(dir / "netz.csv");
  EXPECT_EQ(canon(back, csv_caps()), canon(net, csv_caps()));
}

TEST(FormatDispatch, PajExtensionWritesVectors) {
  TempDir dir;
  Network net;
  net.add_actor("a");
  net.set_actor_attr(0, "size", 2.0);
  io::write_network(net, dir / "n.paj");
  io::write_network(net, dir / "n.net");
  EXPECT_NE(read_text(dir / "n.paj").find("*Partition size"), std::string::npos);
  EXPECT_EQ(read_text(dir / "n.net").find("*Partition"), std::string::npos);
}

TEST(FormatDispatch, UndirectedOption) {
  TempDir dir;
  write_text(dir / "n.net", "*Vertices 2\n*Arcs\n1 2\n");
  io::ReadOptions options;
  options.undirected = true;
  EXPECT_TRUE(io::read_network(dir / "n.net").directed);
  EXPECT_FALSE(io::read_network(dir / "n.net", options).directed);
}

TEST(FormatDispatch, ParseErrorNamesTheFileNameForEveryFormat) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"bad.graphml", "<graphml><graph>\n<edge source=\"x\" target=\"y\"/></graph></graphml>"},
      {"bad.gexf",
       "<gexf><graph><edges>\n<edge source=\"x\" target=\"y\"/></edges></graph></gexf>"},
      {"bad.net", "*Vertices 1\n*Arcs\n1 2\n"},
      {"bad.paj", "*Vertices 1\n*Arcs\n1 2\n"},
      {"bad.dl", "dl n=1 format=edgelist1\ndata:\n1 2\n"},
      {"bad.csv", "source,target\na,b\n,c\n"},
      {"bad.json",
       "{\"actors\": [{\"id\": \"a\"}],\n\"ties\": [{\"source\": \"a\", \"target\": \"b\"}]}"},
  };
  for (const auto& [name, text] : bad) {
    write_text(dir / name, text);
    Network net;
    net.add_actor("vorher");
    const ParseError e = parse_error_of([&] { net = io::read_network(dir / name); });
    EXPECT_EQ(e.file(), name) << e.what();
    EXPECT_FALSE(e.location().empty()) << e.what();
    EXPECT_FALSE(e.field().empty()) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind(name + ":", 0), 0U) << e.what();
    EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{"vorher"})) << name;  // nothing partial
  }
}

// The shipped datasets (CSV with an actors sibling) converted through every format keep their
// actors and ties.
class Datasets : public ::testing::TestWithParam<std::string> {};

TEST_P(Datasets, ThroughEveryFormat) {
  const std::filesystem::path data =
      std::filesystem::path(KN_TEST_DATA_DIR) / (GetParam() + ".csv");
  const Network original = io::read_network(data);
  ASSERT_GT(original.tie_count(), 0U);
  ASSERT_GT(original.actor_count(), 0U);
  for (const std::string ext : {"json", "graphml", "gexf", "csv", "net", "paj", "dl"}) {
    TempDir dir;
    io::write_network(original, dir / ("d." + ext));
    const Network back = io::read_network(dir / ("d." + ext));
    Caps caps = ext == "json"      ? json_caps()
                : ext == "graphml" ? graphml_caps()
                : ext == "gexf"    ? gexf_caps()
                : ext == "csv"     ? csv_caps()
                : ext == "net"     ? pajek_caps(false)
                : ext == "paj"     ? pajek_caps(true)
                                   : dl_caps();
    EXPECT_EQ(canon(back, caps), canon(original, caps)) << GetParam() << " via " << ext;
  }
}

INSTANTIATE_TEST_SUITE_P(Shipped, Datasets,
                         ::testing::Values("karate", "florentine", "kite", "davis", "coleman",
                                           "random_groups"));

}  // namespace
}  // namespace kn::iotest
