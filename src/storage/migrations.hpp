#pragma once
// Versioned schema migrations (storage/migrations.cpp). The applied versions are rows of the
// table kn_schema_version on both backends (SQLite also mirrors the version in PRAGMA
// user_version); each migration runs in its own write transaction together with its version row,
// so a migration is applied completely or not at all, and running them again changes nothing.

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "storage/db.hpp"

namespace kn::storage {

struct Migration {
  int version = 0;
  std::string_view description;
  /// Portable SQL; "@ID@" stands for the dialect's auto-increment primary key column type.
  std::string_view sql;
};

/// All migrations, ascending by version.
const std::vector<Migration>& migrations();
/// The migration SQL with the dialect's column types filled in.
std::string migration_sql(const Migration& migration, Dialect dialect);
/// Highest applied version (0 for an empty database).
int schema_version(Db& db);
/// Applies every pending migration up to version `up_to` (tests of upgrades stop early);
/// returns the resulting version.
int migrate(Db& db, int up_to = std::numeric_limits<int>::max());

}  // namespace kn::storage
