#pragma once
// The map and dashboard data of a stored project (docs/map.md): loads the project as a network
// (names or pseudonyms, by role), builds the map model (app/map_model.hpp) for one relation and
// wave, and keeps its layout stable: the positions are stored per project/wave/relation with the
// fingerprint of the drawn graph; a changed graph is laid out again starting from the stored
// positions (ForceAtlas2 refine, analysis/layout/force_layout.hpp), a missing layout is computed
// with the seed 42. Also the JSON of the map, dashboard and public endpoints (the HTTP edge).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/dashboard.hpp"
#include "app/i18n.hpp"
#include "app/map_model.hpp"
#include "report/svg.hpp"
#include "storage/network_bridge.hpp"
#include "storage/repository.hpp"

namespace kn::web {

struct MapQuery {
  storage::Id project_id = 0;
  std::string wave;      ///< wave name; empty = the latest wave
  std::string relation;  ///< empty = zusammenarbeit or the first relation
  bool names = false;    ///< researcher view (names) or partner/public view (pseudonyms)
  /// Positions wanted (the map); the dashboard and the public page do without, so they
  /// neither compute nor store a layout.
  bool with_layout = true;
};

struct MapData {
  app::MapModel model;
  storage::StoredLayout layout;
  std::vector<storage::Id> actor_ids;  ///< storage id per network actor index
  bool survey = false;                 ///< the wave has invitations (response data is known)
};

/// Thrown for a wave or relation the project does not have (the HTTP layer answers 404/400).
class MapQueryError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The body of POST /api/v1/projects/{slug}/layout (docs/map.md): either a new seed or the
/// positions refined in the browser.
struct LayoutRequest {
  std::string wave, relation;
  std::optional<std::int64_t> seed;                            ///< >= 0
  std::map<std::string, std::pair<double, double>> positions;  ///< when no seed
};
/// Parses and checks the body (JSON object with string "wave" and "relation" and exactly one of
/// a non-negative integer "seed" or "positions": {id: [x, y]} with finite numbers, at most
/// 200,000 actors). Throws MapQueryError naming the field.
LayoutRequest parse_layout_request(std::string_view body);

class MapService {
 public:
  explicit MapService(storage::Repository& repo) : repo_(repo) {}

  /// The map with a stored layout (computed and stored first if missing or out of date).
  MapData load(const MapQuery& query);
  /// Lays the map out again from scratch with `seed` and stores it.
  storage::StoredLayout relayout(const MapQuery& query, std::int64_t seed);
  /// Stores positions refined in the browser: `positions` by view actor id (key or pseudonym,
  /// as in the map JSON); every actor of the map must be there with finite numbers.
  storage::StoredLayout save_positions(
      const MapQuery& query, const std::map<std::string, std::pair<double, double>>& positions);

  static std::string scope(const std::string& wave, const std::string& relation);

 private:
  storage::SurveyNetwork load_network(const MapQuery& query);

  storage::Repository& repo_;
  std::mutex layout_mutex_;  ///< one layout computation at a time (they use every core)
};

/// The map JSON of docs/map.md; labels in `lang`.
nlohmann::json map_json(const MapData& data, const storage::Project& project, app::Lang lang);
/// The dashboard JSON (the same numbers as the dashboard page).
nlohmann::json dashboard_json(const MapData& data, const app::DashboardModel& d, app::Lang lang);
/// The public aggregates JSON.
nlohmann::json public_json(const MapData& data, const app::PublicModel& p, app::Lang lang);

/// Sector colours and data-key labels are the report's (report/svg.hpp).
using report::broker_role_key;
using report::data_label;
using report::sector_colour;

}  // namespace kn::web
