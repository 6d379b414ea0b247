#pragma once
// Use case "analyse a network": selects the view, computes the requested measures in the
// conventions of docs/measures.md and returns plain result structs. No JSON, no argv here:
// the CLI (and later the server) turn the result into output.

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/brokerage/gould_fernandez.hpp"
#include "analysis/network/descriptive.hpp"
#include "core/graph/graph_view.hpp"
#include "core/graph/network.hpp"
#include "core/util/run_control.hpp"

namespace kn::app {

/// Actor-level measure keys in output order (the CLI contract). "brokerage" is an object.
const std::vector<std::string>& actor_measure_keys();
/// All keys accepted by --measures: actor_measure_keys() plus "network".
std::vector<std::string> all_measure_keys();

struct AnalyzeRequest {
  std::vector<std::string> relations;  ///< empty = all relations
  std::vector<std::string> waves;      ///< empty = all waves
  std::string weight;                  ///< tie attribute used as weight; empty = unweighted
  bool undirected = false;
  std::string group;               ///< actor attribute for groups; empty = "sector" if present
  std::set<std::string> measures;  ///< empty = everything
  std::uint64_t seed = 42;
  unsigned threads = 0;  ///< 0 = all cores
  const RunControl* control = nullptr;
};

struct GroupRow {
  std::string name;
  std::uint32_t size = 0;
  double ei_index = 0.0;  ///< NaN if the group has no ties
};

struct NetworkSummary {
  DescriptiveResult descriptive;
  std::uint32_t weak_components = 0;
  std::uint32_t strong_components = 0;
  double ei_index = kUndefinedValue;       ///< NaN without groups
  double assortativity = kUndefinedValue;  ///< NaN without groups
  double modularity = kUndefinedValue;     ///< of the Leiden partition, if computed
  std::uint32_t communities = 0;

  static constexpr double kUndefinedValue = std::numeric_limits<double>::quiet_NaN();
};

struct AnalysisResult {
  std::vector<std::string> actor_ids;
  std::vector<std::string> actor_names;   ///< "name" attribute or id
  std::vector<std::string> actor_groups;  ///< group label per actor; empty without groups
  bool directed = true;
  bool weighted = false;
  std::string group_attribute;  ///< empty without groups
  std::size_t loops_dropped = 0, multi_ties_merged = 0;

  std::set<std::string> computed;    ///< keys actually computed
  bool brokerage_requested = false;  ///< asked for, even if impossible without groups
  /// values[k][v]: actor_measure_keys()[k] (except brokerage) for actor v; NaN = null.
  std::vector<std::vector<double>> values;
  std::vector<std::uint32_t> community;  ///< empty unless computed
  /// Weak component label per actor, numbered by first appearance in actor order (igraph
  /// components(mode="weak")$membership up to relabelling); empty unless computed.
  std::vector<std::uint32_t> component;
  std::vector<std::array<double, kBrokerageRoles>> brokerage;  ///< empty unless computed
  /// z-scores of the raw counts under sna's null model (sna brokerage()$z.nli); NaN where the
  /// null model's sd is 0. Empty unless brokerage is computed.
  std::vector<std::array<double, kBrokerageRoles>> brokerage_z;
  /// Network totals: raw ($raw.gli), expected ($exp.gli), sd ($sd.gli) and z ($z.gli).
  std::array<double, kBrokerageRoles> brokerage_total{}, brokerage_total_expected{},
      brokerage_total_sd{}, brokerage_total_z{};

  std::optional<NetworkSummary> network;
  std::vector<GroupRow> groups;
  std::vector<std::string> mixing_groups;
  std::vector<std::vector<double>> mixing;

  /// Values of one measure key, or nullptr if not computed / not a numeric key.
  [[nodiscard]] const std::vector<double>* measure(const std::string& key) const;
};

/// Throws std::invalid_argument for unknown measure keys, relations, waves, attributes.
AnalysisResult analyze(const Network& network, const AnalyzeRequest& request);

}  // namespace kn::app
