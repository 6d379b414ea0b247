// Project import/export through files (the use cases of `klimanetze import` / `export`): every
// writable format round-trips the demo's actors and ties through the database, exports are
// pseudonymised by default, and bad input stores nothing (not even the project).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <fstream>

#include "app/demo/musterstadt.hpp"
#include "core/io/format.hpp"
#include "storage/project_files.hpp"
#include "unit/storage/storage_fixture.hpp"

namespace kn::storage::test {
namespace {

TEST(ProjectFiles, DatabaseLocationFromOptions) {
  EXPECT_EQ(database_location("a.db", ""), "sqlite:a.db");
  EXPECT_EQ(database_location("", "postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(database_location("", "host=h dbname=d"), "postgres:host=h dbname=d");
  EXPECT_THROW(database_location("", ""), std::invalid_argument);
  EXPECT_THROW(database_location("a.db", "postgres://x"), std::invalid_argument);
}

class Files : public StorageTest {};

TEST_P(Files, EveryFormatRoundTripsThroughTheDatabase) {
  kn::app::MusterstadtOptions small;
  small.actors = 40;
  const kn::Network demo = kn::app::generate_musterstadt(small);
  TempDir dir;
  const auto source = dir.path() / "demo.graphml";
  kn::io::write_network(demo, source);
  ProjectImportRequest in;
  in.input = source;
  in.slug = "demo";
  const auto report = import_project_file(repo(), in);
  EXPECT_TRUE(report.project_created);
  EXPECT_EQ(report.project.name, demo.title);
  for (const char* ext : {".graphml", ".gexf", ".json", ".net", ".dl", ".csv"}) {
    ProjectExportRequest out;
    out.output = dir.path() / (std::string("out") + ext);
    out.slug = "demo";
    out.names = true;
    const kn::Network written = export_project_file(repo(), out);
    EXPECT_EQ(written.actor_count(), demo.actor_count()) << ext;
    EXPECT_EQ(written.tie_count(), demo.tie_count()) << ext;
    const kn::Network back = kn::io::read_network(out.output);
    EXPECT_EQ(back.actor_ids(), demo.actor_ids()) << ext;
    EXPECT_EQ(back.tie_count(), demo.tie_count()) << ext;
  }
  ProjectExportRequest pseudo;
  pseudo.output = dir.path() / "pseudo.json";
  pseudo.slug = "demo";
  const kn::Network p = export_project_file(repo(), pseudo);
  std::ostringstream text;
  text << std::ifstream(pseudo.output).rdbuf();
  EXPECT_EQ(text.str().find(std::get<std::string>(demo.actor_attr(0, "name"))), std::string::npos);
  EXPECT_EQ(p.actor_id(0).rfind("A-", 0), 0U);
  pseudo.wave = "1999";
  EXPECT_THROW(export_project_file(repo(), pseudo), StorageError);
}

TEST_P(Files, BadInputStoresNothing) {
  TempDir dir;
  const auto bad = dir.path() / "bad.csv";
  std::ofstream(bad) << "source,target\na,b\nc\n";
  ProjectImportRequest in;
  in.input = bad;
  in.slug = "bad";
  EXPECT_ANY_THROW(import_project_file(repo(), in));
  EXPECT_FALSE(repo().find_project_by_slug("bad"));
  in.input = dir.path() / "x.unknown";
  EXPECT_ANY_THROW(import_project_file(repo(), in));
  EXPECT_TRUE(repo().list_projects().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Files, KN_STORAGE_BACKENDS, backend_name);

}  // namespace
}  // namespace kn::storage::test
