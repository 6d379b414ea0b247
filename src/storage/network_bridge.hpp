#pragma once
// Moves a project between the database and the network model (core/graph/network.hpp), so a
// stored project can be analysed and written to every file format, and a network file can be
// imported into a project.
//
// Shape of a loaded network (the same as the Musterstadt demo network): actors with `name`,
// `sector`, `kind`, `fields` (List) and their free attributes; two-mode affiliation "field" with
// the membership attribute `role`; relations and waves as stored; ties with their attributes.
// Stored ties are directed (who reported whom). Only the "field" affiliation is stored.

#include <optional>
#include <string>
#include <vector>

#include "core/graph/network.hpp"
#include "storage/repository.hpp"

namespace kn::storage {

struct LoadOptions {
  std::vector<Id> waves;               ///< waves to load; empty = all
  bool names = false;                  ///< false: actor id and `name` are the pseudonym
  std::vector<std::string> relations;  ///< relations to load; empty = all
};

/// The project as a network. Merged actors are left out. Throws StorageError (NotFound).
kn::Network load_network(Repository& repo, Id project_id, const LoadOptions& options = {});

/// A project as a network together with its survey status in one wave (what the map, the
/// dashboard and the report analyse).
struct SurveyNetwork {
  kn::Network network;
  std::vector<Id> actor_ids;  ///< storage actor id per network actor index
  /// The selected wave (the named one, else the latest); nullopt if the project has no wave.
  std::optional<Wave> wave;
  /// Per network actor: invited to / submitted the survey of that wave. Both empty when the
  /// wave has no invitations (no survey: response status unknown).
  std::vector<bool> responded, invited;
  [[nodiscard]] bool survey() const { return !invited.empty(); }
};

struct SurveyNetworkOptions {
  std::string wave;    ///< wave name; empty = the latest wave
  bool names = false;  ///< as LoadOptions::names
};

/// Loads the whole project (all waves and relations) and the survey status of the selected
/// wave. Throws StorageError(NotFound) for a missing project or a wave the project does not
/// have (the message names the wave).
SurveyNetwork load_survey_network(Repository& repo, Id project_id,
                                  const SurveyNetworkOptions& options = {});

struct NetworkImportOptions {
  /// Put every tie into this wave instead of the network's own waves ("" = keep them).
  std::string wave;
};

/// Imports a network into a project in one transaction: actors upserted by key (the network's
/// actor id), waves created by name, ties inserted (an existing tie's attributes replaced), so
/// importing the same file again changes nothing. Throws StorageError; nothing is stored then.
ImportResult import_network(Repository& repo, Id project_id, const kn::Network& network,
                            const NetworkImportOptions& options = {});

/// The network's actors and ties as a NetworkImport (what import_network applies).
NetworkImport to_import(Id project_id, const kn::Network& network,
                        const NetworkImportOptions& options = {});

}  // namespace kn::storage
