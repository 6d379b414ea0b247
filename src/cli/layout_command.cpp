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
#include "cli/progress.hpp"
#include "core/io/format.hpp"
#include "core/util/error.hpp"

namespace kn::cli {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::stringstream ss(text);
  while (std::getline(ss, item, sep)) {
    while (!item.empty() && (item.front() == ' ' || item.front() == '"'))
      item.erase(item.begin());
    while (!item.empty() && (item.back() == ' ' || item.back() == '"' || item.back() == '\r'))
      item.pop_back();
    out.push_back(item);
  }
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  for (auto& s : split(text, ','))
    if (!s.empty()) out.push_back(s);
  return out;
}

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

double parse_coordinate(const std::string& text, const std::string& file, std::size_t line,
                        const char* field) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) {
    throw parse_error_at_line(file, line, field, "not a finite number: '" + text + "'");
  }
  return v;
}

/// Reads id,x,y rows into per-actor vectors (NaN = not in the file).
void read_positions(const std::string& file, const Network& network, std::vector<double>& x,
                    std::vector<double>& y, bool require_all) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + file + "'");
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t a = 0; a < network.actor_count(); ++a)
    index.emplace(network.actor_id(a), a);
  x.assign(network.actor_count(), std::nan(""));
  y.assign(network.actor_count(), std::nan(""));
  std::string text;
  std::size_t line = 0;
  std::size_t cid = 0, cx = 0, cy = 0;
  bool header = false;
  while (std::getline(in, text)) {
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty()) continue;
    const auto fields = split(text, ',');
    if (!header) {
      bool has_id = false, has_x = false, has_y = false;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "id") cid = i, has_id = true;
        if (fields[i] == "x") cx = i, has_x = true;
        if (fields[i] == "y") cy = i, has_y = true;
      }
      if (!has_id || !has_x || !has_y) {
        throw parse_error_at_line(file, line, "header", "expected the columns id,x,y");
      }
      header = true;
      continue;
    }
    const std::size_t need = std::max({cid, cx, cy}) + 1;
    if (fields.size() < need) {
      const char* missing = fields.size() <= cid ? "id" : fields.size() <= cx ? "x" : "y";
      throw parse_error_at_line(file, line, missing, "missing field");
    }
    const auto it = index.find(fields[cid]);
    if (it == index.end()) {
      throw parse_error_at_line(file, line, "id", "unknown actor '" + fields[cid] + "'");
    }
    if (!std::isnan(x[it->second])) {
      throw parse_error_at_line(file, line, "id", "actor '" + fields[cid] + "' repeated");
    }
    x[it->second] = parse_coordinate(fields[cx], file, line, "x");
    y[it->second] = parse_coordinate(fields[cy], file, line, "y");
  }
  if (!header) throw parse_error_at_line(file, 1, "header", "expected the columns id,x,y");
  if (require_all) {
    for (std::uint32_t a = 0; a < network.actor_count(); ++a)
      if (std::isnan(x[a])) {
        throw ParseError(file, "end of file", "id",
                         "no position for actor '" + network.actor_id(a) + "'");
      }
  }
}

std::string number(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void write_text(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
  out << content;
  out.close();
  if (!out) throw std::runtime_error("error while writing '" + path + "'");
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
    out.reserve(std::size_t{g.n()} * 40);
    out += "id,x,y\n";
    for (std::uint32_t v = 0; v < g.n(); ++v) {
      const std::string& id = network.actor_id(v);
      if (id.find_first_of(",\"\n\r") != std::string::npos) {
        out += '"';
        for (const char c : id) {
          if (c == '"') out += '"';
          out += c;
        }
        out += '"';
      } else {
        out += id;
      }
      out += ',';
      out += number(r.x[v]);
      out += ',';
      out += number(r.y[v]);
      out += '\n';
    }
  }
  write_text(a.output, out);
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
  write_text("", j.dump(2) + "\n");
  return 0;
}

}  // namespace kn::cli
