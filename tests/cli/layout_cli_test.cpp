// `klimanetze layout` and `klimanetze layout-quality` as processes: positions CSV for every
// actor, determinism for a seed, JSON quality figures, --initial/--refine, and bad positions
// files named by file, line and field (exit code 2).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

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

class LayoutCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kn_layout_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    // a-b-c-d path, a-c chord, e isolated (actors file only).
    write("ties.csv", "source,target\na,b\nb,c\nc,d\na,c\n");
    write("actors.csv", "id,name\na,A\nb,B\nc,C\nd,D\ne,E\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }
  [[nodiscard]] std::string input() const {
    return path("ties.csv") + " --actors " + path("actors.csv");
  }
  fs::path dir_;
};

TEST_F(LayoutCliTest, WritesEveryActorAndIsDeterministic) {
  ProcResult r = run("layout " + input() + " --seed 7 --threads 2 -o " + path("p1.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  r = run("layout " + input() + " --seed 7 --threads 1 -o " + path("p2.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string p1 = slurp(path("p1.csv"));
  EXPECT_EQ(p1, slurp(path("p2.csv")));
  std::istringstream lines(p1);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "id,x,y");
  int rows = 0;
  while (std::getline(lines, line))
    ++rows;
  EXPECT_EQ(rows, 5);
  for (const char* id : {"\na,", "\nb,", "\nc,", "\nd,", "\ne,"})
    EXPECT_NE(p1.find(id), std::string::npos) << id;
  r = run("layout " + input() + " --seed 8 -o " + path("p3.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(p1, slurp(path("p3.csv")));
  // JSON output and --iterations.
  r = run("layout " + input() + " --iterations 5 --format json -o " + path("p.json"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(slurp(path("p.json")));
  EXPECT_EQ(j.at("iterations"), 5);
  EXPECT_EQ(j.at("actors").size(), 5U);
}

TEST_F(LayoutCliTest, QualityPrintsJson) {
  ASSERT_EQ(run("layout " + input() + " -o " + path("p.csv")).exit_code, 0);
  const ProcResult r = run("layout-quality " + input() + " " + path("p.csv") + " --seed 3");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("actors"), 5);
  EXPECT_EQ(j.at("edges"), 4);
  EXPECT_GE(j.at("stress").get<double>(), 0.0);
  EXPECT_LT(j.at("stress").get<double>(), 0.5);
  EXPECT_EQ(j.at("stress_exact"), true);
  EXPECT_EQ(j.at("crossings_exact"), true);
  EXPECT_EQ(j.at("crossings").get<double>(), 0.0);  // a 4-actor graph drawn without crossing
  // A hand-made layout: the path a-b-c-d on a line, chord a-c overlapping (collinear) -> 0.
  write("line.csv", "id,x,y\na,0,0\nb,1,0\nc,2,0\nd,3,0\ne,10,10\n");
  const ProcResult line = run("layout-quality " + input() + " " + path("line.csv"));
  ASSERT_EQ(line.exit_code, 0) << line.out;
  const auto l = nlohmann::json::parse(line.out);
  EXPECT_EQ(l.at("crossings").get<double>(), 0.0);
}

TEST_F(LayoutCliTest, InitialAndRefine) {
  ASSERT_EQ(run("layout " + input() + " -o " + path("p.csv")).exit_code, 0);
  write("partial.csv", "id,x,y\na,0,0\nb,1,0\nc,1,1\n");  // d and e are placed by the layout
  const ProcResult r = run("layout " + input() + " --initial " + path("partial.csv") +
                           " --refine -o " + path("r.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(slurp(path("r.csv")).find("\ne,"), std::string::npos);
}

TEST_F(LayoutCliTest, BadPositionsFileNamesFileLineAndField) {
  write("bad.csv", "id,x,y\na,0,0\nb,zero,1\n");
  ProcResult r = run("layout-quality " + input() + " " + path("bad.csv"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("bad.csv"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'x'"), std::string::npos) << r.out;
  write("unknown.csv", "id,x,y\na,0,0\nzz,1,1\n");
  r = run("layout-quality " + input() + " " + path("unknown.csv"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("line 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'id'"), std::string::npos) << r.out;
  write("short.csv", "id,x,y\na,0\n");
  r = run("layout " + input() + " --initial " + path("short.csv"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("line 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'y'"), std::string::npos) << r.out;
  write("noheader.csv", "a,0,0\n");
  r = run("layout-quality " + input() + " " + path("noheader.csv"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("header"), std::string::npos) << r.out;
  // Every actor is needed for the quality figures.
  write("missing.csv", "id,x,y\na,0,0\nb,1,0\nc,2,0\nd,3,0\n");
  r = run("layout-quality " + input() + " " + path("missing.csv"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("'e'"), std::string::npos) << r.out;
}

}  // namespace
