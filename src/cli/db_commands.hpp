#pragma once
// `klimanetze import` and `klimanetze export`: move a project between the database and every
// network file format (the use cases are storage/project_files.hpp).
//
//   klimanetze import INPUT (--db FILE | --postgres URL) --project SLUG [--name NAME]
//                           [--actors ACTORS.csv]
//   klimanetze export OUTPUT (--db FILE | --postgres URL) --project SLUG [--wave NAME] [--names]
//
// Exports are pseudonymised unless --names is given. Bad input: a clear error, exit code 2 (by
// main's error handler), nothing stored.
//
// Header-only because kn_cli's source list in CMakeLists.txt does not name a db_commands.cpp.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "core/io/format.hpp"
#include "storage/project_files.hpp"
#include "storage/repository.hpp"

namespace kn::cli {

struct DbImportArgs {
  std::string input, db, postgres, project, name, actors;
};

struct DbExportArgs {
  std::string output, db, postgres, project, wave;
  bool names = false;
};

inline void add_db_location_options(CLI::App* cmd, std::string& db, std::string& postgres) {
  cmd->add_option("--db", db, "SQLite database file");
  cmd->add_option("--postgres", postgres, "PostgreSQL URL or libpq keyword string");
}

inline CLI::App* add_import_command(CLI::App& app, DbImportArgs& args) {
  auto* cmd = app.add_subcommand("import", "Import a network file into a project of the database");
  cmd->add_option("INPUT", args.input, "Network file: .graphml .gexf .net .paj .dl .csv .json")
      ->required();
  add_db_location_options(cmd, args.db, args.postgres);
  cmd->add_option("--project", args.project, "Project slug (created if missing)")->required();
  cmd->add_option("--name", args.name, "Display name of a new project");
  cmd->add_option("--actors", args.actors, "Actors CSV (id[,name][,sector][,...]) joined by id");
  return cmd;
}

inline CLI::App* add_export_command(CLI::App& app, DbExportArgs& args) {
  auto* cmd = app.add_subcommand("export", "Export a project of the database to a network file");
  cmd->add_option("OUTPUT", args.output, "Network file (format by extension)")->required();
  add_db_location_options(cmd, args.db, args.postgres);
  cmd->add_option("--project", args.project, "Project slug")->required();
  cmd->add_option("--wave", args.wave, "Only this wave (default: all)");
  cmd->add_flag("--names", args.names, "Actor names and keys instead of pseudonyms");
  return cmd;
}

inline int run_import(const DbImportArgs& args) {
  storage::OpenOptions open;
  open.location = storage::database_location(args.db, args.postgres);
  storage::ProjectImportRequest request;
  request.input = args.input;
  request.actors_csv = args.actors;
  request.slug = args.project;
  request.name = args.name;
  // Check the file name before the database is created or opened.
  if (!kn::io::format_from_path(request.input))
    throw std::runtime_error("unknown network file format: '" + args.input + "'");
  auto repo = storage::open_repository(open);
  const auto report = storage::import_project_file(*repo, request);
  std::cerr << fmt::format(
      "{} project '{}': {} actors new, {} updated, {} waves new, {} ties written\n",
      report.project_created ? "created" : "updated", report.project.slug,
      report.result.actors_created, report.result.actors_updated, report.result.waves_created,
      report.result.ties_written);
  return 0;
}

inline int run_export(const DbExportArgs& args) {
  storage::OpenOptions open;
  open.location = storage::database_location(args.db, args.postgres);
  auto repo = storage::open_repository(open);
  storage::ProjectExportRequest request;
  request.output = args.output;
  request.slug = args.project;
  request.wave = args.wave;
  request.names = args.names;
  const kn::Network network = storage::export_project_file(*repo, request);
  std::cerr << fmt::format("wrote {} ({} actors, {} ties{})\n", args.output, network.actor_count(),
                           network.tie_count(), args.names ? ", with names" : ", pseudonymised");
  return 0;
}

}  // namespace kn::cli
