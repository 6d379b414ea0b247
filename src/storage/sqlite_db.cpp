// SQLite driver (storage/db.hpp) on the raw C API with its own RAII wrapper.
//
// Durability and safety settings on every connection: journal_mode=WAL (file databases),
// synchronous=FULL, foreign_keys=ON, busy_timeout, trusted_schema=OFF, SQLITE_DBCONFIG_DEFENSIVE.
//
// Writes: ONE writer connection owned by one writer thread. Callers queue write jobs; the thread
// takes every queued job (up to max_group), runs each inside its own SAVEPOINT within one
// BEGIN IMMEDIATE transaction and COMMITs once (one fsync for the whole group), then completes
// every caller's future. A failing job rolls back only its savepoint and gets its exception; if
// an error ended the whole transaction, the other jobs of the group are run again in a new one.
// A call returns only after the COMMIT of its group, so durability is never weakened.
//
// Reads: a pool of reader connections (query_only), each job inside BEGIN ... COMMIT so it sees
// one snapshot. ":memory:" uses the single writer connection for reads too (guarded by a mutex).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "storage/db.hpp"

namespace kn::storage {

namespace {

using Kind = StorageError::Kind;

Kind kind_of(int extended) {
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Kind::Conflict;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_TRIGGER:
      return Kind::Invalid;
    default:
      break;
  }
  switch (extended & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Kind::Busy;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return Kind::Invalid;
    default:
      return Kind::Io;
  }
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string message = "sqlite: ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  // The statement's first words name what failed; parameter values never appear.
  message += " (";
  message += context.substr(0, 60);
  message += ")";
  throw StorageError(kind_of(extended != 0 ? extended : rc), message);
}

/// RAII prepared statement.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    const int rc = sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  [[nodiscard]] sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

/// Resets and clears a statement when a call is done with it, also on exceptions.
class ResetGuard {
 public:
  explicit ResetGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetGuard() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetGuard(const ResetGuard&) = delete;
  ResetGuard& operator=(const ResetGuard&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool memory, bool reader, int busy_timeout_ms) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                      SQLITE_OPEN_EXRESCODE | (memory ? SQLITE_OPEN_MEMORY : 0);
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = "sqlite: cannot open database: ";
      message += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw StorageError(Kind::Io, message);
    }
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_FKEY, 1, nullptr);
    try {
      if (!memory && !reader) execute_script("PRAGMA journal_mode=WAL");
      execute_script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF");
      if (reader) execute_script("PRAGMA query_only=ON");
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }
  ~SqliteConnection() override {
    cache_.clear();  // finalize statements before closing
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::SQLite; }
  [[nodiscard]] sqlite3* handle() const { return db_; }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    ResetGuard guard(stmt);
    bind(stmt, params, sql);
    Rows rows;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(db_, rc, sql);
      std::vector<Cell> cells;
      cells.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c)
        cells.push_back(read_cell(stmt, c));
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    ResetGuard guard(stmt);
    bind(stmt, params, sql);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(db_, rc, sql);
    }
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      sqlite3_free(error);
      fail(db_, rc, sql);
    }
  }

  /// Transaction control that must not throw (rollback paths).
  void quiet(const char* sql) { sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }
  [[nodiscard]] bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
      auto stmt = std::make_unique<Statement>(db_, translate_placeholders(sql, Dialect::SQLite));
      it = cache_.emplace(std::string(sql), std::move(stmt)).first;
    }
    return it->second->get();
  }

  void bind(sqlite3_stmt* stmt, const Params& params, std::string_view sql) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      throw StorageError(Kind::Invalid, "sqlite: wrong number of parameters (" +
                                            std::string(sql.substr(0, 60)) + ")");
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (const auto* v = std::get_if<std::int64_t>(&p)) {
        rc = sqlite3_bind_int64(stmt, index, *v);
      } else if (const auto* d = std::get_if<double>(&p)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&p)) {
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Blob>(&p)) {
        rc = sqlite3_bind_blob64(stmt, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) fail(db_, rc, sql);
    }
  }

  static Cell read_cell(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        return Cell{static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))};
      case SQLITE_FLOAT:
        return Cell{sqlite3_column_double(stmt, c)};
      case SQLITE_TEXT: {
        const auto* text = sqlite3_column_text(stmt, c);
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
        return Cell{std::string(reinterpret_cast<const char*>(text), size)};
      }
      case SQLITE_BLOB: {
        const void* data = sqlite3_column_blob(stmt, c);
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
        return Cell{size == 0 ? std::string() : std::string(static_cast<const char*>(data), size)};
      }
      default:
        return Cell{};
    }
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

struct WriteJob {
  const std::function<void(Connection&)>* fn = nullptr;
  std::promise<void> done;
};

class SqliteDb final : public Db {
 public:
  SqliteDb(std::string path, const SqliteOptions& options)
      : path_(std::move(path)), memory_(path_ == ":memory:"), options_(options) {
    writer_ = std::make_unique<SqliteConnection>(path_, memory_, false, options.busy_timeout_ms);
    if (!memory_) {
      const std::size_t n = options.readers == 0 ? 1 : options.readers;
      for (std::size_t i = 0; i < n; ++i) {
        readers_.push_back(
            std::make_unique<SqliteConnection>(path_, false, true, options.busy_timeout_ms));
        free_.push_back(readers_.back().get());
      }
    }
    thread_ = std::thread([this] { writer_loop(); });
  }

  ~SqliteDb() override {
    {
      std::lock_guard lock(queue_mutex_);
      stop_ = true;
    }
    queue_cv_.notify_all();
    thread_.join();
  }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::SQLite; }
  [[nodiscard]] std::string backend() const override { return "sqlite"; }

  void read(const std::function<void(Connection&)>& job) override {
    if (memory_) {
      std::lock_guard lock(writer_conn_mutex_);
      job(*writer_);
      return;
    }
    SqliteConnection* conn = acquire_reader();
    struct Release {
      SqliteDb* self;
      SqliteConnection* conn;
      ~Release() { self->release_reader(conn); }
    } release{this, conn};
    conn->execute_script("BEGIN");
    try {
      job(*conn);
    } catch (...) {
      conn->quiet("ROLLBACK");
      throw;
    }
    conn->execute_script("COMMIT");
  }

  void write(const std::function<void(Connection&)>& job) override {
    if (std::this_thread::get_id() == thread_.get_id()) {
      job(*writer_);  // nested call from a job: already inside the group's transaction
      return;
    }
    WriteJob item;
    item.fn = &job;
    std::future<void> done = item.done.get_future();
    {
      std::lock_guard lock(queue_mutex_);
      queue_.push_back(&item);
    }
    queue_cv_.notify_one();
    done.get();  // rethrows the job's (or the COMMIT's) exception
  }

  void backup_to(const std::string& path) override {
    sqlite3* dest = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_close(dest);
      throw StorageError(Kind::Io, "sqlite: cannot open backup target");
    }
    struct CloseDest {
      sqlite3* db;
      ~CloseDest() { sqlite3_close(db); }
    } close_dest{dest};
    auto copy = [&](SqliteConnection& source) {
      sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.handle(), "main");
      if (backup == nullptr) fail(dest, sqlite3_errcode(dest), "backup_init");
      rc = sqlite3_backup_step(backup, -1);  // all pages at once: one consistent snapshot
      sqlite3_backup_finish(backup);
      if (rc != SQLITE_DONE) fail(dest, rc, "backup_step");
    };
    if (memory_) {
      std::lock_guard lock(writer_conn_mutex_);
      copy(*writer_);
    } else {
      SqliteConnection* conn = acquire_reader();
      struct Release {
        SqliteDb* self;
        SqliteConnection* conn;
        ~Release() { self->release_reader(conn); }
      } release{this, conn};
      copy(*conn);
    }
  }

  std::string integrity_check() override {
    std::string result;
    read([&](Connection& c) {
      std::string problems;
      for (const Row& row : c.query("PRAGMA integrity_check")) {
        const std::string line = row.text(0);
        if (line == "ok") continue;
        problems += (problems.empty() ? "" : "\n") + line;
      }
      for (const Row& row : c.query("PRAGMA foreign_key_check"))
        problems += (problems.empty() ? "" : "\n") + ("foreign key violation in " + row.text(0));
      result = problems.empty() ? "ok" : problems;
    });
    return result;
  }

  [[nodiscard]] WriterStats stats() const {
    std::lock_guard lock(queue_mutex_);
    return stats_;
  }

 private:
  /// First come, first served: a waiter takes a ticket and gets a connection only when its
  /// turn has come (a plain condition variable lets late arrivals overtake, and under sustained
  /// load some requests then waited for seconds).
  SqliteConnection* acquire_reader() {
    std::unique_lock lock(pool_mutex_);
    const std::uint64_t ticket = next_ticket_++;
    pool_cv_.wait(lock, [&] { return ticket == now_serving_ && !free_.empty(); });
    ++now_serving_;
    SqliteConnection* conn = free_.back();
    free_.pop_back();
    const bool more = !free_.empty();
    lock.unlock();
    if (more) pool_cv_.notify_all();  // the next ticket may take the next free connection
    return conn;
  }
  void release_reader(SqliteConnection* conn) {
    {
      std::lock_guard lock(pool_mutex_);
      free_.push_back(conn);
    }
    pool_cv_.notify_all();
  }

  void writer_loop() {
    for (;;) {
      std::vector<WriteJob*> group;
      {
        std::unique_lock lock(queue_mutex_);
        queue_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stop_ and nothing left
        while (!queue_.empty() && group.size() < options_.max_group) {
          group.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      run_group(std::move(group));
    }
  }

  /// Runs a group of jobs in one transaction (see the file comment).
  void run_group(std::vector<WriteJob*> pending) {
    std::lock_guard conn_lock(writer_conn_mutex_);
    SqliteConnection& conn = *writer_;
    while (!pending.empty()) {
      try {
        conn.execute_script("BEGIN IMMEDIATE");
      } catch (...) {
        for (WriteJob* job : pending)
          job->done.set_exception(std::current_exception());
        return;
      }
      std::vector<WriteJob*> succeeded;
      std::vector<WriteJob*> rest;
      bool lost = false;
      for (std::size_t i = 0; i < pending.size(); ++i) {
        WriteJob* job = pending[i];
        try {
          conn.execute_script("SAVEPOINT kn_job");
          (*job->fn)(conn);
          conn.execute_script("RELEASE kn_job");
          succeeded.push_back(job);
        } catch (...) {
          const std::exception_ptr error = std::current_exception();
          if (conn.in_transaction()) {
            conn.quiet("ROLLBACK TO kn_job");
            conn.quiet("RELEASE kn_job");
          }
          job->done.set_exception(error);
          if (!conn.in_transaction()) {
            // The error ended the whole transaction: run the others again in a new one.
            lost = true;
            rest = succeeded;
            rest.insert(rest.end(), pending.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                        pending.end());
            break;
          }
        }
      }
      if (lost) {
        pending = std::move(rest);
        continue;
      }
      try {
        conn.execute_script("COMMIT");
      } catch (...) {
        const std::exception_ptr error = std::current_exception();
        conn.quiet("ROLLBACK");
        for (WriteJob* job : succeeded)
          job->done.set_exception(error);
        return;
      }
      {
        std::lock_guard lock(queue_mutex_);
        stats_.jobs += pending.size();
        stats_.commits += 1;
      }
      for (WriteJob* job : succeeded)
        job->done.set_value();
      pending.clear();
    }
  }

  std::string path_;
  bool memory_;
  SqliteOptions options_;
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex writer_conn_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::vector<SqliteConnection*> free_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::uint64_t next_ticket_ = 0;  ///< reader pool tickets (acquire_reader)
  std::uint64_t now_serving_ = 0;
  mutable std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<WriteJob*> queue_;
  bool stop_ = false;
  WriterStats stats_;
  std::thread thread_;  // last: started after everything it uses exists
};

}  // namespace

std::unique_ptr<Db> open_sqlite(const std::string& path, const SqliteOptions& options) {
  return std::make_unique<SqliteDb>(path, options);
}

WriterStats writer_stats(Db& db) {
  if (auto* sqlite = dynamic_cast<SqliteDb*>(&db)) return sqlite->stats();
  return {};
}

}  // namespace kn::storage
