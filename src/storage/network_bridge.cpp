// Conversion between stored projects and kn::Network (storage/network_bridge.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/network_bridge.hpp"

#include <algorithm>
#include <map>

namespace kn::storage {

namespace {

/// Columns kept in Actor's own fields when they hold text.
bool is_column_attr(const std::string& name) {
  return name == "name" || name == "sector" || name == "kind";
}

}  // namespace

NetworkImport to_import(Id project_id, const kn::Network& net,
                        const NetworkImportOptions& options) {
  NetworkImport batch;
  batch.project_id = project_id;
  const kn::Affiliation* field = net.find_affiliation("field");
  std::vector<std::vector<ActorField>> fields(net.actor_count());
  if (field != nullptr) {
    const kn::AttrColumn* role = field->attrs.find("role");
    for (std::size_t row = 0; row < field->actor.size(); ++row) {
      ActorField f;
      f.field = field->items.at(field->item[row]);
      if (role != nullptr && row < role->values.size())
        if (const auto* text = std::get_if<std::string>(&role->values[row])) f.role = *text;
      fields.at(field->actor[row]).push_back(std::move(f));
    }
  }
  batch.actors.reserve(net.actor_count());
  for (kn::ActorIndex a = 0; a < net.actor_count(); ++a) {
    Actor actor;
    actor.project_id = project_id;
    actor.key = net.actor_id(a);
    for (const kn::AttrColumn& column : net.actor_attrs().columns()) {
      const kn::Value& value = column.values.at(a);
      if (kn::is_missing(value)) continue;
      const auto* text = std::get_if<std::string>(&value);
      if (text != nullptr && is_column_attr(column.name)) {
        if (column.name == "name") actor.name = *text;
        if (column.name == "sector") actor.sector = *text;
        if (column.name == "kind") actor.kind = *text;
        continue;
      }
      actor.attrs[column.name] = value;  // `fields` too: kept verbatim
    }
    actor.fields = std::move(fields[a]);
    if (field == nullptr) {
      if (auto it = actor.attrs.find("fields"); it != actor.attrs.end())
        if (const auto* list = std::get_if<std::vector<std::string>>(&it->second))
          for (const std::string& f : *list)
            actor.fields.push_back({f, ""});
    }
    batch.actors.push_back(std::move(actor));
  }
  if (options.wave.empty()) {
    for (const kn::Wave& w : net.waves())
      batch.waves.push_back(w.name);
  } else {
    batch.waves.push_back(options.wave);
  }
  batch.ties.reserve(net.tie_count());
  for (kn::TieIndex t = 0; t < net.tie_count(); ++t) {
    ImportTie tie;
    tie.wave = options.wave.empty() ? net.waves().at(net.tie_wave(t)).name : options.wave;
    tie.relation = net.relations().at(net.tie_relation(t)).name;
    tie.source_key = net.actor_id(net.tie_source(t));
    tie.target_key = net.actor_id(net.tie_target(t));
    for (const kn::AttrColumn& column : net.tie_attrs().columns()) {
      const kn::Value& value = column.values.at(t);
      if (!kn::is_missing(value)) tie.attrs[column.name] = value;
    }
    batch.ties.push_back(std::move(tie));
  }
  return batch;
}

ImportResult import_network(Repository& repo, Id project_id, const kn::Network& network,
                            const NetworkImportOptions& options) {
  return repo.apply_import(to_import(project_id, network, options));
}

kn::Network load_network(Repository& repo, Id project_id, const LoadOptions& options) {
  const auto project = repo.find_project(project_id);
  if (!project) throw StorageError(StorageError::Kind::NotFound, "project not found");
  kn::Network net;
  net.directed = true;
  net.title = project->name;
  std::map<Id, kn::ActorIndex> index;
  // Creation order: an imported file comes back in its own actor order.
  std::vector<Actor> actors = repo.list_actors(project_id);
  std::sort(actors.begin(), actors.end(),
            [](const Actor& x, const Actor& y) { return x.id < y.id; });
  for (const Actor& actor : actors) {
    const kn::ActorIndex a = net.add_actor(options.names ? actor.key : actor.pseudonym);
    index[actor.id] = a;
    const std::string& shown = options.names ? actor.name : actor.pseudonym;
    if (!shown.empty()) net.set_actor_attr(a, "name", shown);
    if (!actor.sector.empty()) net.set_actor_attr(a, "sector", actor.sector);
    if (!actor.kind.empty()) net.set_actor_attr(a, "kind", actor.kind);
    if (actor.attrs.count("fields") == 0 && !actor.fields.empty()) {
      std::vector<std::string> list;
      for (const ActorField& f : actor.fields)
        list.push_back(f.field);
      net.set_actor_attr(a, "fields", std::move(list));
    }
    for (const auto& [name, value] : actor.attrs)
      if (!kn::is_missing(value)) net.set_actor_attr(a, name, value);
    for (const ActorField& f : actor.fields) {
      const std::size_t row = net.add_membership("field", a, f.field);
      if (!f.role.empty()) net.affiliation("field").attrs.set("role", row, f.role, row + 1);
    }
  }
  for (const Wave& wave : repo.list_waves(project_id)) {
    if (!options.waves.empty() &&
        std::find(options.waves.begin(), options.waves.end(), wave.id) == options.waves.end())
      continue;
    const kn::WaveIndex w = net.wave(wave.name);
    for (const Tie& tie : repo.list_ties({wave.id, std::nullopt, std::nullopt, std::nullopt})) {
      if (!options.relations.empty() &&
          std::find(options.relations.begin(), options.relations.end(), tie.relation) ==
              options.relations.end())
        continue;
      const auto s = index.find(tie.source);
      const auto t = index.find(tie.target);
      if (s == index.end() || t == index.end()) continue;
      const kn::TieIndex i = net.add_tie(s->second, t->second, net.relation(tie.relation), w);
      for (const auto& [name, value] : tie.attrs)
        if (!kn::is_missing(value)) net.set_tie_attr(i, name, value);
    }
  }
  return net;
}

SurveyNetwork load_survey_network(Repository& repo, Id project_id,
                                  const SurveyNetworkOptions& options) {
  SurveyNetwork out;
  LoadOptions lo;
  lo.names = options.names;
  out.network = load_network(repo, project_id, lo);
  const std::size_t n = out.network.actor_count();
  out.actor_ids.assign(n, 0);
  for (const auto& a : repo.list_actors(project_id)) {
    if (a.merged_into) continue;
    const auto index = out.network.find_actor(options.names ? a.key : a.pseudonym);
    if (index) out.actor_ids[*index] = a.id;
  }
  for (const auto& w : repo.list_waves(project_id))
    if (options.wave.empty() || w.name == options.wave) out.wave = w;
  if (!options.wave.empty() && !out.wave)
    throw StorageError(StorageError::Kind::NotFound, "no wave '" + options.wave + "'");
  if (!out.wave) return out;
  const auto invitations = repo.list_invitations(out.wave->id);
  if (invitations.empty()) return out;
  std::map<Id, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i)
    index[out.actor_ids[i]] = i;
  out.responded.assign(n, false);
  out.invited.assign(n, false);
  for (const auto& inv : invitations) {
    const auto it = index.find(inv.actor_id);
    if (it == index.end()) continue;
    out.invited[it->second] = true;
    out.responded[it->second] = inv.status == InvitationStatus::Submitted;
  }
  return out;
}

}  // namespace kn::storage
