#pragma once
// Use case "who works on what": the two-mode (actor x item) analysis of one affiliation, e.g.
// actors x fields of action. Computes the measures of analysis/twomode/two_mode.hpp and the
// actor projection in one of its three weightings; plain structs, no JSON (the CLI renders).
//
// The affiliation comes from the network's two-mode data (`affiliations` in the JSON format)
// or, when the network has none of that name, from a List actor attribute of that name (e.g. the
// CSV actors column `fields[]`): every list item is a membership.

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/twomode/two_mode.hpp"
#include "core/graph/network.hpp"

namespace kn::app {

struct TwoModeRequest {
  std::string affiliation = "field";
  ProjectionWeight projection = ProjectionWeight::Count;
};

struct TwoModeActorRow {
  std::string id, name;
  std::uint32_t degree = 0;  ///< distinct items of the actor
  double centrality = 0.0;   ///< degree / items (networkx bipartite.degree_centrality)
};

struct TwoModeItemRow {
  std::string id;
  std::uint32_t degree = 0;  ///< distinct actors in the item
  double centrality = 0.0;   ///< degree / actors
};

struct TwoModeProjectionTie {
  std::string source, target;  ///< actor ids, source's index < target's
  double weight = 0.0;
};

struct TwoModeReport {
  std::string affiliation;
  std::string source;  ///< "affiliation" or "attribute": where the memberships came from
  std::uint32_t actors = 0, items = 0, memberships = 0;
  double density = 0.0;                     ///< NaN when either mode is empty
  std::vector<TwoModeActorRow> actor_rows;  ///< every actor, in network order
  std::vector<TwoModeItemRow> item_rows;    ///< every item, in first-seen order
  ProjectionWeight projection = ProjectionWeight::Count;
  std::vector<TwoModeProjectionTie> projection_ties;  ///< pairs sharing at least one item
};

/// "count", "jaccard" or "newman"; throws std::invalid_argument naming the accepted values.
ProjectionWeight parse_projection_weight(const std::string& text);
const char* projection_weight_name(ProjectionWeight weight);

/// Throws std::invalid_argument when the network has neither an affiliation nor a List actor
/// attribute of that name (the message lists what it has).
TwoModeReport analyze_two_mode(const Network& network, const TwoModeRequest& request);

}  // namespace kn::app
