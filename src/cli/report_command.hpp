#pragma once
// `klimanetze report`: the city report of a stored project (src/report, docs/report.md).
//
//   klimanetze report [--db FILE | --postgres URL] --project NAME [--wave W] [--relation R]
//                     [--format html|pdf|xlsx] [--lang de|en] [--names] [--no-reconstruct]
//                     [--top N] [--seed N] [--threads N] [--demo] -o FILE
//
// NAME is the project's slug or display name. The format defaults to the output's extension.
// Pseudonymised unless --names (a researcher's report). --demo first seeds the Musterstadt demo
// into the database if it is not there (as `serve --demo` does, without printing credentials)
// and makes --project default to it. Progress on stderr (a terminal only), Ctrl-C cancels
// (exit 130). PDF needs Chromium (Debian package chromium); without it the command says so and
// exits 2 without writing anything.

#include <cstdint>
#include <string>

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
}

namespace kn::cli {

struct ReportArgs {
  std::string db = "klimanetze.db", postgres, project, wave, relation, format, lang = "de", output;
  bool names = false, no_reconstruct = false, demo = false;
  std::size_t top = 10;
  std::uint64_t seed = 42;
  unsigned threads = 0;
};

CLI::App* add_report_command(CLI::App& app, ReportArgs& args);
/// Runs the command; returns the exit code (errors are thrown, as in main()).
int run_report(const ReportArgs& args);

}  // namespace kn::cli
