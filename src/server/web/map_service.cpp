// Map data of a stored project: network, model, stable layout and JSON (see map_service.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "server/web/map_service.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "analysis/brokerage/gould_fernandez.hpp"
#include "analysis/layout/force_layout.hpp"
#include "app/demo/musterstadt.hpp"
#include "storage/network_bridge.hpp"

namespace kn::web {

using nlohmann::json;

namespace {

constexpr std::int64_t kDefaultSeed = 42;

json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

json shown(const app::Shown& v) {
  return v ? number_or_null(*v) : json(nullptr);
}

json labelled(app::Lang lang, std::string_view prefix, const std::vector<std::string>& keys) {
  json out = json::array();
  for (const auto& k : keys)
    out.push_back({{"key", k}, {"label", data_label(lang, prefix, k)}});
  return out;
}

/// Keys of a catalogue prefix ("barrier." -> every barrier key), in catalogue order.
std::vector<std::string> catalogue_items(app::Lang lang, std::string_view prefix) {
  std::vector<std::string> out;
  for (const auto& key : app::catalogue_keys(lang))
    if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0 &&
        key.find('.', prefix.size()) == std::string::npos)
      out.push_back(key.substr(prefix.size()));
  return out;
}

/// The catalogue's keys plus any the data uses that the catalogue lacks.
std::vector<std::string> with_data_keys(std::vector<std::string> keys,
                                        const std::vector<std::string>& used) {
  for (const auto& k : used)
    if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  return keys;
}

}  // namespace

std::string MapService::scope(const std::string& wave, const std::string& relation) {
  return storage::layout_scope(wave, relation);
}

namespace {

/// The layout graph of the query's relation and wave (unknown ones are a MapQueryError).
app::MapLayoutInput layout_input(const kn::Network& network, const MapQuery& query) {
  app::MapOptions options;
  options.wave = query.wave;
  options.relation = query.relation;
  try {
    return app::map_layout_input(network, options);
  } catch (const std::invalid_argument& e) {
    throw MapQueryError(e.what());
  }
}

/// A computed layout as it is stored: positions by storage actor id.
storage::StoredLayout computed_layout(storage::Id project_id, const app::MapLayoutInput& input,
                                      const std::vector<storage::Id>& actor_ids,
                                      const ForceLayoutResult& result, std::int64_t seed) {
  storage::StoredLayout layout;
  layout.project_id = project_id;
  layout.scope = MapService::scope(input.wave, input.relation);
  layout.fingerprint = input.fingerprint;
  layout.seed = seed;
  layout.source = "server";
  layout.iterations = result.iterations;
  for (std::size_t i = 0; i < actor_ids.size(); ++i)
    layout.positions[actor_ids[i]] = {result.x[i], result.y[i]};
  return layout;
}

}  // namespace

storage::SurveyNetwork MapService::load_network(const MapQuery& query) {
  try {
    storage::SurveyNetworkOptions options;
    options.wave = query.wave;
    options.names = query.names;
    return storage::load_survey_network(repo_, query.project_id, options);
  } catch (const storage::StorageError& e) {
    if (e.kind() == storage::StorageError::Kind::NotFound && !query.wave.empty())
      throw MapQueryError(e.what());
    throw;
  }
}

MapData MapService::load(const MapQuery& query) {
  storage::SurveyNetwork loaded = load_network(query);
  app::MapOptions options;
  options.wave = query.wave;
  options.relation = query.relation;
  options.responded = loaded.responded;
  options.invited = loaded.invited;
  MapData data;
  try {
    data.model = app::map_model(loaded.network, options);
  } catch (const std::invalid_argument& e) {
    throw MapQueryError(e.what());
  }
  data.actor_ids = loaded.actor_ids;
  data.survey = loaded.survey();

  if (!query.with_layout) return data;
  const auto input = layout_input(loaded.network, query);
  {
    std::lock_guard lock(layout_mutex_);
    auto stored = repo_.find_layout(query.project_id, scope(input.wave, input.relation));
    bool complete = stored.has_value();
    if (stored)
      for (const auto id : data.actor_ids)
        complete = complete && stored->positions.count(id) > 0;
    if (!stored || stored->fingerprint != input.fingerprint || !complete) {
      const std::int64_t seed = stored ? stored->seed : kDefaultSeed;
      ForceLayoutOptions lo;
      lo.seed = static_cast<std::uint64_t>(seed);
      if (stored) {
        // Start from the stored picture: known actors keep their place, new ones are placed
        // near their neighbours, and only a short refinement runs.
        const std::size_t n = data.actor_ids.size();
        lo.initial_x.assign(n, std::numeric_limits<double>::quiet_NaN());
        lo.initial_y.assign(n, std::numeric_limits<double>::quiet_NaN());
        for (std::size_t i = 0; i < n; ++i) {
          const auto it = stored->positions.find(data.actor_ids[i]);
          if (it == stored->positions.end()) continue;
          lo.initial_x[i] = it->second.first;
          lo.initial_y[i] = it->second.second;
        }
        lo.refine = true;
      }
      stored = repo_.save_layout(computed_layout(query.project_id, input, data.actor_ids,
                                                 force_layout(input.graph, lo), seed));
    }
    data.layout = *stored;
  }
  for (auto& a : data.model.actors) {
    const auto& xy = data.layout.positions.at(data.actor_ids[a.index]);
    a.x = xy.first;
    a.y = xy.second;
  }
  return data;
}

storage::StoredLayout MapService::relayout(const MapQuery& query, std::int64_t seed) {
  const storage::SurveyNetwork loaded = load_network(query);
  const auto input = layout_input(loaded.network, query);
  std::lock_guard lock(layout_mutex_);
  ForceLayoutOptions lo;
  lo.seed = static_cast<std::uint64_t>(seed);
  return repo_.save_layout(computed_layout(query.project_id, input, loaded.actor_ids,
                                           force_layout(input.graph, lo), seed));
}

storage::StoredLayout MapService::save_positions(
    const MapQuery& query, const std::map<std::string, std::pair<double, double>>& positions) {
  const storage::SurveyNetwork loaded = load_network(query);
  const auto input = layout_input(loaded.network, query);
  storage::StoredLayout layout;
  layout.project_id = query.project_id;
  layout.scope = scope(input.wave, input.relation);
  layout.fingerprint = input.fingerprint;
  layout.source = "browser";
  const std::size_t n = loaded.network.actor_count();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& id = loaded.network.actor_id(static_cast<ActorIndex>(i));
    const auto it = positions.find(id);
    if (it == positions.end()) throw MapQueryError("positions: actor '" + id + "' is missing");
    if (!std::isfinite(it->second.first) || !std::isfinite(it->second.second))
      throw MapQueryError("positions: actor '" + id + "' has a non-finite coordinate");
    layout.positions[loaded.actor_ids[i]] = it->second;
  }
  if (positions.size() != n)
    throw MapQueryError("positions: " + std::to_string(positions.size() - n) +
                        " unknown actor id(s)");
  std::lock_guard lock(layout_mutex_);
  const auto old = repo_.find_layout(query.project_id, layout.scope);
  layout.seed = old ? old->seed : kDefaultSeed;
  layout.iterations = old ? old->iterations : 0;
  return repo_.save_layout(layout);
}

LayoutRequest parse_layout_request(std::string_view body) {
  json j;
  try {
    j = json::parse(body);
  } catch (const json::exception&) {
    throw MapQueryError("the body is not valid JSON");
  }
  if (!j.is_object()) throw MapQueryError("expected a JSON object");
  LayoutRequest out;
  for (const char* key : {"wave", "relation"}) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string())
      throw MapQueryError(std::string(key) + ": expected a string");
  }
  out.wave = j["wave"].get<std::string>();
  out.relation = j["relation"].get<std::string>();
  const bool has_seed = j.contains("seed"), has_positions = j.contains("positions");
  if (has_seed == has_positions) throw MapQueryError("send either \"seed\" or \"positions\"");
  if (has_seed) {
    const auto& seed = j["seed"];
    if (!seed.is_number_integer() ||
        (seed.is_number_unsigned() &&
         seed.get<std::uint64_t>() >
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) ||
        (!seed.is_number_unsigned() && seed.get<std::int64_t>() < 0))
      throw MapQueryError("seed: expected a non-negative integer");
    out.seed = seed.get<std::int64_t>();
    return out;
  }
  const auto& pos = j["positions"];
  if (!pos.is_object()) throw MapQueryError("positions: expected an object id -> [x, y]");
  if (pos.size() > 200000) throw MapQueryError("positions: more than 200000 actors");
  for (const auto& [id, xy] : pos.items()) {
    if (!xy.is_array() || xy.size() != 2 || !xy[0].is_number() || !xy[1].is_number())
      throw MapQueryError("positions." + id + ": expected [x, y]");
    const double x = xy[0].get<double>(), y = xy[1].get<double>();
    if (!std::isfinite(x) || !std::isfinite(y))
      throw MapQueryError("positions." + id + ": coordinates must be finite");
    out.positions.emplace(id, std::make_pair(x, y));
  }
  return out;
}

// --- JSON -------------------------------------------------------------------------------------

namespace {

json layout_json(const storage::StoredLayout& l) {
  return {{"seed", l.seed},
          {"source", l.source},
          {"iterations", l.iterations},
          {"updated_at", l.updated_at}};
}

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

json map_json(const MapData& data, const storage::Project& project, app::Lang lang) {
  const app::MapModel& m = data.model;
  json out;
  out["project"] = {{"slug", project.slug}, {"name", project.name}};
  out["lang"] = std::string(app::lang_code(lang));
  out["wave"] = m.wave;
  out["waves"] = m.waves;
  out["relation"] = m.relation;
  out["relations"] = labelled(lang, "relation", m.relations);
  out["desired_relation"] = m.desired_relation.empty() ? json(nullptr) : json(m.desired_relation);
  out["directed"] = m.directed;
  out["survey"] = data.survey;
  out["layout"] = layout_json(data.layout);

  const auto sectors = app::sector_order(m);
  json sj = json::array();
  for (const auto& s : sectors) {
    std::size_t count = 0;
    for (const auto& a : m.actors)
      count += a.sector == s ? 1U : 0U;
    sj.push_back({{"key", s},
                  {"label", data_label(lang, "sector", s)},
                  {"color", sector_colour(s)},
                  {"actors", count}});
  }
  out["sectors"] = sj;
  std::vector<std::string> fields_used, barriers_used, enablers_used;
  for (const auto& a : m.actors)
    fields_used.insert(fields_used.end(), a.fields.begin(), a.fields.end());
  for (const auto& t : m.ties) {
    barriers_used.insert(barriers_used.end(), t.barriers.begin(), t.barriers.end());
    enablers_used.insert(enablers_used.end(), t.enablers.begin(), t.enablers.end());
    fields_used.insert(fields_used.end(), t.fields.begin(), t.fields.end());
  }
  out["fields"] =
      labelled(lang, "field", with_data_keys(catalogue_items(lang, "field."), fields_used));
  out["barriers"] =
      labelled(lang, "barrier", with_data_keys(catalogue_items(lang, "barrier."), barriers_used));
  out["enablers"] =
      labelled(lang, "enabler", with_data_keys(catalogue_items(lang, "enabler."), enablers_used));
  json measures = json::array();
  for (const auto& k : m.measure_keys)
    measures.push_back({{"key", k}, {"label", app::tr(lang, "measure." + k)}});
  out["measures"] = measures;
  json labels;
  for (int role = 0; role < 5; ++role)
    labels["broker_role"][std::string(broker_role_key(role))] =
        app::tr(lang, "role." + std::string(broker_role_key(role)));
  for (const auto& k : catalogue_items(lang, "frequency."))
    labels["frequency"][k] = app::tr(lang, "frequency." + k);
  for (const auto& k : catalogue_items(lang, "tiekind."))
    labels["kind"][k] = app::tr(lang, "tiekind." + k);
  out["labels"] = labels;

  json actors = json::array();
  for (const auto& a : m.actors) {
    json measures_j = json::object(), ranks_j = json::object();
    for (std::size_t k = 0; k < m.measure_keys.size(); ++k) {
      measures_j[m.measure_keys[k]] = number_or_null(a.measures[k]);
      if (a.ranks[k]) ranks_j[m.measure_keys[k]] = a.ranks[k];
    }
    actors.push_back(
        {{"id", a.id},
         {"label", a.label},
         {"sector", a.sector},
         {"kind", a.kind},
         {"fields", a.fields},
         {"responded", a.responded},
         {"invited", a.invited},
         {"x", a.x},
         {"y", a.y},
         {"measures", measures_j},
         {"ranks", ranks_j},
         {"broker_role",
          a.broker_role >= 0 ? json(std::string(broker_role_key(a.broker_role))) : json(nullptr)},
         {"component", a.component}});
  }
  out["actors"] = std::move(actors);
  json ties = json::array();
  for (const auto& t : m.ties) {
    ties.push_back({{"source", m.actors[t.source].id},
                    {"target", m.actors[t.target].id},
                    {"relation", t.desired ? m.desired_relation : m.relation},
                    {"quality", optional_number(t.quality)},
                    {"reverse_quality", optional_number(t.reverse_quality)},
                    {"frequency", t.frequency.empty() ? json(nullptr) : json(t.frequency)},
                    {"kind", t.kind.empty() ? json(nullptr) : json(t.kind)},
                    {"barriers", t.barriers},
                    {"enablers", t.enablers},
                    {"fields", t.fields},
                    {"reciprocated", t.reciprocated},
                    {"confirmed", t.confirmed},
                    {"desired", t.desired}});
  }
  out["ties"] = std::move(ties);
  return out;
}

json dashboard_json(const MapData& data, const app::DashboardModel& d, app::Lang lang) {
  const app::MapModel& m = data.model;
  json out;
  out["wave"] = m.wave;
  out["relation"] = m.relation;
  const auto& s = d.summary;
  out["key_figures"] = {{"actors", s.actors},
                        {"invited", data.survey ? json(s.invited) : json(nullptr)},
                        {"responded", data.survey ? json(s.responded) : json(nullptr)},
                        {"response_rate", data.survey && s.invited
                                              ? json(static_cast<double>(s.responded) / s.invited)
                                              : json(nullptr)},
                        {"ties", s.ties},
                        {"density", number_or_null(s.density)},
                        {"reciprocity", number_or_null(s.reciprocity)},
                        {"components", s.components},
                        {"isolates", s.isolates},
                        {"rated_ties", d.rated_ties},
                        {"difficult_ties", d.difficult_ties}};
  out["sectors"] = labelled(lang, "sector", d.sectors);
  json matrix = json::array();
  for (const auto& row : d.matrix) {
    json r = json::array();
    for (const auto& c : row)
      r.push_back({{"ties", c.ties},
                   {"density", number_or_null(c.density)},
                   {"mean_quality", number_or_null(c.mean_quality)},
                   {"rated", c.rated},
                   {"difficult", c.difficult}});
    matrix.push_back(r);
  }
  out["matrix"] = matrix;
  auto rows = [&](const std::vector<app::RankingRow>& ranking) {
    json r = json::array();
    for (const auto& row : ranking) {
      const auto& a = m.actors[row.actor];
      r.push_back({{"id", a.id},
                   {"label", a.label},
                   {"sector", a.sector},
                   {"value", row.value},
                   {"rank", row.rank},
                   {"broker_role",
                    row.role >= 0 ? json(std::string(broker_role_key(row.role))) : json(nullptr)}});
    }
    return r;
  };
  out["rankings"] = {{"central", rows(d.central)},
                     {"brokers", rows(d.brokers)},
                     {"constrained", rows(d.constrained)}};
  auto freq = [&](const std::vector<app::Frequency>& f, std::string_view prefix) {
    json r = json::array();
    for (const auto& x : f)
      r.push_back({{"key", x.key},
                   {"label", data_label(lang, prefix, x.key)},
                   {"count", x.count},
                   {"share", x.share}});
    return r;
  };
  out["barriers"] = freq(d.barriers, "barrier");
  out["enablers"] = freq(d.enablers, "enabler");
  out["ties_with_barriers"] = d.ties_with_barriers;
  out["ties_with_enablers"] = d.ties_with_enablers;
  json resp = json::array();
  for (const auto& r : d.response)
    resp.push_back({{"sector", r.sector},
                    {"actors", r.actors},
                    {"invited", data.survey ? json(r.invited) : json(nullptr)},
                    {"responded", data.survey ? json(r.responded) : json(nullptr)}});
  out["response_by_sector"] = resp;
  return out;
}

json public_json(const MapData& data, const app::PublicModel& p, app::Lang lang) {
  json out;
  out["wave"] = data.model.wave;
  out["relation"] = data.model.relation;
  out["min_group"] = p.min_group;
  out["key_figures"] = {{"actors", shown(p.actors)},
                        {"respondents", data.survey ? shown(p.respondents) : json(nullptr)},
                        {"response_rate", data.survey ? shown(p.response_rate) : json(nullptr)},
                        {"ties", shown(p.ties)},
                        {"density", shown(p.density)},
                        {"reciprocity", shown(p.reciprocity)},
                        {"components", shown(p.components)}};
  json groups = json::array();
  for (std::size_t g = 0; g < p.groups.size(); ++g)
    groups.push_back({{"key", p.groups[g]},
                      {"label", p.groups[g] == "other" ? app::tr(lang, "map.public.other")
                                                       : data_label(lang, "sector", p.groups[g])},
                      {"actors", shown(p.group_sizes[g])}});
  out["groups"] = groups;
  json matrix = json::array();
  for (const auto& row : p.matrix) {
    json r = json::array();
    for (const auto& c : row)
      r.push_back({{"ties", shown(c.ties)},
                   {"density", shown(c.density)},
                   {"mean_quality", shown(c.mean_quality)}});
    matrix.push_back(r);
  }
  out["matrix"] = matrix;
  auto counts = [&](const std::vector<std::pair<std::string, app::Shown>>& list,
                    std::string_view prefix) {
    json r = json::array();
    for (const auto& [key, count] : list)
      r.push_back(
          {{"key", key}, {"label", data_label(lang, prefix, key)}, {"count", shown(count)}});
    return r;
  };
  out["barriers"] = counts(p.barriers, "barrier");
  out["enablers"] = counts(p.enablers, "enabler");
  return out;
}

}  // namespace kn::web
