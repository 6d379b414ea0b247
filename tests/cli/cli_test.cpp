// Runs the klimanetze binary as a process: the CLI contract of issue 2 (exit codes, JSON shape,
// formats by extension, --actors join, --measures subset, error messages naming file/line/field).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_process.hpp"

namespace {

namespace fs = std::filesystem;

using kn::test::ProcResult;
using kn::test::run;
using kn::test::slurp;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kn_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    // A drawn network:  a -> b -> c -> a (cycle), c -> d, e isolated (listed in actors only).
    write("ties.csv",
          "source,target,relation,weight\na,b,zusammenarbeit,2\nb,c,zusammenarbeit,1\n"
          "c,a,zusammenarbeit,1\nc,d,zusammenarbeit,3\nd,a,wunsch,1\n");
    write("actors.csv",
          "id,name,sector\na,Amt für Umwelt,verwaltung\nb,Bürgerenergie eG,"
          "zivilgesellschaft\nc,Stadtwerke,kommunale_unternehmen\nd,Fahrradladen,"
          "wirtschaft\ne,Schule Süd,wissenschaft_bildung\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(CliTest, AnalyzeJsonFollowsTheContract) {
  const ProcResult r = run("analyze " + path("ties.csv") + " --actors " + path("actors.csv") +
                           " --relation zusammenarbeit --format json -o " + path("out.json"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream in(path("out.json"));
  const auto j = nlohmann::json::parse(in);
  const auto& net = j.at("network");
  EXPECT_EQ(net.at("actors"), 5);
  EXPECT_EQ(net.at("ties"), 4);
  EXPECT_EQ(net.at("directed"), true);
  EXPECT_DOUBLE_EQ(net.at("density").get<double>(), 4.0 / 20.0);
  EXPECT_DOUBLE_EQ(net.at("reciprocity").get<double>(), 0.0);
  EXPECT_EQ(net.at("weak_components"), 2);                  // {a,b,c,d}, {e}
  EXPECT_EQ(net.at("strong_components"), 3);                // {a,b,c}, {d}, {e}
  EXPECT_DOUBLE_EQ(net.at("diameter").get<double>(), 3.0);  // a->b->c->d
  for (const char* key : {"transitivity", "mean_distance", "ei_index", "assortativity"}) {
    EXPECT_TRUE(net.contains(key)) << key;
  }
  // Every tie joins two sectors: E-I = 1.
  EXPECT_DOUBLE_EQ(net.at("ei_index").get<double>(), 1.0);
  ASSERT_EQ(j.at("actors").size(), 5U);
  const auto& a = j.at("actors")[0];
  EXPECT_EQ(a.at("id"), "a");
  for (const char* key : {"indegree", "outdegree", "betweenness", "closeness", "harmonic",
                          "eigenvector", "pagerank", "coreness", "constraint", "effective_size",
                          "efficiency", "community", "component", "brokerage"}) {
    EXPECT_TRUE(a.contains(key)) << key;
  }
  // a, b, c, d form one weak component (the wunsch tie d -> a is not selected); e is alone.
  for (std::size_t v = 0; v < 4; ++v)
    EXPECT_EQ(j.at("actors")[v].at("component"), 0) << v;
  EXPECT_EQ(j.at("actors")[4].at("component"), 1);
  for (const char* role :
       {"coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"}) {
    EXPECT_TRUE(a.at("brokerage").contains(role)) << role;
  }
  // d is a sink: it reaches nobody, so closeness is null; e is an isolate.
  EXPECT_TRUE(j.at("actors")[3].at("closeness").is_null());
  EXPECT_TRUE(j.at("actors")[4].at("closeness").is_null());
  EXPECT_TRUE(j.at("actors")[4].at("constraint").is_null());
  // c brokers b -> c -> d (no b -> d) and b -> c -> a? (b -> a absent): betweenness of c:
  // pairs through c: (a,d) via a->b->c->d, (b,d), (b,a) => c = 3.
  EXPECT_DOUBLE_EQ(j.at("actors")[2].at("betweenness").get<double>(), 3.0);
  EXPECT_EQ(j.at("groups").size(), 5U);
  EXPECT_EQ(j.at("mixing").at("groups").size(), 5U);
}

TEST_F(CliTest, MeasuresSubsetComputesOnlyThose) {
  const ProcResult r =
      run("analyze " + path("ties.csv") + " --measures indegree,pagerank --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.at("network").is_null());
  const auto& a = j.at("actors")[0];
  EXPECT_TRUE(a.contains("indegree"));
  EXPECT_TRUE(a.contains("pagerank"));
  EXPECT_FALSE(a.contains("betweenness"));
  EXPECT_EQ(j.at("groups").size(), 0U);
}

TEST_F(CliTest, WithoutGroupAttributeGroupFieldsAreNull) {
  const ProcResult r = run("analyze " + path("ties.csv") + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.at("network").at("ei_index").is_null());
  EXPECT_TRUE(j.at("network").at("assortativity").is_null());
  EXPECT_TRUE(j.at("groups").is_array());
  EXPECT_TRUE(j.at("groups").empty());
  EXPECT_TRUE(j.at("actors")[0].at("brokerage").is_null());
  EXPECT_EQ(r.out.find("NaN"), std::string::npos);
}

TEST_F(CliTest, UndirectedFlag) {
  const ProcResult r =
      run("analyze " + path("ties.csv") + " --undirected --measures network --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("network").at("directed"), false);
  EXPECT_DOUBLE_EQ(j.at("network").at("reciprocity").get<double>(), 1.0);
}

TEST_F(CliTest, TableInGermanAndEnglish) {
  const ProcResult de = run("analyze " + path("ties.csv") + " --actors " + path("actors.csv"));
  ASSERT_EQ(de.exit_code, 0) << de.out;
  EXPECT_NE(de.out.find("Dichte"), std::string::npos);
  EXPECT_NE(de.out.find("Bürgerenergie eG"), std::string::npos);
  const ProcResult en =
      run("analyze " + path("ties.csv") + " --actors " + path("actors.csv") + " --lang en");
  ASSERT_EQ(en.exit_code, 0) << en.out;
  EXPECT_NE(en.out.find("Density"), std::string::npos);
  EXPECT_NE(en.out.find("Civil society"), std::string::npos);
}

TEST_F(CliTest, CsvOutput) {
  const ProcResult r =
      run("analyze " + path("ties.csv") + " --measures indegree,outdegree --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("id,indegree,outdegree\n", 0), 0U) << r.out;
  EXPECT_NE(r.out.find("\nc,1,2\n"), std::string::npos) << r.out;
}

TEST_F(CliTest, ConvertRoundTripsThroughEveryFormat) {
  const std::string ref_cmd = "analyze " + path("ties.csv") + " --actors " + path("actors.csv") +
                              " --measures betweenness,indegree --format json";
  const ProcResult ref = run(ref_cmd);
  ASSERT_EQ(ref.exit_code, 0) << ref.out;
  const auto expected = nlohmann::json::parse(ref.out).at("actors");
  for (const char* ext : {"graphml", "gexf", "net", "dl", "json", "csv"}) {
    const std::string out = path(std::string("copy.") + ext);
    const ProcResult c =
        run("convert " + path("ties.csv") + " " + out + " --actors " + path("actors.csv"));
    ASSERT_EQ(c.exit_code, 0) << ext << ": " << c.out;
    std::string actors_arg;
    if (std::string(ext) == "net" || std::string(ext) == "dl") {
      actors_arg = " --actors " + path("actors.csv");
    }
    const ProcResult a =
        run("analyze " + out + actors_arg + " --measures betweenness,indegree --format json");
    ASSERT_EQ(a.exit_code, 0) << ext << ": " << a.out;
    const auto got = nlohmann::json::parse(a.out).at("actors");
    ASSERT_EQ(got.size(), expected.size()) << ext;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].at("id"), expected[i].at("id")) << ext;
      EXPECT_EQ(got[i].at("betweenness"), expected[i].at("betweenness")) << ext;
      EXPECT_EQ(got[i].at("indegree"), expected[i].at("indegree")) << ext;
    }
  }
  EXPECT_TRUE(fs::exists(path("copy.actors.csv")));
}

TEST_F(CliTest, BadInputNamesFileLineAndField) {
  write("bad.csv", "source,target\na,b\n,c\n");
  const ProcResult r = run("analyze " + path("bad.csv"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("bad.csv"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("source"), std::string::npos) << r.out;
}

TEST_F(CliTest, UnknownExtensionMissingFileAndUnknownMeasureFail) {
  write("x.txt", "a b\n");
  EXPECT_EQ(run("analyze " + path("x.txt")).exit_code, 2);
  EXPECT_EQ(run("analyze " + path("missing.csv")).exit_code, 2);
  const ProcResult m = run("analyze " + path("ties.csv") + " --measures betweenness,foo");
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.out.find("foo"), std::string::npos);
  const ProcResult rel = run("analyze " + path("ties.csv") + " --relation nope");
  EXPECT_EQ(rel.exit_code, 2);
  EXPECT_NE(rel.out.find("nope"), std::string::npos);
}

TEST_F(CliTest, WeightNamesATieAttribute) {
  const ProcResult ok =
      run("analyze " + path("ties.csv") + " --weight weight --measures betweenness --format json");
  ASSERT_EQ(ok.exit_code, 0) << ok.out;
  const ProcResult bad = run("analyze " + path("ties.csv") + " --weight nosuch");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("nosuch"), std::string::npos);
}

TEST_F(CliTest, DemoIsReproducible) {
  const ProcResult a = run("demo -o " + path("m1.json"));
  const ProcResult b = run("demo -o " + path("m2.json"));
  ASSERT_EQ(a.exit_code, 0) << a.out;
  ASSERT_EQ(b.exit_code, 0) << b.out;
  const std::string s1 = slurp(path("m1.json"));
  const std::string s2 = slurp(path("m2.json"));
  EXPECT_GT(s1.size(), 1000U);
  EXPECT_EQ(s1, s2);
  const ProcResult t = run("demo --analyze --lang en --top 5");
  ASSERT_EQ(t.exit_code, 0) << t.out;
  EXPECT_NE(t.out.find("Musterstadt"), std::string::npos);
  EXPECT_NE(t.out.find("Density"), std::string::npos);
}

}  // namespace

namespace {

TEST_F(CliTest, BrokerageCarriesZScoresAndNetworkTotals) {
  const ProcResult r = run("analyze " + path("ties.csv") + " --actors " + path("actors.csv") +
                           " --measures brokerage --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("brokerage")) << r.out;
  for (const char* role :
       {"coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"}) {
    double sum = 0.0;
    for (const auto& a : j.at("actors")) {
      ASSERT_TRUE(a.at("brokerage_z").contains(role)) << role;
      sum += a.at("brokerage").at(role).get<double>();
    }
    // The network total is the sum of the actors' raw counts (sna $raw.gli = colSums($raw.nli)).
    EXPECT_DOUBLE_EQ(j.at("brokerage").at("raw").at(role).get<double>(), sum) << role;
    EXPECT_TRUE(j.at("brokerage").at("z").contains(role)) << role;
  }
}

TEST_F(CliTest, TwoModeFromAListColumnAndItsProjectionFeedsAnalyze) {
  // a: energie|mobilitaet, b: energie|mobilitaet|bildung, c: bildung, d: none.
  write(
      "fields.csv",
      "id,name,fields[]\na,Amt für Umwelt,energie|mobilitaet\n"
      "b,Bürgerenergie eG,energie|mobilitaet|bildung\nc,Stadtwerke,bildung\nd,Fahrradladen,\"\"\n");
  const ProcResult j = run("twomode " + path("ties.csv") + " --actors " + path("fields.csv") +
                           " --affiliation fields --format json");
  ASSERT_EQ(j.exit_code, 0) << j.out;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc.at("memberships"), 6);
  EXPECT_DOUBLE_EQ(doc.at("density").get<double>(), 6.0 / 12.0);
  EXPECT_EQ(doc.at("projection").at("ties").size(), 2U);

  const ProcResult c =
      run("twomode " + path("ties.csv") + " --actors " + path("fields.csv") +
          " --affiliation fields --projection jaccard --format csv -o " + path("projection.csv"));
  ASSERT_EQ(c.exit_code, 0) << c.out;
  const std::string csv = slurp(path("projection.csv"));
  EXPECT_EQ(csv.rfind("source,target,weight\n", 0), 0U) << csv;
  EXPECT_NE(csv.find("a,b,0.6666666666666666"), std::string::npos) << csv;
  const ProcResult a = run("analyze " + path("projection.csv") +
                           " --undirected --weight weight --measures indegree --format json");
  ASSERT_EQ(a.exit_code, 0) << a.out;
  EXPECT_EQ(nlohmann::json::parse(a.out).at("actors").size(), 3U);  // d has no shared field

  const ProcResult t = run("twomode " + path("ties.csv") + " --actors " + path("fields.csv") +
                           " --affiliation fields --lang en");
  ASSERT_EQ(t.exit_code, 0) << t.out;
  EXPECT_NE(t.out.find("Who works on what"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("Bürgerenergie eG"), std::string::npos) << t.out;

  const ProcResult bad = run("twomode " + path("ties.csv") + " --affiliation fields");
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_NE(bad.out.find("'fields'"), std::string::npos) << bad.out;
}

}  // namespace

namespace {

TEST_F(CliTest, CtrlCStopsALongAnalysisCleanly) {
  // A 5,000-actor demo network takes seconds single-threaded; SIGINT after 0.3 s must end the
  // run with exit code 130, the cancellation message and no output file.
  const ProcResult demo = run("demo --actors 5000 -o " + path("big.json"));
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  const std::string cmd = "sh -c '" + std::string(KN_CLI_BINARY) + " analyze " + path("big.json") +
                          " --threads 1 --format json -o " + path("big.out.json") + " 2>" +
                          path("stderr.txt") +
                          " & pid=$!; sleep 0.3; kill -INT $pid; wait $pid; echo exit=$?'";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::array<char, 256> buf{};
  std::string out;
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    out.append(buf.data(), n);
  pclose(pipe);
  EXPECT_NE(out.find("exit=130"), std::string::npos) << out;
  EXPECT_NE(slurp(path("stderr.txt")).find("Abgebrochen"), std::string::npos)
      << slurp(path("stderr.txt"));
  EXPECT_FALSE(fs::exists(path("big.out.json")));
}

}  // namespace
