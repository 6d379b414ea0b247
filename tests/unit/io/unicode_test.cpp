// Unicode (German umlauts and ß, Greek, Cyrillic, Arabic, CJK, emoji, combining marks) in ids,
// names, attribute names and values, relation and wave names and the title survives every
// writer -> reader round trip, through the text functions and through files.
#include <gtest/gtest.h>

#include <string>

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

const std::vector<std::string>& ids() {
  static const std::vector<std::string> all = {"Bürgerbüro Ärger Öl Übung ß",
                                               "ΑΘΗΝΑ ενέργεια",
                                               "Москва энергия",
                                               "東京電力 ガス",
                                               "مدينة",
                                               "🌍🚲 Klima",
                                               "e\xCC\x81"
                                               "cole (e + combining acute)",
                                               "ẞ Großes Eszett"};
  return all;
}

Network unicode_network() {
  Network net;
  net.title = "Größe ÄÖÜ äöü ß – Ελλάδα – Россия – 日本 🌱";
  for (const auto& id : ids())
    net.add_actor(id);
  for (ActorIndex a = 0; a < net.actor_count(); ++a) {
    net.set_actor_attr(a, "Straßenname", "Straße №" + std::to_string(a) + " " + ids()[a]);
    net.set_actor_attr(a, "Größe", 1.5 * a);
    net.set_actor_attr(a, "Felder",
                       std::vector<std::string>{"Wärme", "Ενέργεια", "Мобильность", "交通", "🚲"});
  }
  const RelationIndex r1 = net.relation("Zusammenarbeit äöüß");
  const RelationIndex r2 = net.relation("Информация ✉");
  const WaveIndex w1 = net.wave("Frühjahr 2024");
  const WaveIndex w2 = net.wave("第二波");
  for (ActorIndex a = 0; a + 1 < net.actor_count(); ++a) {
    const TieIndex t = net.add_tie(a, a + 1, a % 2 == 0 ? r1 : r2, a % 3 == 0 ? w1 : w2);
    net.set_tie_attr(t, "weight", 1.0 + a);
    net.set_tie_attr(t, "Qualität", std::string(a % 2 == 0 ? "gut 👍" : "κακή"));
    net.set_tie_attr(t, "Hürden", std::vector<std::string>{"Zeit ⏰", "Деньги"});
  }
  return net;
}

struct Case {
  const char* name;
  Caps caps;
  std::function<Network(const Network&)> trip;
};

class Unicode : public ::testing::TestWithParam<Case> {};

TEST_P(Unicode, SurvivesTheRoundTrip) {
  const Case& c = GetParam();
  const Network net = unicode_network();
  const Network back = c.trip(net);
  EXPECT_EQ(canon(back, c.caps), canon(net, c.caps));
  // explicit spot checks of the bytes
  EXPECT_EQ(back.actor_ids(), ids());
  ASSERT_TRUE(back.find_relation("Zusammenarbeit äöüß").has_value());
  ASSERT_TRUE(back.find_relation("Информация ✉").has_value());
  if (c.caps.waves) {
    EXPECT_TRUE(back.find_wave("第二波").has_value());
  }
  if (c.caps.title) {
    EXPECT_EQ(back.title, net.title);
  }
  if (c.caps.string_attrs) {
    EXPECT_EQ(back.actor_attr(5, "Straßenname"), Value{std::string("Straße №5 🌍🚲 Klima")});
    EXPECT_EQ(back.actor_attr(0, "Felder"),
              (Value{std::vector<std::string>{"Wärme", "Ενέργεια", "Мобильность", "交通", "🚲"}}));
  }
  if (c.caps.complete_number_attrs) {
    EXPECT_EQ(back.actor_attr(2, "Größe"), Value{3.0});
  }
  if (c.caps.tie_attrs) {
    EXPECT_EQ(back.tie_attr(0, "Qualität"), Value{std::string("gut 👍")});
    EXPECT_EQ(back.tie_attr(1, "Hürden"), (Value{std::vector<std::string>{"Zeit ⏰", "Деньги"}}));
  }
}

Network via_file(const Network& n, const std::string& ext) {
  TempDir dir;
  const auto path = dir / ("Netz äöü 東京." + ext);
  io::write_network(n, path);
  return io::read_network(path);
}

INSTANTIATE_TEST_SUITE_P(
    EveryFormat, Unicode,
    ::testing::Values(
        Case{"json", json_caps(),
             [](const Network& n) { return io::read_json(io::write_json(n), "u.json"); }},
        Case{"graphml", graphml_caps(),
             [](const Network& n) { return io::read_graphml(io::write_graphml(n), "u.graphml"); }},
        Case{"gexf", gexf_caps(),
             [](const Network& n) { return io::read_gexf(io::write_gexf(n), "u.gexf"); }},
        Case{"csv", csv_caps(),
             [](const Network& n) {
               return io::read_csv(io::write_ties_csv(n), "u.csv", io::write_actors_csv(n),
                                   "u.actors.csv");
             }},
        Case{"csv_semicolon", csv_caps(),
             [](const Network& n) {
               io::CsvWriteOptions o;
               o.separator = ';';
               return io::read_csv(io::write_ties_csv(n, o), "u.csv", io::write_actors_csv(n, o),
                                   "u.actors.csv");
             }},
        Case{"net", pajek_caps(false),
             [](const Network& n) { return io::read_pajek(io::write_pajek(n), "u.net"); }},
        Case{"paj", pajek_caps(true),
             [](const Network& n) { return io::read_pajek(io::write_pajek(n, true), "u.paj"); }},
        Case{"dl_fullmatrix", dl_caps(),
             [](const Network& n) { return io::read_ucinet_dl(io::write_ucinet_dl(n), "u.dl"); }},
        Case{
            "dl_edgelist", dl_caps(),
            [](const Network& n) { return io::read_ucinet_dl(io::write_ucinet_dl(n, 0), "u.dl"); }},
        Case{"file_json", json_caps(), [](const Network& n) { return via_file(n, "json"); }},
        Case{"file_graphml", graphml_caps(),
             [](const Network& n) { return via_file(n, "graphml"); }},
        Case{"file_gexf", gexf_caps(), [](const Network& n) { return via_file(n, "gexf"); }},
        Case{"file_csv", csv_caps(), [](const Network& n) { return via_file(n, "csv"); }},
        Case{"file_net", pajek_caps(false), [](const Network& n) { return via_file(n, "net"); }},
        Case{"file_paj", pajek_caps(true), [](const Network& n) { return via_file(n, "paj"); }},
        Case{"file_dl", dl_caps(), [](const Network& n) { return via_file(n, "dl"); }}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

TEST(UnicodeRead, HandWrittenInputsInEveryReader) {
  const std::string id = "Bürger-Ölhafen ß Ω Ж 中 😀";
  const std::string rel = "Kooperation äöü";
  std::vector<std::pair<std::string, Network>> reads;
  reads.emplace_back(
      "graphml",
      io::read_graphml("<graphml><key id=\"r\" for=\"edge\" attr.name=\"relation\"/>"
                       "<graph><node id=\"" +
                           id + "\"/><edge source=\"" + id + "\" target=\"" + id +
                           "\"><data key=\"r\">" + rel + "</data></edge></graph></graphml>",
                       "u.graphml"));
  reads.emplace_back(
      "gexf", io::read_gexf("<gexf><graph><nodes><node id=\"" + id +
                                "\"/></nodes><edges><edge source=\"" + id + "\" target=\"" + id +
                                "\" kind=\"" + rel + "\"/></edges></graph></gexf>",
                            "u.gexf"));
  reads.emplace_back(
      "pajek",
      io::read_pajek("*Vertices 1\n1 \"" + id + "\"\n*Arcs :1 \"" + rel + "\"\n1 1\n", "u.net"));
  reads.emplace_back("dl", io::read_ucinet_dl("dl n=1 nm=1\nlabels:\n\"" + id +
                                                  "\"\nmatrix labels:\n\"" + rel + "\"\ndata:\n1\n",
                                              "u.dl"));
  reads.emplace_back("csv", io::read_csv("\xEF\xBB\xBFsource;target;relation\r\n\"" + id + "\";" +
                                             id + ";" + rel + "\r\n",
                                         "u.csv"));
  reads.emplace_back("json", io::read_json("{\"actors\": [{\"id\": \"" + id +
                                               "\"}], \"ties\": [{\"source\": \"" + id +
                                               "\", \"target\": \"\\u0042\\u00fcrger-\\u00d6lhafen "
                                               "\\u00df \\u03a9 \\u0416 \\u4e2d \\ud83d\\ude00\", "
                                               "\"relation\": \"" +
                                               rel + "\"}]}",
                                           "u.json"));
  for (const auto& [key, net] : reads) {
    EXPECT_EQ(net.actor_ids(), (std::vector<std::string>{id})) << key;
    ASSERT_EQ(net.tie_count(), 1U) << key;
    EXPECT_EQ(net.relations()[net.tie_relation(0)].name, rel) << key;
  }
}

}  // namespace
}  // namespace kn::iotest
