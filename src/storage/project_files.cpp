// Project import from / export to network files (storage/project_files.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/project_files.hpp"

#include <stdexcept>

#include "core/io/format.hpp"

namespace kn::storage {

std::string database_location(const std::string& db_file, const std::string& postgres) {
  if (db_file.empty() == postgres.empty())
    throw std::invalid_argument("give exactly one of --db FILE or --postgres URL");
  if (!db_file.empty()) return "sqlite:" + db_file;
  if (postgres.rfind("postgresql://", 0) == 0 || postgres.rfind("postgres://", 0) == 0 ||
      postgres.rfind("postgres:", 0) == 0)
    return postgres;
  return "postgres:" + postgres;  // a libpq keyword string
}

ProjectImportReport import_project_file(Repository& repo, const ProjectImportRequest& request) {
  if (!kn::io::format_from_path(request.input))
    throw std::runtime_error("unknown network file format: '" + request.input.string() + "'");
  kn::io::ReadOptions read;
  read.actors_csv = request.actors_csv;
  // Read and check the whole file before anything touches the database.
  const kn::Network network = kn::io::read_network(request.input, read);
  ProjectImportReport report;
  if (auto existing = repo.find_project_by_slug(request.slug)) {
    report.project = *existing;
  } else {
    Project p;
    p.slug = request.slug;
    p.name = !request.name.empty()    ? request.name
             : !network.title.empty() ? network.title
                                      : request.slug;
    report.project = repo.create_project(p);
    report.project_created = true;
  }
  try {
    report.result = import_network(repo, report.project.id, network);
  } catch (...) {
    if (report.project_created) repo.delete_project(report.project.id);
    throw;
  }
  return report;
}

kn::Network export_project_file(Repository& repo, const ProjectExportRequest& request) {
  if (!kn::io::format_from_path(request.output))
    throw std::runtime_error("unknown network file format: '" + request.output.string() + "'");
  const auto project = repo.find_project_by_slug(request.slug);
  if (!project)
    throw StorageError(StorageError::Kind::NotFound, "project '" + request.slug + "' not found");
  LoadOptions options;
  options.names = request.names;
  if (!request.wave.empty()) {
    for (const Wave& w : repo.list_waves(project->id))
      if (w.name == request.wave) options.waves.push_back(w.id);
    if (options.waves.empty())
      throw StorageError(StorageError::Kind::NotFound,
                         "wave '" + request.wave + "' not found in project '" + request.slug + "'");
  }
  kn::Network network = load_network(repo, project->id, options);
  kn::io::write_network(network, request.output);
  return network;
}

}  // namespace kn::storage
