// Schema migrations for both backends (storage/migrations.hpp). Version 1 creates the tables of
// every record in storage/records.hpp with their foreign keys (ON DELETE CASCADE where a parent's
// deletion must take its children) and the indices the repository's queries use.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/migrations.hpp"

#include <chrono>

namespace kn::storage {

namespace {

constexpr std::string_view kSchemaV1 = R"SQL(
CREATE TABLE projects (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  retention_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  next_pseudonym BIGINT NOT NULL DEFAULT 0,
  questionnaire_version BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE waves (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  opened_at BIGINT NOT NULL DEFAULT 0,
  closed_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (project_id, name)
);
CREATE INDEX waves_project ON waves(project_id, position);
CREATE TABLE actors (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  sector TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  attrs TEXT NOT NULL,
  free_addition INTEGER NOT NULL DEFAULT 0,
  added_by BIGINT,
  merged_into BIGINT REFERENCES actors(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, key),
  UNIQUE (project_id, pseudonym)
);
CREATE INDEX actors_added_by ON actors(added_by, name);
CREATE INDEX actors_merged_into ON actors(merged_into);
CREATE TABLE actor_fields (
  actor_id BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (actor_id, position)
);
CREATE TABLE invitations (
  id @ID@,
  wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  actor_id BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  token_hash TEXT UNIQUE,
  status TEXT NOT NULL,
  lang TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  started_at BIGINT NOT NULL DEFAULT 0,
  submitted_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (wave_id, actor_id)
);
CREATE INDEX invitations_actor ON invitations(actor_id);
CREATE TABLE consents (
  id @ID@,
  invitation_id BIGINT NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
  text_version TEXT NOT NULL,
  given_at BIGINT NOT NULL,
  withdrawn_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX consents_invitation ON consents(invitation_id);
CREATE TABLE ties (
  id @ID@,
  wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  relation TEXT NOT NULL,
  source BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  target BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  attrs TEXT NOT NULL,
  updated_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (wave_id, relation, source, target)
);
CREATE INDEX ties_source ON ties(source, wave_id);
CREATE INDEX ties_target ON ties(target, wave_id);
CREATE TABLE item_answers (
  invitation_id BIGINT NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
  item TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (invitation_id, item)
);
CREATE TABLE innovations (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  wave_id BIGINT REFERENCES waves(id) ON DELETE SET NULL,
  reported_by BIGINT REFERENCES invitations(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  field TEXT NOT NULL,
  stage TEXT NOT NULL,
  conditions TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX innovations_project ON innovations(project_id);
CREATE INDEX innovations_reported_by ON innovations(reported_by);
CREATE TABLE innovation_actors (
  innovation_id BIGINT NOT NULL REFERENCES innovations(id) ON DELETE CASCADE,
  actor_id BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (innovation_id, actor_id)
);
CREATE INDEX innovation_actors_actor ON innovation_actors(actor_id);
CREATE TABLE interventions (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  starts_at BIGINT NOT NULL DEFAULT 0,
  ends_at BIGINT NOT NULL DEFAULT 0,
  wave_before BIGINT REFERENCES waves(id) ON DELETE SET NULL,
  wave_after BIGINT REFERENCES waves(id) ON DELETE SET NULL
);
CREATE INDEX interventions_project ON interventions(project_id);
CREATE TABLE intervention_actors (
  intervention_id BIGINT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
  actor_id BIGINT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (intervention_id, actor_id)
);
CREATE INDEX intervention_actors_actor ON intervention_actors(actor_id);
CREATE TABLE questionnaires (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, version)
);
CREATE TABLE users (
  id @ID@,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE project_members (
  project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members(user_id);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
  invitation_id BIGINT REFERENCES invitations(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_invitation ON sessions(invitation_id);
CREATE TABLE audit_log (
  id @ID@,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL DEFAULT 0,
  project_id BIGINT NOT NULL DEFAULT 0,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_project ON audit_log(project_id, id);
)SQL";

// Version 2 (issue 4, the map): the project's public aggregate view and stored map layouts.
constexpr std::string_view kSchemaV2 = R"SQL(
ALTER TABLE projects ADD COLUMN public_view INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN public_min_group INTEGER NOT NULL DEFAULT 5;
CREATE TABLE layouts (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  seed BIGINT NOT NULL,
  source TEXT NOT NULL,
  iterations BIGINT NOT NULL,
  positions TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (project_id, scope)
);
)SQL";

constexpr std::string_view kVersionTable =
    "CREATE TABLE IF NOT EXISTS kn_schema_version (version INTEGER PRIMARY KEY, "
    "description TEXT NOT NULL, applied_at BIGINT NOT NULL)";

void lock_migrations(Connection& c) {
  // SQLite: the writer's BEGIN IMMEDIATE already excludes every other writer. PostgreSQL: one
  // instance migrates at a time, the others wait and then find the work done.
  if (c.dialect() == Dialect::PostgreSQL) c.query("SELECT pg_advisory_xact_lock(7303152)");
}

int applied_version(Connection& c) {
  const auto row = c.query_one("SELECT COALESCE(MAX(version), 0) FROM kn_schema_version", {});
  return row ? row->i32(0) : 0;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "initial schema: projects, waves, actors, ties, survey, users, sessions, audit",
       kSchemaV1},
      {2, "public aggregate view per project, stored map layouts", kSchemaV2},
  };
  return all;
}

std::string migration_sql(const Migration& migration, Dialect dialect) {
  const std::string_view id = dialect == Dialect::SQLite
                                  ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                  : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  std::string sql(migration.sql);
  for (std::size_t pos = sql.find("@ID@"); pos != std::string::npos; pos = sql.find("@ID@", pos))
    sql.replace(pos, 4, id);
  return sql;
}

int schema_version(Db& db) {
  int version = 0;
  db.read([&](Connection& c) {
    const bool exists =
        c.dialect() == Dialect::SQLite
            ? !c.query(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                    "name = 'kn_schema_version'")
                   .empty()
            : c.query_one("SELECT to_regclass('kn_schema_version') IS NOT NULL", {})->i64(0) != 0;
    if (exists) version = applied_version(c);
  });
  return version;
}

int migrate(Db& db, int up_to) {
  int version = 0;
  for (const Migration& m : migrations()) {
    if (m.version > up_to) break;
    db.write([&](Connection& c) {
      lock_migrations(c);
      c.execute_script(kVersionTable);
      version = applied_version(c);
      if (version >= m.version) return;
      c.execute_script(migration_sql(m, c.dialect()));
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
      c.execute(
          "INSERT INTO kn_schema_version (version, description, applied_at) VALUES "
          "($1, $2, $3)",
          {std::int64_t{m.version}, std::string(m.description), std::int64_t{now}});
      if (c.dialect() == Dialect::SQLite)
        c.execute_script("PRAGMA user_version = " + std::to_string(m.version));
      version = m.version;
    });
  }
  return version;
}

}  // namespace kn::storage
