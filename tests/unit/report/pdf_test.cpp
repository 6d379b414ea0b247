// HTML to PDF with headless Chromium: a two-page A4 page with German text printed for real and
// checked with poppler (pdfinfo: 2 pages, A4; pdftotext: the umlauts and ß; pdftoppm: two
// rendered pages), skipped when Chromium or poppler is missing (CI has both). Then the failure
// paths with stand-in "browsers" (small shell scripts): not found, not startable, non-zero exit
// with its output in the message, no PDF written, and the timeout killing the process group;
// every failure leaves neither the target nor a temporary file.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "report/pdf.hpp"

namespace kn::report {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kn-pdf-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_))
      names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path path_;
};

/// Sets (or unsets, with nullopt) an environment variable for the scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      setenv(name, value->c_str(), 1);
    else
      unsetenv(name);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

/// A stand-in browser: a shell script with the given body.
std::string fake_browser(const TempDir& dir, const std::string& name, const std::string& body) {
  const std::string path = dir.file(name);
  write_file(path, "#!/bin/sh\n" + body);
  chmod(path.c_str(), 0755);
  return path;
}

bool on_path(const std::string& program) {
  const char* env = std::getenv("PATH");
  std::stringstream dirs(env != nullptr ? env : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  return false;
}

/// Output of a command run through the shell (the arguments are our own temp paths).
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    out.append(buf.data(), n);
  pclose(pipe);
  return out;
}

const char* const kPage = R"(<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Bericht</title>
<style>
  @page { size: A4; margin: 20mm; }
  body { font-family: sans-serif; font-size: 12pt; }
  .page { break-before: page; }
</style>
</head>
<body>
  <h1>Netzwerkbericht Musterstadt</h1>
  <p>Die Zusammenarbeit in der Hauptstraße: Größe des Netzwerks, Übergänge, Äpfel und Öfen.</p>
  <section class="page">
    <h2>Seite zwei</h2>
    <p>Grüße aus der Straße – ä ö ü ß Ä Ö Ü.</p>
  </section>
</body>
</html>
)";

TEST(Pdf, PrintsTwoA4PagesWithGermanText) {
  const std::optional<std::string> chromium = find_chromium();
  if (!chromium) GTEST_SKIP() << "no Chromium installed (apt-get install chromium)";
  for (const char* tool : {"pdfinfo", "pdftotext", "pdftoppm"})
    if (!on_path(tool)) GTEST_SKIP() << tool << " not installed (apt-get install poppler-utils)";

  TempDir dir;
  const std::string html = dir.file("bericht seite.html");  // a space: the URL is encoded
  write_file(html, kPage);
  const std::string pdf = dir.file("bericht.pdf");
  write_file(pdf, "old");  // replaced
  const auto start = std::chrono::steady_clock::now();
  print_pdf(html, pdf, PdfOptions{*chromium, 60});
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(seconds.count(), 30.0);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"bericht seite.html", "bericht.pdf"}));
  EXPECT_EQ(slurp(pdf).substr(0, 5), "%PDF-");

  const std::string info = run("pdfinfo '" + pdf + "' 2>&1");
  EXPECT_NE(info.find("Pages:           2\n"), std::string::npos) << info;
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;

  const std::string text = run("pdftotext -enc UTF-8 '" + pdf + "' - 2>&1");
  EXPECT_NE(text.find("Straße"), std::string::npos) << text;
  EXPECT_NE(text.find("Größe"), std::string::npos) << text;
  EXPECT_NE(text.find("ä ö ü ß Ä Ö Ü"), std::string::npos) << text;
  EXPECT_NE(text.find("\f"), std::string::npos) << text;  // the page break

  const std::string prefix = dir.file("seite");
  run("pdftoppm -png -r 50 '" + pdf + "' '" + prefix + "' 2>&1");
  for (const char* page : {"seite-1.png", "seite-2.png"}) {
    const std::string png = slurp(dir.file(page));
    ASSERT_FALSE(png.empty()) << page << " missing";
    EXPECT_EQ(png.substr(1, 3), "PNG") << page;
    EXPECT_GT(png.size(), 2000u) << page;
  }
  EXPECT_FALSE(fs::exists(dir.file("seite-3.png")));
}

TEST(Pdf, MissingKnChromiumGivesNoBrowserAndPdfUnavailable) {
  // Decision (pdf.hpp): an explicit KN_CHROMIUM that is not an executable gives nullopt, never
  // another browser, and print_pdf throws PdfUnavailable naming it.
  const ScopedEnv env("KN_CHROMIUM", std::string("/nonexistent/kn/chromium"));
  EXPECT_EQ(find_chromium(), std::nullopt);
  TempDir dir;
  const std::string html = dir.file("a.html");
  write_file(html, kPage);
  try {
    print_pdf(html, dir.file("a.pdf"));
    FAIL() << "no exception";
  } catch (const PdfUnavailable& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("KN_CHROMIUM=\"/nonexistent/kn/chromium\""), std::string::npos) << what;
    EXPECT_NE(what.find("apt-get install chromium"), std::string::npos) << what;
    EXPECT_NE(what.find("HTML report"), std::string::npos) << what;
  }
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"a.html"});
}

TEST(Pdf, KnChromiumAndExplicitChoiceAreUsed) {
  TempDir dir;
  const std::string browser = fake_browser(dir, "mein-browser", "exit 0\n");
  {
    const ScopedEnv env("KN_CHROMIUM", browser);
    EXPECT_EQ(find_chromium(), browser);
    EXPECT_EQ(find_chromium(PdfOptions{"/nonexistent/chromium", 120}), std::nullopt);
  }
  const ScopedEnv env("KN_CHROMIUM", std::nullopt);
  const std::optional<std::string> sh = find_chromium(PdfOptions{"sh", 120});  // on PATH
  ASSERT_TRUE(sh.has_value());
  EXPECT_EQ(sh->front(), '/');
}

TEST(Pdf, BogusChromiumPathThrowsPdfUnavailable) {
  TempDir dir;
  const std::string html = dir.file("a.html");
  write_file(html, kPage);
  PdfOptions options;
  options.chromium = "/nonexistent/bin/chromium";
  EXPECT_THROW(print_pdf(html, dir.file("a.pdf"), options), PdfUnavailable);

  // A file that is not executable is not a browser either.
  options.chromium = html;
  EXPECT_THROW(print_pdf(html, dir.file("a.pdf"), options), PdfUnavailable);

  // Executable but not a program: exec fails (ENOEXEC), reported as unavailable.
  options.chromium = dir.file("kaputt");
  write_file(options.chromium, std::string("\x7f"
                                           "ELF garbage",
                                           12));
  chmod(options.chromium.c_str(), 0755);
  try {
    print_pdf(html, dir.file("a.pdf"), options);
    FAIL() << "no exception";
  } catch (const PdfUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("cannot start Chromium " + options.chromium),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"a.html", "kaputt"}));
}

TEST(Pdf, FailingBrowserReportsStatusAndLastOutput) {
  TempDir dir;
  const std::string html = dir.file("a.html");
  write_file(html, kPage);
  PdfOptions options;
  options.chromium = fake_browser(dir, "failing",
                                  "echo 'starting up'\n"
                                  "echo '[1:2:ERROR:dbus/bus.cc:405] Failed to connect' >&2\n"
                                  "echo 'fatal: cannot open display' >&2\n"
                                  "exit 3\n");
  try {
    print_pdf(html, dir.file("a.pdf"), options);
    FAIL() << "no exception";
  } catch (const PdfUnavailable& e) {
    FAIL() << "not an availability problem: " << e.what();
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("exited with status 3"), std::string::npos) << what;
    EXPECT_NE(what.find("starting up"), std::string::npos) << what;
    EXPECT_NE(what.find("fatal: cannot open display"), std::string::npos) << what;
    EXPECT_EQ(what.find("dbus"), std::string::npos) << what;
    EXPECT_NE(what.find(html), std::string::npos) << what;
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"a.html", "failing"}));
}

TEST(Pdf, BrowserGetsTheDocumentedArgumentsAndMustWriteAPdf) {
  TempDir dir;
  const std::string html = dir.file("ä b.html");
  write_file(html, kPage);
  const std::string args_file = dir.file("args.txt");
  PdfOptions options;
  // Records its arguments, then writes something that is not a PDF.
  options.chromium = fake_browser(dir, "not-pdf",
                                  "for a in \"$@\"; do echo \"$a\" >> '" + args_file +
                                      "'; case \"$a\" in --print-to-pdf=*) echo hello > "
                                      "\"${a#--print-to-pdf=}\";; esac; done\n");
  try {
    print_pdf(html, dir.file("a.pdf"), options);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("wrote no PDF"), std::string::npos) << e.what();
  }
  std::vector<std::string> args;
  std::istringstream lines(slurp(args_file));
  for (std::string line; std::getline(lines, line);)
    args.push_back(line);
  ASSERT_EQ(args.size(), 10u);
  EXPECT_EQ(args[0], "--headless");
  EXPECT_EQ(args[1], "--no-sandbox");
  EXPECT_EQ(args[2], "--disable-gpu");
  EXPECT_EQ(args[3], "--disable-background-networking");
  EXPECT_EQ(args[4], "--disable-extensions");
  EXPECT_EQ(args[5], "--no-first-run");
  EXPECT_EQ(args[6].rfind("--user-data-dir=", 0), 0u);
  EXPECT_FALSE(fs::exists(args[6].substr(16))) << "profile directory not removed";
  EXPECT_EQ(args[7], "--no-pdf-header-footer");
  EXPECT_EQ(args[8].rfind("--print-to-pdf=" + dir.file(".a.pdf.tmp-"), 0), 0u) << args[8];
  std::string encoded = html.substr(0, html.size() - std::string("ä b.html").size());
  EXPECT_EQ(args[9], "file://" + encoded + "%C3%A4%20b.html");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"args.txt", "not-pdf", "ä b.html"}));
}

TEST(Pdf, TimeoutKillsTheProcessGroup) {
  TempDir dir;
  const std::string html = dir.file("a.html");
  write_file(html, kPage);
  const std::string pid_file = dir.file("child.pid");
  PdfOptions options;
  options.chromium =
      fake_browser(dir, "hanging", "sleep 30 &\necho $! > '" + pid_file + "'\nwait\n");
  options.timeout_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  try {
    print_pdf(html, dir.file("a.pdf"), options);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("did not finish within 1 s"), std::string::npos)
        << e.what();
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(seconds.count(), 5.0);
  // The grandchild (sleep) was killed with the group: gone, or a zombie awaiting its reaper.
  const std::string pid = slurp(pid_file);
  ASSERT_FALSE(pid.empty());
  const int child = std::stoi(pid);
  for (int i = 0; i < 50 && kill(child, 0) == 0; ++i) {
    const std::string stat = slurp("/proc/" + std::to_string(child) + "/stat");
    if (stat.find(") Z ") != std::string::npos) break;
    usleep(20'000);
  }
  const std::string stat = slurp("/proc/" + std::to_string(child) + "/stat");
  EXPECT_TRUE(stat.empty() || stat.find(") Z ") != std::string::npos) << stat;
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"a.html", "child.pid", "hanging"}));
}

TEST(Pdf, MissingHtmlIsAnErrorNotUnavailability) {
  TempDir dir;
  PdfOptions options;
  options.chromium = fake_browser(dir, "ok", "exit 0\n");
  try {
    print_pdf(dir.file("fehlt.html"), dir.file("a.pdf"), options);
    FAIL() << "no exception";
  } catch (const PdfUnavailable& e) {
    FAIL() << e.what();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("the HTML file does not exist"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"ok"});
}

}  // namespace
}  // namespace kn::report
