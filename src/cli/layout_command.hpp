#pragma once
// `klimanetze layout` and `klimanetze layout-quality`: the server-side map layout on the
// command line (src/analysis/layout/force_layout.hpp, layout_quality.hpp).
//
//   klimanetze layout INPUT [--actors CSV] [--relation R] [--wave W] [--weight ATTR] [--seed N]
//                     [--iterations N] [--threads N] [--initial POSITIONS.csv [--refine]]
//                     [--format csv|json] [-o FILE]
//       writes one row per actor: id,x,y (CSV, header "id,x,y"; shortest round-trip numbers)
//   klimanetze layout-quality INPUT POSITIONS.csv [--actors CSV] [--relation R] [--wave W]
//                     [--seed N] [--threads N] [--stress-sources N] [--crossing-edges N]
//       prints stress and crossings as JSON.
//
// A positions file has the header id,x,y (further columns ignored) and one row per actor;
// layout-quality needs every actor, --initial takes any subset (missing actors are placed).
// Bad rows (unknown or repeated id, a non-numeric or non-finite x/y, too few fields) throw
// kn::ParseError naming the file, the line and the field. Progress on stderr (a terminal only),
// Ctrl-C cancels (exit 130), like analyze.

#include <cstdint>
#include <string>

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
}

namespace kn::cli {

struct LayoutArgs {
  std::string input, actors, relation, wave, weight, initial, format = "csv", output;
  bool refine = false;
  std::uint64_t seed = 42;
  std::uint32_t iterations = 0;
  unsigned threads = 0;
};

struct LayoutQualityArgs {
  std::string input, positions, actors, relation, wave;
  std::uint64_t seed = 42;
  unsigned threads = 0;
  std::uint32_t stress_sources = 200;
  std::uint32_t crossing_edges = 1000;
};

CLI::App* add_layout_command(CLI::App& app, LayoutArgs& args);
CLI::App* add_layout_quality_command(CLI::App& app, LayoutQualityArgs& args);
/// Run the commands; return the exit code (errors are thrown, as in main()).
int run_layout(const LayoutArgs& args);
int run_layout_quality(const LayoutQualityArgs& args);

}  // namespace kn::cli
