// The city report's analyses (see report_model.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/report_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "analysis/layout/force_layout.hpp"
#include "analysis/mixing/group_mixing.hpp"
#include "analysis/similarity/neighbourhood_similarity.hpp"
#include "app/missing_data.hpp"

namespace kn::report {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Steps of build_report, for the progress fraction.
constexpr double kSteps = 9.0;

void step(const ReportOptions& options, const char* task, int done) {
  if (options.control) options.control->step(std::string("report: ") + task, done / kSteps);
}

std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t v) {
  while (parent[v] != v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

/// Ties, density and components of the subgraph of `g` induced by `members`.
FieldNetwork field_network(const Graph& g, const app::FieldCoverage& field) {
  FieldNetwork out;
  out.field = field.field;
  const auto n = static_cast<std::uint32_t>(field.actors.size());
  out.actors = n;
  std::vector<std::int64_t> local(g.n(), -1);
  for (std::uint32_t i = 0; i < n; ++i)
    local[field.actors[i]] = i;
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0U);
  std::vector<bool> linked(n, false);
  for (std::uint32_t i = 0; i < n; ++i) {
    for (const std::uint32_t w : g.out(field.actors[i])) {
      const std::int64_t j = local[w];
      if (j < 0 || static_cast<std::uint32_t>(j) == i) continue;
      const auto uj = static_cast<std::uint32_t>(j);
      if (uj > i) ++out.ties;  // the symmetrised simple graph lists each edge both ways
      linked[i] = linked[uj] = true;
      const auto a = find_root(parent, i), b = find_root(parent, uj);
      if (a != b) parent[a] = b;
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (find_root(parent, i) == i) ++out.components;
    if (!linked[i]) ++out.isolated;
  }
  out.density = n < 2 ? kNaN : static_cast<double>(out.ties) / (n * (n - 1.0) / 2.0);
  return out;
}

MixingSection mixing_section(const Graph& g, const app::MapModel& map,
                             const std::vector<std::string>& sectors) {
  Groups groups;
  groups.names = sectors;
  groups.member.resize(map.actors.size(), 0);
  for (const auto& a : map.actors) {
    const auto it = std::find(sectors.begin(), sectors.end(), a.sector);
    groups.member[a.index] = static_cast<std::uint32_t>(it - sectors.begin());
  }
  const auto m = group_mixing(g, groups);
  MixingSection out;
  out.ei_index = m.ei_index;
  out.assortativity = m.assortativity;
  out.sectors = sectors;
  out.sector_ei = m.group_ei;
  return out;
}

}  // namespace

ReportModel build_report(const ReportInput& input, const ReportOptions& options) {
  const RunControl& control = options.control ? *options.control : RunControl::none();
  ReportModel r;
  r.project = input.project;
  r.names = input.names;
  const std::size_t n = input.network.actor_count();

  app::MapOptions mo;
  mo.wave = options.wave;
  mo.relation = options.relation;
  mo.responded = input.responded;
  mo.invited = input.invited;
  mo.threads = options.threads;
  mo.control = options.control;

  step(options, "measures", 0);
  r.map = app::map_model(input.network, mo);
  r.wave = r.map.wave;
  r.relation = r.map.relation;

  // Missing data: reconstruction by reciprocation for the structure.
  r.missing.survey = !input.invited.empty();
  std::optional<Network> rebuilt;
  if (r.missing.survey) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!input.invited[i]) continue;
      if (i < input.responded.size() && input.responded[i])
        ++r.missing.respondents;
      else
        ++r.missing.non_respondents;
    }
    if (options.reconstruct && r.missing.non_respondents > 0) {
      app::ReconstructionOptions ro;
      ro.responded = input.responded;
      auto rec = app::reconstruct_ties(input.network, ro);
      r.missing.added = rec.added;
      r.missing.added_by_relation = rec.added_by_relation;
      if (rec.added > 0) {
        r.missing.reconstructed = true;
        rebuilt = std::move(rec.network);
        step(options, "measures (reconstructed)", 1);
        r.reconstructed = app::map_model(*rebuilt, mo);
      }
    }
  }
  const Network& structure_network = rebuilt ? *rebuilt : input.network;

  // Positions: the stored layout, else a seeded layout of the reported ties.
  step(options, "layout", 2);
  auto layout_input = app::map_layout_input(input.network, mo);
  if (input.positions.size() == n) {
    for (auto& a : r.map.actors) {
      a.x = input.positions[a.index].first;
      a.y = input.positions[a.index].second;
    }
  } else {
    ForceLayoutOptions lo;
    lo.seed = options.seed;
    lo.threads = options.threads;
    lo.control = options.control;
    const auto layout = force_layout(layout_input.graph, lo);
    for (auto& a : r.map.actors) {
      a.x = layout.x[a.index];
      a.y = layout.y[a.index];
    }
  }
  if (r.reconstructed)
    for (std::size_t i = 0; i < n; ++i) {
      r.reconstructed->actors[i].x = r.map.actors[i].x;
      r.reconstructed->actors[i].y = r.map.actors[i].y;
    }

  step(options, "dashboard", 3);
  app::DashboardOptions dopt;
  dopt.top = options.top;
  r.dashboard = app::dashboard(r.map, dopt);
  r.structure_dashboard = r.reconstructed ? app::dashboard(*r.reconstructed, dopt) : r.dashboard;
  const Graph& reported = layout_input.graph;
  const Graph rebuilt_graph = rebuilt ? app::map_layout_input(*rebuilt, mo).graph : Graph();
  const Graph& graph = rebuilt ? rebuilt_graph : reported;
  r.mixing = mixing_section(graph, r.structure(), r.dashboard.sectors);

  // Who holds it together: first every single removal, then the key player sets (whose
  // candidate pool on large networks comes from the removals and the degrees).
  step(options, "removal", 4);
  auto& kp = r.key_players;
  RemovalImpactOptions rio;
  rio.threads = options.threads;
  rio.control = options.control;
  kp.removal = removal_impact(graph, rio);
  std::vector<std::size_t> order(kp.removal.removals.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = kp.removal.removals[a];
    const auto& y = kp.removal.removals[b];
    if (x.lost_pairs != y.lost_pairs) return x.lost_pairs > y.lost_pairs;
    return x.components > y.components;
  });
  for (const auto i : order) {
    if (kp.removal_top.size() >= options.top || kp.removal.removals[i].lost_pairs == 0) break;
    kp.removal_top.push_back(i);
  }
  step(options, "key players", 5);
  if (n >= 2) {
    kp.k = options.key_players > 0
               ? std::min<std::uint32_t>(options.key_players, static_cast<std::uint32_t>(n - 1))
               : std::clamp<std::uint32_t>(static_cast<std::uint32_t>(n / 10), 1U, 5U);
    KeyPlayerOptions ko;
    ko.k = kp.k;
    ko.seed = options.seed;
    ko.restarts = 10;
    ko.threads = options.threads;
    ko.control = options.control;
    // A swap pass costs k (n - k) evaluations of O(n + m) (5,000 actors: minutes). Above
    // kKeyPlayerPool actors the search picks from a pool: the kKeyPlayerPool / 2 actors whose
    // single removal cuts the most pairs and the kKeyPlayerPool / 2 of highest degree
    // (docs/report.md; PERFORMANCE.md, "City report").
    constexpr std::size_t kKeyPlayerPool = 200;
    if (n > kKeyPlayerPool) {
      std::vector<ActorIndex> by_degree(n);
      std::iota(by_degree.begin(), by_degree.end(), ActorIndex{0});
      std::stable_sort(by_degree.begin(), by_degree.end(), [&](ActorIndex a, ActorIndex b) {
        return graph.out_degree(a) > graph.out_degree(b);
      });
      for (std::size_t i = 0; i < kKeyPlayerPool / 2; ++i) {
        ko.candidates.push_back(by_degree[i]);
        ko.candidates.push_back(kp.removal.removals[order[i]].actor);
      }
      ko.restarts = 4;
    }
    ko.goal = KeyPlayerGoal::Fragmentation;
    kp.fragmentation = key_players(graph, ko);
    ko.goal = KeyPlayerGoal::Reach;
    kp.reach = key_players(graph, ko);
  }
  CorePeripheryOptions co;
  co.seed = options.seed;
  co.restarts = n <= 2000 ? 20 : 5;
  co.control = options.control;
  kp.core = core_periphery(graph, co);

  // Where it works and where not; who wants to work together.
  step(options, "quality", 6);
  r.quality = app::collaboration_quality(r.map);
  r.barriers = app::barrier_frequencies(r.map);
  app::MatchmakingOptions mm;
  mm.top = options.top * 2;
  r.matchmaking = app::matchmaking(r.map, mm);
  NeighbourhoodSimilarityOptions so;
  for (const auto& sg : r.matchmaking.suggestions)
    so.pairs.emplace_back(sg.a, sg.b);
  if (!so.pairs.empty()) r.suggestion_similarity = neighbourhood_similarity(reported, so).pairs;

  // Who does what.
  step(options, "fields", 7);
  r.fields = app::field_coverage(structure_network);
  for (const auto& f : r.fields.fields)
    r.field_networks.push_back(field_network(graph, f));
  app::SectorCohesionOptions sc;
  sc.min_fragment = options.fragment_min;
  r.cohesion = app::sector_cohesion(structure_network, sc);

  step(options, "innovations", 8);
  app::InnovationOptions io;
  io.seed = options.seed;
  r.innovations = app::innovation_insights(r.structure(), input.innovations, io);
  r.ideas = input.innovations;
  control.check();
  return r;
}

}  // namespace kn::report
