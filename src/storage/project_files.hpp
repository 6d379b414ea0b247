#pragma once
// Moving a whole project between the database and network files of every supported format
// (core/io/format.hpp): the use cases behind `klimanetze import` and `klimanetze export`
// (cli/db_commands.hpp).

#include <filesystem>
#include <string>

#include "core/graph/network.hpp"
#include "storage/network_bridge.hpp"
#include "storage/repository.hpp"

namespace kn::storage {

/// OpenOptions::location from the CLI's --db FILE / --postgres URL (exactly one of them).
/// Throws std::invalid_argument.
std::string database_location(const std::string& db_file, const std::string& postgres);

struct ProjectImportRequest {
  std::filesystem::path input;       ///< network file, format by extension
  std::filesystem::path actors_csv;  ///< optional actors CSV joined by id
  std::string slug;                  ///< project; created when missing
  std::string name;                  ///< name of a new project ("" = network title or slug)
};

struct ProjectImportReport {
  Project project;
  bool project_created = false;
  ImportResult result;
};

/// Reads the file completely, then imports it in one transaction. On any error nothing stays
/// stored (a project created for the import is removed again). Throws kn::ParseError,
/// StorageError or std::runtime_error.
ProjectImportReport import_project_file(Repository& repo, const ProjectImportRequest& request);

struct ProjectExportRequest {
  std::filesystem::path output;  ///< format by extension
  std::string slug;
  std::string wave;    ///< one wave by name ("" = all)
  bool names = false;  ///< false: pseudonyms instead of names and keys
};

/// Writes the project (pseudonymised unless `names`); returns the network written. Throws
/// StorageError (NotFound for an unknown project or wave) or std::runtime_error.
kn::Network export_project_file(Repository& repo, const ProjectExportRequest& request);

}  // namespace kn::storage
