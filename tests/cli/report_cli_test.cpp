// `klimanetze report` as a process, as a climate manager runs it from the README: the
// Musterstadt demo seeded into a fresh SQLite file and its report in HTML (German and English,
// pseudonymised unless --names), xlsx and PDF; errors (unknown project, unknown format, no
// Chromium for PDF) exit 2 without writing anything; Ctrl-C exits 130.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli_process.hpp"

namespace {

namespace fs = std::filesystem;

using kn::test::ProcResult;
using kn::test::run;
using kn::test::slurp;

class ReportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kn_report_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

/// The first actor label on the report's map (the <title> of the first circle).
std::string first_map_label(const std::string& html) {
  const auto circle = html.find("<circle ");
  const auto open = html.find("<title>", circle);
  const auto close = html.find("</title>", open);
  if (circle == std::string::npos || open == std::string::npos || close == std::string::npos)
    return "";
  return html.substr(open + 7, close - open - 7);
}

TEST_F(ReportCliTest, DemoReportInBothLanguagesAndFormats) {
  const std::string db = " --db " + path("musterstadt.db");
  ProcResult r = run("report" + db + " --demo -o " + path("bericht.html"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("Demo-Projekt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("150 Akteure, pseudonymisiert"), std::string::npos) << r.out;
  const std::string de = slurp(path("bericht.html"));
  EXPECT_NE(de.find("Netzwerkbericht Musterstadt 2026"), std::string::npos);
  EXPECT_NE(de.find("pseudonymisiert"), std::string::npos);

  // Second run: the demo is there already (not seeded twice); English; by name as well.
  r = run("report" + db + " --project musterstadt --lang en -o " + path("report.html"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("Demo project"), std::string::npos) << r.out;
  const std::string en = slurp(path("report.html"));
  EXPECT_NE(en.find("Network report Musterstadt 2026"), std::string::npos);
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
  r = run("report" + db + " --project 'Musterstadt 2026' --names -o " + path("names.html"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string named = slurp(path("names.html"));
  const std::string name = first_map_label(named);
  const std::string pseudonym = first_map_label(de);
  ASSERT_FALSE(name.empty());
  ASSERT_FALSE(pseudonym.empty());
  EXPECT_NE(name, pseudonym);
  EXPECT_EQ(de.find(name), std::string::npos) << name << " in the pseudonymised report";
  EXPECT_NE(named.find("mit Namen"), std::string::npos);

  r = run("report" + db + " --project musterstadt -o " + path("bericht.xlsx"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(slurp(path("bericht.xlsx")).substr(0, 2), "PK");

  if (fs::exists("/usr/bin/chromium")) {
    r = run("report" + db + " --project musterstadt --format pdf -o " + path("bericht.out"));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(slurp(path("bericht.out")).substr(0, 5), "%PDF-");
  }
}

TEST_F(ReportCliTest, ErrorsWriteNothing) {
  const std::string db = " --db " + path("musterstadt.db");
  ASSERT_EQ(run("report" + db + " --demo -o " + path("seed.html")).exit_code, 0);
  ProcResult r = run("report" + db + " --project nirgendwo -o " + path("x.html"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("nirgendwo"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(path("x.html")));
  r = run("report" + db + " --project musterstadt --wave 1999 -o " + path("x.html"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("1999"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(path("x.html")));
  r = run("report" + db + " --project musterstadt -o " + path("x.docx"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("--format"), std::string::npos) << r.out;
  r = run("report" + db + " --project musterstadt --format docx -o " + path("x.docx"));
  EXPECT_NE(r.exit_code, 0) << r.out;
  // PDF without a browser: the hint, exit 2, no file.
  const std::string no_browser = "KN_CHROMIUM=" + path("no-chromium") + " ";
  const std::string cmd = no_browser + KN_CLI_BINARY + " report" + db +
                          " --project musterstadt -o " + path("x.pdf") + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::array<char, 4096> buf{};
  std::string out;
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    out.append(buf.data(), n);
  const int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 2) << out;
  EXPECT_NE(out.find("chromium"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(path("x.pdf")));
}

TEST_F(ReportCliTest, CtrlCCancelsCleanly) {
  // 5,000 actors: the report's analyses take seconds; SIGINT after 1 s must end the run with
  // exit code 130, the cancellation message and no report file.
  ASSERT_EQ(run("demo --actors 5000 -o " + path("big.json")).exit_code, 0);
  const ProcResult imp =
      run("import " + path("big.json") + " --db " + path("big.db") + " --project gross");
  ASSERT_EQ(imp.exit_code, 0) << imp.out;
  const std::string cmd = "sh -c '" + std::string(KN_CLI_BINARY) + " report --db " +
                          path("big.db") + " --project gross --threads 1 -o " + path("big.html") +
                          " 2>" + path("stderr.txt") +
                          " & pid=$!; sleep 1; kill -INT $pid; wait $pid; echo exit=$?'";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::array<char, 256> buf{};
  std::string out;
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    out.append(buf.data(), n);
  pclose(pipe);
  EXPECT_NE(out.find("exit=130"), std::string::npos) << out << slurp(path("stderr.txt"));
  EXPECT_NE(slurp(path("stderr.txt")).find("Abgebrochen"), std::string::npos)
      << slurp(path("stderr.txt"));
  EXPECT_FALSE(fs::exists(path("big.html")));
}

}  // namespace
