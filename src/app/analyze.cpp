#include "app/analyze.hpp"

#include <algorithm>
#include <stdexcept>

#include "analysis/brokerage/structural_holes.hpp"
#include "analysis/centrality/betweenness.hpp"
#include "analysis/centrality/closeness.hpp"
#include "analysis/centrality/degree.hpp"
#include "analysis/centrality/eigenvector.hpp"
#include "analysis/centrality/pagerank.hpp"
#include "analysis/cohesion/community.hpp"
#include "analysis/cohesion/components.hpp"
#include "analysis/cohesion/coreness.hpp"
#include "analysis/mixing/group_mixing.hpp"

namespace kn::app {

const std::vector<std::string>& actor_measure_keys() {
  static const std::vector<std::string> keys{
      "indegree",    "outdegree", "betweenness", "closeness",  "harmonic",
      "eigenvector", "pagerank",  "coreness",    "constraint", "effective_size",
      "efficiency",  "community", "component",   "brokerage"};
  return keys;
}

std::vector<std::string> all_measure_keys() {
  auto keys = actor_measure_keys();
  keys.emplace_back("network");
  return keys;
}

const std::vector<double>* AnalysisResult::measure(const std::string& key) const {
  const auto& keys = actor_measure_keys();
  auto it = std::find(keys.begin(), keys.end(), key);
  if (it == keys.end() || computed.count(key) == 0) return nullptr;
  const auto k = static_cast<std::size_t>(it - keys.begin());
  if (k >= values.size() || values[k].empty()) return nullptr;
  return &values[k];
}

namespace {

std::string resolve_group_attribute(const Network& network, const std::string& requested) {
  if (!requested.empty()) {
    if (network.actor_attrs().find(requested) == nullptr) {
      throw std::invalid_argument("unknown actor attribute '" + requested + "' (--group)");
    }
    return requested;
  }
  if (network.actor_attrs().find("sector") != nullptr) return "sector";
  return {};
}

std::size_t key_index(const std::string& key) {
  const auto& keys = actor_measure_keys();
  return static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
}

}  // namespace

AnalysisResult analyze(const Network& network, const AnalyzeRequest& request) {
  const auto valid = all_measure_keys();
  for (const auto& m : request.measures) {
    if (std::find(valid.begin(), valid.end(), m) == valid.end()) {
      std::string message = "unknown measure '";
      message += m;
      message += "' (--measures); known: ";
      for (std::size_t i = 0; i < valid.size(); ++i) {
        if (i > 0) message += ", ";
        message += valid[i];
      }
      throw std::invalid_argument(message);
    }
  }
  const auto wanted = [&](const std::string& key) {
    return request.measures.empty() || request.measures.count(key) != 0;
  };
  const RunControl& control = request.control != nullptr ? *request.control : RunControl::none();

  ViewOptions view;
  view.relations = request.relations;
  view.waves = request.waves;
  view.weight = request.weight;
  view.undirected = request.undirected;
  const Graph g = make_view(network, view);
  const bool weighted = g.weighted();

  AnalysisResult out;
  out.directed = g.directed();
  out.weighted = weighted;
  out.loops_dropped = g.loops_dropped();
  out.multi_ties_merged = g.multi_merged();
  out.actor_ids = network.actor_ids();
  out.actor_names.reserve(network.actor_count());
  for (ActorIndex a = 0; a < network.actor_count(); ++a) {
    const Value& name = network.actor_attr(a, "name");
    out.actor_names.push_back(is_missing(name) ? network.actor_id(a) : value_to_string(name));
  }
  out.values.resize(actor_measure_keys().size());

  out.group_attribute = resolve_group_attribute(network, request.group);
  std::optional<Groups> groups;
  if (!out.group_attribute.empty()) {
    groups = groups_from_attribute(network, out.group_attribute);
    out.actor_groups.reserve(network.actor_count());
    for (auto member : groups->member)
      out.actor_groups.push_back(groups->names[member]);
  }
  const auto set_values = [&](const std::string& key, std::vector<double> v) {
    out.values[key_index(key)] = std::move(v);
    out.computed.insert(key);
  };

  if (wanted("indegree") || wanted("outdegree")) {
    DegreeResult d = degree(g, {});
    if (wanted("indegree")) set_values("indegree", std::move(d.indegree));
    if (wanted("outdegree")) set_values("outdegree", std::move(d.outdegree));
  }
  control.check();
  const bool want_closeness = wanted("closeness") || wanted("harmonic");
  // Unweighted, betweenness' BFS sweep also yields closeness and harmonic centrality
  // (bit-identical to closeness()), which saves the second all-pairs sweep.
  const bool fuse_closeness = wanted("betweenness") && want_closeness && !weighted;
  if (wanted("betweenness")) {
    BetweennessOptions o;
    o.weighted = weighted;
    o.threads = request.threads;
    o.control = &control;
    o.with_closeness = fuse_closeness;
    BetweennessResult b = betweenness(g, o);
    set_values("betweenness", std::move(b.betweenness));
    if (fuse_closeness && wanted("closeness")) set_values("closeness", std::move(b.closeness));
    if (fuse_closeness && wanted("harmonic")) set_values("harmonic", std::move(b.harmonic));
  }
  if (want_closeness && !fuse_closeness) {
    ClosenessOptions o;
    o.weighted = weighted;
    o.threads = request.threads;
    o.control = &control;
    ClosenessResult c = closeness(g, o);
    if (wanted("closeness")) set_values("closeness", std::move(c.closeness));
    if (wanted("harmonic")) set_values("harmonic", std::move(c.harmonic));
  }
  control.check();
  if (wanted("eigenvector")) {
    EigenvectorOptions o;
    o.weighted = weighted;
    set_values("eigenvector", eigenvector(g, o).eigenvector);
  }
  control.check();
  if (wanted("pagerank")) {
    PageRankOptions o;
    o.weighted = weighted;
    set_values("pagerank", pagerank(g, o).pagerank);
  }
  control.check();
  if (wanted("coreness")) set_values("coreness", coreness(g, {}).coreness);
  control.check();
  if (wanted("constraint") || wanted("effective_size") || wanted("efficiency")) {
    StructuralHolesOptions o;
    o.weighted = weighted;
    o.threads = request.threads;
    o.control = &control;
    StructuralHolesResult s = structural_holes(g, o);
    if (wanted("constraint")) set_values("constraint", std::move(s.constraint));
    if (wanted("effective_size")) set_values("effective_size", std::move(s.effective_size));
    if (wanted("efficiency")) set_values("efficiency", std::move(s.efficiency));
  }
  control.check();
  std::optional<CommunityResult> communities;
  if (wanted("community")) {
    CommunityOptions o;
    o.seed = request.seed;
    o.weighted = weighted;
    communities = leiden(g, o);
    out.community = communities->membership;
    out.computed.insert("community");
  }
  if (wanted("component")) {
    out.component = components(g, {ComponentMode::Weak}).membership;
    out.computed.insert("component");
  }
  control.check();
  out.brokerage_requested = wanted("brokerage");
  if (wanted("brokerage") && groups) {
    BrokerageOptions o;
    o.threads = request.threads;
    o.control = &control;
    BrokerageResult b = brokerage(g, groups->member, o);
    out.brokerage = std::move(b.raw);
    out.brokerage_z = std::move(b.z);
    out.brokerage_total = b.raw_total;
    out.brokerage_total_expected = b.expected_total;
    out.brokerage_total_sd = b.sd_total;
    out.brokerage_total_z = b.z_total;
    out.computed.insert("brokerage");
  }
  control.check();
  if (wanted("network")) {
    NetworkSummary s;
    DescriptiveOptions o;
    o.threads = request.threads;
    o.control = &control;
    s.descriptive = describe(g, o);
    s.weak_components = components(g, {ComponentMode::Weak}).count;
    s.strong_components = components(g, {ComponentMode::Strong}).count;
    if (communities) {
      s.modularity = communities->modularity;
      s.communities = communities->count;
    }
    if (groups) {
      MixingResult mix = group_mixing(g, *groups);
      s.ei_index = mix.ei_index;
      s.assortativity = mix.assortativity;
      for (std::size_t k = 0; k < groups->names.size(); ++k) {
        out.groups.push_back({groups->names[k], mix.group_size[k], mix.group_ei[k]});
      }
      out.mixing_groups = groups->names;
      out.mixing = std::move(mix.matrix);
    }
    out.network = s;
    out.computed.insert("network");
  }
  return out;
}

}  // namespace kn::app
