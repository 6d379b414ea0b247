#pragma once
// Use case "the city report" (docs/report.md): every analysis the city's questions need
// (../shared/design/domain.md "Questions the analysis must answer", except change over waves and
// city comparison), computed once from one project, wave and relation, as plain structs that the
// HTML, PDF and xlsx renderers (report_html.hpp, report_xlsx.hpp) turn into a report.
//
// Which ties each part uses (the report says so next to each finding):
//   - Tie quality, barriers and enablers, perception gaps, confirmed/one-sided ties, unmet
//     wishes and matchmaking use the ties as reported (a reconstructed tie has no rating).
//   - The structure — measures and rankings, mixing, key players, removal impact,
//     core-periphery, sector cohesion, coordination gaps, field networks and the innovators'
//     position — uses the reported ties plus, when `reconstruct` is on and the wave has a survey
//     with non-respondents, the ties reconstructed by reciprocation (app/missing_data.hpp).
//   - Key players, removal impact, core-periphery and field networks work on the symmetrised
//     simple graph of the selected relation and wave (direction and weights ignored).
//
// Randomness (key player search, core-periphery restarts, the innovators' permutation test, a
// layout computed for lack of a stored one) takes `seed`; the same input gives the same report.
// Progress ("report: <step>", fraction of the steps) and cancel through RunControl.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/cohesion/core_periphery.hpp"
#include "analysis/cohesion/key_players.hpp"
#include "analysis/cohesion/removal_impact.hpp"
#include "analysis/similarity/neighbourhood_similarity.hpp"
#include "app/barriers.hpp"
#include "app/dashboard.hpp"
#include "app/innovations.hpp"
#include "app/insights.hpp"
#include "app/map_model.hpp"
#include "app/matchmaking.hpp"
#include "app/sector_cohesion.hpp"
#include "core/graph/network.hpp"
#include "core/util/run_control.hpp"

namespace kn::report {

/// What a report is computed from (report_source.hpp loads it from a stored project).
struct ReportInput {
  std::string project;  ///< title shown in the report
  Network network;
  /// Survey status per network actor (empty = no survey in this wave).
  std::vector<bool> responded, invited;
  std::vector<app::InnovationRecord> innovations;
  /// Positions of the map per network actor (a stored layout); empty = computed (seeded).
  std::vector<std::pair<double, double>> positions;
  bool names = false;  ///< actor labels are names (researcher) rather than pseudonyms
};

struct ReportOptions {
  std::string wave, relation;     ///< as app::MapOptions (empty = latest wave / zusammenarbeit)
  bool reconstruct = true;        ///< reconstruct non-respondents' ties for the structure
  std::size_t top = 10;           ///< rows of rankings and lists
  std::uint32_t key_players = 0;  ///< k of the key player sets; 0 = min(5, n / 10), at least 1
  std::uint64_t seed = 42;
  /// Actors each group needs for a sector to count as split into groups that do not talk to
  /// each other (app::SectorCohesionOptions::min_fragment). Splits of a few actors happen by
  /// chance in sparse sectors (up to 7 in the Musterstadt random model without any plant); the
  /// report's table shows every sector's component sizes anyway.
  std::size_t fragment_min = 8;
  unsigned threads = 0;
  const RunControl* control = nullptr;
};

struct FieldNetwork {
  std::string field;
  std::uint32_t actors = 0;
  std::uint64_t ties = 0;        ///< edges among the field's actors (any direction, once)
  double density = 0.0;          ///< ties / (actors (actors - 1) / 2); NaN below two actors
  std::uint32_t components = 0;  ///< components of the field's subgraph (isolates count)
  std::uint32_t isolated = 0;    ///< field actors without a tie to another field actor
};

struct KeyPlayerSection {
  std::uint32_t k = 0;
  KeyPlayerResult fragmentation;         ///< KPP-Neg, Borgatti's F
  KeyPlayerResult reach;                 ///< KPP-Pos, distance-weighted reach
  RemovalImpactResult removal;           ///< every actor removed alone
  std::vector<std::size_t> removal_top;  ///< indices into removal.removals, most lost pairs first
  CorePeripheryResult core;
};

struct MixingSection {
  double ei_index = 0.0;  ///< Krackhardt-Stern E-I over the undirected ties (NaN: no tie)
  double assortativity = 0.0;
  std::vector<std::string> sectors;  ///< as DashboardModel::sectors
  std::vector<double> sector_ei;     ///< per sector (NaN: no tie)
};

struct MissingDataSection {
  bool survey = false;         ///< the wave has invitations
  bool reconstructed = false;  ///< reconstruction was used for the structure
  std::size_t added = 0;       ///< ties added
  std::map<std::string, std::size_t> added_by_relation;
  std::uint32_t respondents = 0, non_respondents = 0;
};

struct ReportModel {
  std::string project, wave, relation;
  bool names = false;
  /// The reported ties (quality, barriers, wishes) with the map's positions filled in.
  app::MapModel map;
  /// The structure's map (reported + reconstructed ties); absent = the same as `map`.
  std::optional<app::MapModel> reconstructed;
  app::DashboardModel dashboard;            ///< of `map`: key figures, sector matrix, barriers
  app::DashboardModel structure_dashboard;  ///< of the structure: the rankings
  MixingSection mixing;
  KeyPlayerSection key_players;
  app::CollaborationQuality quality;
  app::BarrierInsights barriers;
  app::MatchmakingResult matchmaking;
  /// Common partners of each suggested pair in the reported ties (parallel to
  /// matchmaking.suggestions): Jaccard, Adamic-Adar, resource allocation.
  std::vector<PairSimilarity> suggestion_similarity;
  app::FieldInsights fields;
  std::vector<FieldNetwork> field_networks;  ///< in the order of fields.fields
  app::SectorCohesionResult cohesion;
  std::vector<app::InnovationRecord> ideas;  ///< as input
  app::InnovationInsights innovations;
  MissingDataSection missing;

  /// The map the structural findings use.
  [[nodiscard]] const app::MapModel& structure() const {
    return reconstructed ? *reconstructed : map;
  }
};

/// Computes the whole report. Throws std::invalid_argument for an unknown wave or relation,
/// kn::Cancelled when cancelled.
ReportModel build_report(const ReportInput& input, const ReportOptions& options = {});

}  // namespace kn::report
