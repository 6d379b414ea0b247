#pragma once
// Use case "show the network on a map" (docs/map.md): one relation in one wave of a network,
// with its actors (sector, fields, whether they answered, the measures of `klimanetze analyze`
// with ranks, the dominant Gould-Fernandez brokerage role), its ties (quality, barriers,
// enablers, reciprocated/confirmed, the other side's rating) and, drawn dashed on top, the ties
// of the desired-collaboration relation. Plain structs; the server turns them into JSON and the
// dashboard (app/dashboard.hpp) aggregates them. Positions are filled in by the caller from the
// stored layout (the layout graph and its fingerprint come from map_layout_input()).
//
// Conventions:
//   - The selected relation and wave are analysed as `klimanetze analyze --relations R --waves W
//     --group sector` does (docs/measures.md), directed as reported. Extra measure `degree`: the
//     number of distinct neighbours ignoring direction (igraph degree(as.undirected(g,
//     "collapse"))), `brokerage`: the total Gould-Fernandez count (sna brokerage()$raw.nli[,"t"]).
//   - Rank: 1 = highest value, equal values share the best rank (competition ranking "1224");
//     undefined values (NaN) have rank 0 and are not ranked. For constraint rank 1 is the most
//     constrained actor.
//   - Dominant broker role: the Gould-Fernandez role (coordinator, itinerant, representative,
//     gatekeeper, liaison) with the highest raw count, the first in that order on equal counts;
//     none if the actor brokers no pair.
//   - reciprocated: the reverse tie exists in the same relation and wave (always true in an
//     undirected network). confirmed: the tie was reported from both sides — the same as
//     reciprocated for a directed (survey) network, where every tie is one side's report; false
//     in an undirected network unless the reverse tie is also listed. reverse_quality: the
//     quality the other side gave, if it reported the tie.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/graph/graph_view.hpp"
#include "core/graph/network.hpp"
#include "core/util/run_control.hpp"

namespace kn::app {

struct MapOptions {
  std::string relation;  ///< empty: "zusammenarbeit" if present, else the first relation
  std::string wave;      ///< empty: the last wave of the network; "" if it has none
  /// Relation of desired collaboration, drawn dashed; empty or absent from the network = none.
  std::string desired_relation = "wunsch";
  /// Per actor (network index): answered the survey; empty = not known (every actor counts as
  /// a respondent). `invited` likewise (response rates need it).
  std::vector<bool> responded, invited;
  unsigned threads = 0;
  const RunControl* control = nullptr;
};

struct MapActor {
  ActorIndex index = 0;  ///< in the network
  std::string id;        ///< network actor id (key or pseudonym, depending on how it was loaded)
  std::string label;     ///< the `name` attribute, else the id
  std::string sector, kind;
  std::vector<std::string> fields;
  bool responded = true;
  bool invited = true;
  double x = 0.0, y = 0.0;
  std::vector<double> measures;      ///< parallel to MapModel::measure_keys; NaN = undefined
  std::vector<std::uint32_t> ranks;  ///< parallel; 0 = not ranked
  int broker_role = -1;              ///< BrokerageRole of the dominant role, -1 = none
  std::uint32_t component = 0;       ///< weak component label (1-based, by actor order)
};

struct MapTie {
  ActorIndex source = 0, target = 0;
  bool desired = false;  ///< a tie of the desired relation
  std::optional<double> quality, reverse_quality;
  std::string frequency, kind;
  std::vector<std::string> barriers, enablers, fields;
  bool reciprocated = false, confirmed = false;
};

struct MapSummary {
  std::uint32_t actors = 0;
  std::uint32_t invited = 0, responded = 0;  ///< response rate = responded / invited
  std::size_t ties = 0;                      ///< of the selected relation (arcs as reported)
  double density = 0.0, reciprocity = 0.0;   ///< igraph edge_density / reciprocity (directed)
  std::uint32_t components = 0;              ///< weak components, isolates included
  std::uint32_t isolates = 0;
};

struct MapModel {
  std::string relation, wave, desired_relation;  ///< desired_relation "" = none
  std::vector<std::string> relations, waves;     ///< all of the network, in its order
  bool directed = true;
  /// Measure keys in display order: degree, indegree, outdegree, betweenness, closeness,
  /// harmonic, eigenvector, pagerank, coreness, constraint, effective_size, brokerage.
  std::vector<std::string> measure_keys;
  std::vector<MapActor> actors;  ///< every actor of the network, in network order
  std::vector<MapTie> ties;      ///< the relation's ties, then the desired relation's
  MapSummary summary;
  /// Network totals of the brokerage roles (sna brokerage()$raw.gli), by BrokerageRole.
  std::vector<double> brokerage_totals;
  /// Index of a measure key in measure_keys, or -1.
  [[nodiscard]] int measure_index(const std::string& key) const;
};

/// Throws std::invalid_argument naming an unknown relation or wave.
MapModel map_model(const Network& network, const MapOptions& options = {});

/// What the layout of a map is computed on: the selected relation and wave as an undirected
/// simple graph over all actors (isolates included), and a fingerprint of it (FNV-1a 64 over the
/// sorted actor-id pairs, as 16 hex digits) that changes exactly when the drawn graph changes.
struct MapLayoutInput {
  Graph graph;
  std::string fingerprint;
  std::string relation, wave;  ///< resolved as in map_model()
};
MapLayoutInput map_layout_input(const Network& network, const MapOptions& options = {});

}  // namespace kn::app
