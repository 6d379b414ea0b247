#pragma once
// Use case "dashboard of a network" (docs/map.md): key figures, the sector x sector matrix,
// rankings and barrier/enabler frequencies of one map (app/map_model.hpp), and the public
// aggregates with a minimum group size. Plain structs; the server renders them as HTML/SVG and
// JSON. Everything is computed from the MapModel, so the map and the dashboard always agree.
//
// Definitions (the selected relation and wave; desired ties are not counted):
//   - matrix[a][b].ties: reported ties from an actor of sector a to one of sector b (arcs as
//     reported; a tie reported from both sides counts twice, once per direction).
//     density = ties / possible, possible = n_a * n_b (a != b) or n_a (n_a - 1) (a = b), NaN if 0
//     (directed block density, as igraph edge_density() of the block / sna's blockmodel).
//     mean_quality = mean of the reported quality 1..5 over the cell's ties that have one (NaN
//     if none); difficult = ties with quality <= 2.
//   - Rankings (top N, rank 1 = highest): most central by betweenness, brokers by the total
//     Gould-Fernandez brokerage count with the dominant role, most constrained by Burt's
//     constraint (highest first; actors without ties have none).
//   - Barrier (enabler) frequencies: count = ties naming it; share = count / ties naming at
//     least one barrier (enabler). Sorted by count, then key.
//   - Public aggregates (public_aggregates()): no individual actor. Sectors with fewer than
//     min_group actors are pooled into one group "other"; every count below min_group (actors,
//     ties, respondents, barrier counts) is withheld (nullopt) and means and densities are
//     withheld when they rest on fewer than min_group ties or actors.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/map_model.hpp"

namespace kn::app {

struct DashboardOptions {
  std::size_t top = 10;  ///< rows per ranking
};

struct SectorCell {
  std::size_t ties = 0;
  double density = 0.0;       ///< NaN if no tie is possible
  double mean_quality = 0.0;  ///< NaN if no tie has a quality
  std::size_t rated = 0;      ///< ties with a quality
  std::size_t difficult = 0;  ///< ties with quality <= 2
};

struct RankingRow {
  std::uint32_t actor = 0;  ///< index into MapModel::actors
  double value = 0.0;
  std::uint32_t rank = 0;
  int role = -1;  ///< dominant brokerage role (brokers ranking), else -1
};

struct Frequency {
  std::string key;
  std::size_t count = 0;
  double share = 0.0;
};

struct SectorResponse {
  std::string sector;
  std::uint32_t actors = 0, invited = 0, responded = 0;
};

struct DashboardModel {
  MapSummary summary;
  std::vector<std::string> sectors;  ///< domain order (kSectorKeys), then others; "" = none
  std::vector<std::uint32_t> sector_sizes;
  std::vector<std::vector<SectorCell>> matrix;  ///< [from sector][to sector]
  std::vector<SectorResponse> response;         ///< per sector, same order
  std::vector<RankingRow> central, brokers, constrained;
  std::vector<Frequency> barriers, enablers;
  std::size_t ties_with_barriers = 0, ties_with_enablers = 0;
  std::size_t rated_ties = 0, difficult_ties = 0;
};

DashboardModel dashboard(const MapModel& map, const DashboardOptions& options = {});

/// A number of the public view: absent when withheld (below the minimum group size).
using Shown = std::optional<double>;

struct PublicCell {
  Shown ties, density, mean_quality;
};

struct PublicModel {
  int min_group = 5;
  Shown actors, respondents, response_rate, ties, density, reciprocity, components;
  std::vector<std::string> groups;  ///< sector keys shown; "other" pools the small sectors
  std::vector<Shown> group_sizes;
  std::vector<std::vector<PublicCell>> matrix;
  std::vector<std::pair<std::string, Shown>> barriers, enablers;  ///< counts
};

/// Throws std::invalid_argument if min_group < 2.
PublicModel public_aggregates(const MapModel& map, int min_group = 5);

/// The sector keys of the map's actors in display order (see DashboardModel::sectors).
std::vector<std::string> sector_order(const MapModel& map);

}  // namespace kn::app
