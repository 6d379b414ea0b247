#include "cli/layout_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "analysis/layout/force_layout.hpp"
#include "analysis/layout/layout_quality.hpp"
#include "cli/arguments.hpp"
#include "cli/progress.hpp"
#include "core/io/format.hpp"
#include "core/io/positions.hpp"
#include "core/util/error.hpp"

namespace kn::cli {
namespace {

Graph read_graph(const std::string& input, const std::string& actors, const std::string& relation,
                 const std::string& wave, const std::string& weight, Network& network) {
  io::ReadOptions read;
  read.actors_csv = actors;
  network = io::read_network(input, read);
  ViewOptions view;
  view.relations = split_list(relation);
  view.waves = split_list(wave);
  view.weight = weight;
  view.undirected = true;
  return make_view(network, view);
}

/// Reads an id,x,y positions file (core/io/positions.hpp) into per-actor vectors.
void read_positions(const std::string& file, const Network& network, std::vector<double>& x,
                    std::vector<double>& y, bool require_all) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + file + "'");
  std::ostringstream text;
  text << in.rdbuf();
  io::Positions p = io::read_positions(text.str(), file, network, require_all);
  x = std::move(p.x);
  y = std::move(p.y);
}

}  // namespace

CLI::App* add_layout_command(CLI::App& app, LayoutArgs& a) {
  auto* cmd = app.add_subcommand("layout", "Compute map positions (seeded ForceAtlas2)");
  cmd->add_option("INPUT", a.input, "Network file: .graphml .gexf .net .paj .dl .csv .json")
      ->required();
  cmd->add_option("--actors", a.actors, "Actors CSV (id[,name][,sector][,...]) joined by id");
  cmd->add_option("--relation", a.relation, "Relation(s), comma-separated (default: all)");
  cmd->add_option("--wave", a.wave, "Wave(s), comma-separated (default: all)");
  cmd->add_option("--weight", a.weight, "Tie attribute used as attraction strength");
  cmd->add_option("--seed", a.seed, "Seed (default 42)");
  cmd->add_option("--iterations", a.iterations, "ForceAtlas2 sweeps (default: automatic)");
  cmd->add_option("--threads", a.threads, "Worker threads (default: all cores)");
  cmd->add_option("--initial", a.initial, "Start positions CSV (id,x,y; missing actors placed)");
  cmd->add_flag("--refine", a.refine, "With --initial: fewer sweeps, the picture stays put");
  cmd->add_option("--format", a.format, "Output format")->check(CLI::IsMember({"csv", "json"}));
  cmd->add_option("-o,--output", a.output, "Output file (default: standard output)");
  return cmd;
}

CLI::App* add_layout_quality_command(CLI::App& app, LayoutQualityArgs& a) {
  auto* cmd =
      app.add_subcommand("layout-quality", "Stress and edge crossings of map positions (JSON)");
  cmd->add_option("INPUT", a.input, "Network file")->required();
  cmd->add_option("POSITIONS", a.positions, "Positions CSV (id,x,y)")->required();
  cmd->add_option("--actors", a.actors, "Actors CSV joined by id");
  cmd->add_option("--relation", a.relation, "Relation(s), comma-separated (default: all)");
  cmd->add_option("--wave", a.wave, "Wave(s), comma-separated (default: all)");
  cmd->add_option("--seed", a.seed, "Seed of the samples (default 42)");
  cmd->add_option("--threads", a.threads, "Worker threads (default: all cores)");
  cmd->add_option("--stress-sources", a.stress_sources,
                  "Sampled BFS sources above 2000 actors (default 200)");
  cmd->add_option("--crossing-edges", a.crossing_edges,
                  "Sampled edges above 5000 edges (default 1000)");
  return cmd;
}

int run_layout(const LayoutArgs& a) {
  Network network;
  const Graph g = read_graph(a.input, a.actors, a.relation, a.wave, a.weight, network);
  ForceLayoutOptions o;
  o.seed = a.seed;
  o.iterations = a.iterations;
  o.threads = a.threads;
  o.weighted = !a.weight.empty();
  if (!a.initial.empty()) {
    read_positions(a.initial, network, o.initial_x, o.initial_y, false);
    o.refine = a.refine;
  }
  const auto& interrupted = install_interrupt_flag();
  ProgressBar bar(stderr_is_terminal());
  RunControl control([&bar](const std::string& task, double f) { bar.update(task, f); },
                     &interrupted);
  o.control = &control;
  const ForceLayoutResult r = force_layout(g, o);
  bar.finish();
  std::string out;
  if (a.format == "json") {
    nlohmann::json j;
    j["iterations"] = r.iterations;
    j["seed"] = a.seed;
    auto& actors = j["actors"] = nlohmann::json::array();
    for (std::uint32_t v = 0; v < g.n(); ++v)
      actors.push_back({{"id", network.actor_id(v)}, {"x", r.x[v]}, {"y", r.y[v]}});
    out = j.dump(2) + "\n";
  } else {
    out = io::write_positions(network, r.x, r.y);
  }
  write_output(a.output, out);
  return 0;
}

int run_layout_quality(const LayoutQualityArgs& a) {
  Network network;
  const Graph g = read_graph(a.input, a.actors, a.relation, a.wave, "", network);
  std::vector<double> x, y;
  read_positions(a.positions, network, x, y, true);
  const auto& interrupted = install_interrupt_flag();
  ProgressBar bar(stderr_is_terminal());
  RunControl control([&bar](const std::string& task, double f) { bar.update(task, f); },
                     &interrupted);
  LayoutQualityOptions o;
  o.seed = a.seed;
  o.threads = a.threads;
  o.stress_sources = a.stress_sources;
  o.crossing_sample_edges = a.crossing_edges;
  o.control = &control;
  const LayoutQuality q = layout_quality(g, x, y, o);
  bar.finish();
  nlohmann::json j;
  j["actors"] = g.n();
  j["edges"] = q.edges;
  j["stress"] = std::isnan(q.stress) ? nlohmann::json(nullptr) : nlohmann::json(q.stress);
  j["stress_scale"] =
      std::isnan(q.stress_scale) ? nlohmann::json(nullptr) : nlohmann::json(q.stress_scale);
  j["stress_exact"] = q.stress_exact;
  j["stress_sources"] = q.stress_sources;
  j["stress_pairs"] = q.stress_pairs;
  j["crossings"] = q.crossings;
  j["crossings_exact"] = q.crossings_exact;
  j["crossing_edges"] = q.crossing_edges;
  j["seed"] = a.seed;
  write_output("", j.dump(2) + "\n");
  return 0;
}

}  // namespace kn::cli
