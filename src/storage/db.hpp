#pragma once
// The small SQL driver interface under the repository (storage/sql_repository.cpp): statements
// written once with $1, $2 ... placeholders (translated to ?1, ?2 for SQLite), typed bound
// parameters (never values concatenated into SQL text), rows materialised with access by column
// index, and transactions as jobs: Db::read runs a job on a reader connection inside a read
// transaction, Db::write runs it inside a write transaction and returns only after its COMMIT.
//
// Drivers: SQLite (storage/sqlite_db.cpp: one writer thread with grouped commits, a reader pool)
// and PostgreSQL (storage/postgres_db.cpp: libpq connection pool, prepared statements).
// Every driver error is a StorageError with a stable kind (repository.hpp).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "storage/repository.hpp"

namespace kn::storage {

/// Binary data (SQLite BLOB, PostgreSQL bytea).
struct Blob {
  std::string bytes;
};

/// A bound parameter value. nullptr = SQL NULL.
using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;
using Params = std::vector<Param>;

/// A result cell. monostate = SQL NULL; text and blobs are std::string.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

/// One result row. Accessors convert between integer, real and text cells; NULL reads as 0 / "".
class Row {
 public:
  explicit Row(std::vector<Cell> cells) : cells_(std::move(cells)) {}
  [[nodiscard]] std::size_t size() const { return cells_.size(); }
  [[nodiscard]] bool is_null(std::size_t i) const;
  [[nodiscard]] std::int64_t i64(std::size_t i) const;
  [[nodiscard]] int i32(std::size_t i) const;
  [[nodiscard]] double f64(std::size_t i) const;
  [[nodiscard]] std::string text(std::size_t i) const;
  [[nodiscard]] std::optional<std::int64_t> opt_i64(std::size_t i) const;
  [[nodiscard]] const Cell& cell(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Cell> cells_;
};
using Rows = std::vector<Row>;

enum class Dialect : std::uint8_t { SQLite, PostgreSQL };

/// One database session. Only valid inside the job it was handed to.
class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] virtual Dialect dialect() const = 0;
  /// Runs one statement with bound parameters and returns its rows.
  virtual Rows query(std::string_view sql, const Params& params) = 0;
  /// Runs one statement; returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params) = 0;
  /// Runs several ;-separated statements without parameters (schema migrations).
  virtual void execute_script(std::string_view sql) = 0;

  Rows query(std::string_view sql) { return query(sql, Params{}); }
  std::int64_t execute(std::string_view sql) { return execute(sql, Params{}); }
  /// The first row, if any.
  std::optional<Row> query_one(std::string_view sql, const Params& params);
};

class Db {
 public:
  virtual ~Db() = default;
  Db() = default;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  [[nodiscard]] virtual Dialect dialect() const = 0;
  /// "sqlite" or "postgresql".
  [[nodiscard]] virtual std::string backend() const = 0;
  /// Runs `job` inside a read-only transaction (a consistent snapshot).
  virtual void read(const std::function<void(Connection&)>& job) = 0;
  /// Runs `job` inside a write transaction; returns after the COMMIT (durable) or rethrows the
  /// job's exception after rolling back everything the job did.
  virtual void write(const std::function<void(Connection&)>& job) = 0;
  /// Online consistent copy (SQLite); PostgreSQL throws Unsupported.
  virtual void backup_to(const std::string& path) = 0;
  /// "ok" or the problems found.
  virtual std::string integrity_check() = 0;
};

struct SqliteOptions {
  std::size_t readers = 4;
  int busy_timeout_ms = 5000;
  /// Upper bound of write jobs committed together in one transaction.
  std::size_t max_group = 512;
};

/// Counters of the SQLite writer thread (grouped commits).
struct WriterStats {
  std::uint64_t jobs = 0;
  std::uint64_t commits = 0;
};

/// Opens an SQLite database file (":memory:" for a private in-memory database).
std::unique_ptr<Db> open_sqlite(const std::string& path, const SqliteOptions& options = {});
/// Writer statistics of an SQLite Db (zeros for other drivers).
WriterStats writer_stats(Db& db);

struct PostgresOptions {
  std::size_t pool = 4;
  /// Schema to work in (created if missing, then the connection's search_path); "" = default.
  /// Lower-case letters, digits and '_' only.
  std::string schema;
};

/// Connects to PostgreSQL with a libpq conninfo (URL or keyword string; "" = PG* environment).
std::unique_ptr<Db> open_postgres(const std::string& conninfo, const PostgresOptions& options = {});

/// "$1 ... $N" -> "?1 ... ?N" for SQLite (outside quoted literals and identifiers); unchanged
/// for PostgreSQL.
std::string translate_placeholders(std::string_view sql, Dialect dialect);

}  // namespace kn::storage
