// klimanetze: the command-line edge. Parses argv, calls the app use cases, prints results.
//
//   klimanetze analyze INPUT [--actors ACTORS.csv] [--relation NAME] [--group ATTR]
//                            [--weight ATTR] [--undirected] [--measures LIST] [--seed N]
//                            [--threads N] [--format json|csv|table] [-o FILE]
//   klimanetze convert INPUT OUTPUT [--actors ACTORS.csv]
//   klimanetze twomode INPUT [--affiliation NAME] [--projection count|jaccard|newman]
//                            [--actors ACTORS.csv] [--format json|csv|table] [-o FILE]
//   klimanetze demo [-o FILE] [--seed N] [--actors N] [--no-plant] [--analyze]
//   klimanetze import INPUT (--db FILE | --postgres URL) --project SLUG [--name NAME] ...
//   klimanetze export OUTPUT (--db FILE | --postgres URL) --project SLUG [--wave NAME] [--names]
//                    (src/cli/db_commands.hpp)
//   klimanetze serve [--db FILE | --postgres URL] [--host H] [--port P] [--demo] ...
//                    (src/cli/serve_command.hpp)
//   klimanetze layout INPUT [...] -o positions.csv / layout-quality INPUT POSITIONS.csv
//                    (src/cli/layout_command.hpp)
//   klimanetze report --project NAME [--db FILE] [--wave W] [--format html|pdf|xlsx] [--lang de|en]
//                    -o FILE (src/cli/report_command.hpp)
//
// Exit codes: 0 ok, 1 usage error, 2 bad input or failed analysis, 130 cancelled (Ctrl-C).

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/analyze.hpp"
#include "app/demo/musterstadt.hpp"
#include "app/i18n.hpp"
#include "app/two_mode_report.hpp"
#include "cli/arguments.hpp"
#include "cli/db_commands.hpp"
#include "cli/layout_command.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/report_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/two_mode_output.hpp"
#include "core/io/format.hpp"
#include "core/util/error.hpp"
#include "kn_version.hpp"

namespace {

using kn::app::Lang;
using kn::cli::split_list;
using kn::cli::write_output;

struct AnalyzeArgs {
  std::string input, actors, relation, wave, group, weight, measures, format = "table", output;
  std::string lang = "de", sort_by;
  bool undirected = false;
  std::uint64_t seed = 42;
  unsigned threads = 0;
  std::size_t top = 15;
};

std::string render(const kn::app::AnalysisResult& result, const AnalyzeArgs& args,
                   const std::string& heading) {
  if (args.format == "json") return kn::cli::write_json(result);
  if (args.format == "csv") return kn::cli::to_csv(result);
  kn::cli::TableOptions table;
  table.lang = kn::app::parse_lang(args.lang);
  table.top = args.top;
  table.sort_by = args.sort_by;
  table.heading = heading;
  return kn::cli::to_table(result, table);
}

kn::app::AnalysisResult run_analysis(const kn::Network& network, const AnalyzeArgs& args) {
  kn::app::AnalyzeRequest request;
  if (!args.relation.empty()) request.relations = split_list(args.relation);
  if (!args.wave.empty()) request.waves = split_list(args.wave);
  request.weight = args.weight;
  request.undirected = args.undirected;
  request.group = args.group;
  for (auto& m : split_list(args.measures))
    request.measures.insert(m);
  request.seed = args.seed;
  request.threads = args.threads;
  const auto& interrupted = kn::cli::install_interrupt_flag();
  kn::cli::ProgressBar bar(kn::cli::stderr_is_terminal() && args.format != "json");
  kn::RunControl control(
      [&bar](const std::string& task, double fraction) { bar.update(task, fraction); },
      &interrupted);
  request.control = &control;
  auto result = kn::app::analyze(network, request);
  bar.finish();
  return result;
}

int cmd_analyze(const AnalyzeArgs& args) {
  kn::io::ReadOptions read;
  read.actors_csv = args.actors;
  read.undirected = args.undirected;
  const kn::Network network = kn::io::read_network(args.input, read);
  const auto result = run_analysis(network, args);
  write_output(args.output, render(result, args, ""));
  return 0;
}

int cmd_convert(const std::string& input, const std::string& output, const std::string& actors) {
  kn::io::ReadOptions read;
  read.actors_csv = actors;
  const kn::Network network = kn::io::read_network(input, read);
  kn::io::write_network(network, output);
  return 0;
}

struct TwoModeArgs {
  std::string input, actors, affiliation = "field", projection = "count", format = "table", output;
  std::string lang = "de";
  std::size_t top = 15;
};

int cmd_two_mode(const TwoModeArgs& args) {
  kn::io::ReadOptions read;
  read.actors_csv = args.actors;
  const kn::Network network = kn::io::read_network(args.input, read);
  kn::app::TwoModeRequest request;
  request.affiliation = args.affiliation;
  request.projection = kn::app::parse_projection_weight(args.projection);
  const kn::app::TwoModeReport report = kn::app::analyze_two_mode(network, request);
  if (args.format == "json") {
    write_output(args.output, kn::cli::to_json(report).dump(2) + "\n");
  } else if (args.format == "csv") {
    write_output(args.output, kn::cli::to_csv(report));
  } else {
    write_output(args.output, kn::cli::to_table(report, kn::app::parse_lang(args.lang), args.top));
  }
  return 0;
}

}  // namespace

// Only option set-up (allocation) can throw outside the command try-block below; std::terminate
// is the right answer to that. NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  CLI::App app{"KlimaNetze – social network analysis of local climate-protection networks"};
  app.set_version_flag("--version", std::string("klimanetze ") + kn::kVersion);
  app.require_subcommand(1);

  AnalyzeArgs aa;
  auto* analyze = app.add_subcommand("analyze", "Compute network and actor measures");
  analyze->add_option("INPUT", aa.input, "Network file: .graphml .gexf .net .paj .dl .csv .json")
      ->required();
  analyze->add_option("--actors", aa.actors, "Actors CSV (id[,name][,sector][,...]) joined by id");
  analyze->add_option("--relation", aa.relation,
                      "Relation(s) to analyse, comma-separated (default: all)");
  analyze->add_option("--wave", aa.wave, "Wave(s) to analyse, comma-separated (default: all)");
  analyze->add_option("--group", aa.group, "Actor attribute defining groups (default: sector)");
  analyze->add_option("--weight", aa.weight, "Tie attribute used as weight (default: unweighted)");
  analyze->add_flag("--undirected", aa.undirected, "Treat ties as undirected");
  analyze->add_option(
      "--measures", aa.measures, "Comma-separated subset of: " + [] {
        std::string s;
        for (const auto& k : kn::app::all_measure_keys())
          s += (s.empty() ? "" : ",") + k;
        return s;
      }());
  analyze->add_option("--seed", aa.seed, "Seed for community detection (default 42)");
  analyze->add_option("--threads", aa.threads, "Worker threads (default: all cores)");
  analyze->add_option("--format", aa.format, "Output format")
      ->check(CLI::IsMember({"json", "csv", "table"}));
  analyze->add_option("-o,--output", aa.output, "Output file (default: standard output)");
  analyze->add_option("--lang", aa.lang, "Language of the table: de or en")
      ->check(CLI::IsMember({"de", "en"}));
  analyze->add_option("--top", aa.top, "Actors shown in the table (default 15)");
  analyze->add_option("--sort", aa.sort_by, "Measure the table is sorted by (default betweenness)");

  std::string conv_in, conv_out, conv_actors;
  auto* convert = app.add_subcommand("convert", "Convert a network between file formats");
  convert->add_option("INPUT", conv_in, "Input network file")->required();
  convert->add_option("OUTPUT", conv_out, "Output network file (format by extension)")->required();
  convert->add_option("--actors", conv_actors, "Actors CSV joined by id");

  TwoModeArgs ta;
  auto* twomode = app.add_subcommand(
      "twomode", "Two-mode analysis: who works on what (actor x field of action, forum, event)");
  twomode->add_option("INPUT", ta.input, "Network file: .graphml .gexf .net .paj .dl .csv .json")
      ->required();
  twomode->add_option("--actors", ta.actors, "Actors CSV (id[,name][,sector][,...]) joined by id");
  twomode->add_option(
      "--affiliation", ta.affiliation,
      "Affiliation, or list-valued actor attribute such as fields[] (default: field)");
  twomode->add_option("--projection", ta.projection, "Weighting of the actor projection")
      ->check(CLI::IsMember({"count", "jaccard", "newman"}));
  twomode->add_option("--format", ta.format, "Output format (csv: the projected ties)")
      ->check(CLI::IsMember({"json", "csv", "table"}));
  twomode->add_option("-o,--output", ta.output, "Output file (default: standard output)");
  twomode->add_option("--lang", ta.lang, "Language of the table: de or en")
      ->check(CLI::IsMember({"de", "en"}));
  twomode->add_option("--top", ta.top, "Actors and pairs shown in the table (default 15)");

  kn::app::MusterstadtOptions demo_opts;
  std::string demo_out;
  bool demo_no_plant = false, demo_analyze = false;
  AnalyzeArgs demo_args;
  demo_args.relation = "zusammenarbeit";
  auto* demo = app.add_subcommand("demo", "Generate the fictional Musterstadt demo network");
  demo->add_option("-o,--output", demo_out, "Write the network to this file (format by extension)");
  demo->add_option("--seed", demo_opts.seed, "Generator seed");
  demo->add_option("--actors", demo_opts.actors, "Number of organisations");
  demo->add_flag("--no-plant", demo_no_plant, "Without the planted structure");
  demo->add_flag("--analyze", demo_analyze, "Print the analysis of the collaboration network");
  demo->add_option("--lang", demo_args.lang, "Language of the table: de or en")
      ->check(CLI::IsMember({"de", "en"}));
  demo->add_option("--top", demo_args.top, "Actors shown in the table");

  kn::cli::ServeArgs serve_args;
  auto* serve = kn::cli::add_serve_command(app, serve_args);

  kn::cli::DbImportArgs import_args;
  auto* import_cmd = kn::cli::add_import_command(app, import_args);
  kn::cli::DbExportArgs export_args;
  auto* export_cmd = kn::cli::add_export_command(app, export_args);
  kn::cli::LayoutArgs layout_args;
  auto* layout_cmd = kn::cli::add_layout_command(app, layout_args);
  kn::cli::LayoutQualityArgs layout_quality_args;
  auto* layout_quality_cmd = kn::cli::add_layout_quality_command(app, layout_quality_args);
  kn::cli::ReportArgs report_args;
  auto* report_cmd = kn::cli::add_report_command(app, report_args);

  CLI11_PARSE(app, argc, argv);
  // Before any input is read, so a Ctrl-C during a long read still ends in a clean exit 130.
  kn::cli::install_interrupt_flag();

  const Lang lang = kn::app::parse_lang(analyze->parsed()      ? aa.lang
                                        : twomode->parsed()    ? ta.lang
                                        : report_cmd->parsed() ? report_args.lang
                                                               : demo_args.lang);
  try {
    if (analyze->parsed()) return cmd_analyze(aa);
    if (convert->parsed()) return cmd_convert(conv_in, conv_out, conv_actors);
    if (twomode->parsed()) return cmd_two_mode(ta);
    if (import_cmd->parsed()) return kn::cli::run_import(import_args);
    if (export_cmd->parsed()) return kn::cli::run_export(export_args);
    if (serve->parsed()) return kn::cli::run_serve(serve_args);
    if (layout_cmd->parsed()) return kn::cli::run_layout(layout_args);
    if (layout_quality_cmd->parsed()) return kn::cli::run_layout_quality(layout_quality_args);
    if (report_cmd->parsed()) return kn::cli::run_report(report_args);
    if (demo->parsed()) {
      demo_opts.plant = !demo_no_plant;
      const kn::Network network = kn::app::generate_musterstadt(demo_opts);
      if (!demo_out.empty()) {
        kn::io::write_network(network, demo_out);
        std::cerr << kn::app::tr_format(lang, "cli.wrote", {demo_out}) << "\n";
      }
      if (demo_analyze || demo_out.empty()) {
        const auto result = run_analysis(network, demo_args);
        std::cout << render(result, demo_args, kn::app::tr(lang, "demo.heading"));
      }
      return 0;
    }
  } catch (const kn::Cancelled&) {
    std::cerr << "\n" << kn::app::tr(lang, "cli.cancelled") << "\n";
    return 130;
  } catch (const std::exception& e) {
    std::cerr << kn::app::tr(lang, "cli.error") << ": " << e.what() << "\n";
    return 2;
  }
  return 1;
}
