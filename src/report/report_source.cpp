// Loading a report's input from storage (see report_source.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "report/report_source.hpp"

#include <map>
#include <stdexcept>

#include "storage/network_bridge.hpp"

namespace kn::report {

ReportInput load_report_input(storage::Repository& repo, const ReportSource& source) {
  auto project = repo.find_project_by_slug(source.project);
  if (!project)
    for (const auto& p : repo.list_projects())
      if (p.name == source.project) project = p;
  if (!project)
    throw storage::StorageError(storage::StorageError::Kind::NotFound,
                                "project '" + source.project + "' not found");
  storage::SurveyNetworkOptions so;
  so.wave = source.wave;
  so.names = source.names;
  auto loaded = storage::load_survey_network(repo, project->id, so);

  ReportInput input;
  input.project = project->name.empty() ? project->slug : project->name;
  input.names = source.names;
  input.responded = std::move(loaded.responded);
  input.invited = std::move(loaded.invited);

  std::map<storage::Id, ActorIndex> index;
  for (std::size_t i = 0; i < loaded.actor_ids.size(); ++i)
    index[loaded.actor_ids[i]] = static_cast<ActorIndex>(i);
  const storage::Id wave_id = loaded.wave ? loaded.wave->id : 0;
  for (const auto& inn : repo.list_innovations(project->id)) {
    if (inn.wave_id != 0 && inn.wave_id != wave_id) continue;
    app::InnovationRecord rec;
    rec.title = inn.title;
    rec.field = inn.field;
    rec.stage = inn.stage;
    rec.conditions = inn.conditions;
    for (const auto& a : inn.actors) {
      const auto it = index.find(a.actor_id);
      if (it != index.end())
        rec.actors.emplace_back(it->second, a.role);  // merged/erased: left out
    }
    input.innovations.push_back(std::move(rec));
  }

  // The map's stored layout, if it still fits (same scope and fingerprint as the map uses).
  app::MapOptions mo;
  mo.wave = source.wave;
  mo.relation = source.relation;
  try {
    const auto layout = app::map_layout_input(loaded.network, mo);
    const auto stored =
        repo.find_layout(project->id, storage::layout_scope(layout.wave, layout.relation));
    if (stored && stored->fingerprint == layout.fingerprint) {
      std::vector<std::pair<double, double>> positions;
      for (const auto id : loaded.actor_ids) {
        const auto it = stored->positions.find(id);
        if (it == stored->positions.end()) break;
        positions.push_back(it->second);
      }
      if (positions.size() == loaded.actor_ids.size()) input.positions = std::move(positions);
    }
  } catch (const std::invalid_argument&) {
    // Unknown relation: build_report names it.
  }
  input.network = std::move(loaded.network);
  return input;
}

}  // namespace kn::report
