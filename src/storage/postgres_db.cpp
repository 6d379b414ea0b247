// PostgreSQL driver (storage/db.hpp) on libpq: a pool of connections, each caching its prepared
// statements (PQprepare / PQexecPrepared, parameters sent as text or binary bytea, types inferred
// by the server), read jobs in REPEATABLE READ READ ONLY transactions, write jobs in READ
// COMMITTED transactions (synchronous_commit as configured on the server: on by default).
// A broken connection is reset when it is next taken from the pool; a job whose BEGIN fails
// because the connection broke is retried once on the reset connection. Error messages come
// from the server or libpq and never contain the conninfo (so no password).
// SPDX-License-Identifier: GPL-3.0-or-later

#include <libpq-fe.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "storage/db.hpp"

namespace kn::storage {

namespace {

using Kind = StorageError::Kind;

// Type OIDs of the result columns we convert (pg_type.h).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

Kind kind_of_sqlstate(const char* state) {
  const std::string s = state != nullptr ? state : "";
  if (s == "23505") return Kind::Conflict;
  if (s.rfind("23", 0) == 0) return Kind::Invalid;  // FK, not null, check
  if (s == "40001" || s == "40P01" || s == "55P03" || s == "57014") return Kind::Busy;
  if (s.rfind("22", 0) == 0) return Kind::Invalid;  // data exception (bad UTF-8, range)
  return Kind::Io;
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection final : public Connection {
 public:
  PgConnection(const std::string& conninfo, const std::string& schema)
      : conninfo_(conninfo), schema_(schema) {
    connect();
  }
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::PostgreSQL; }
  [[nodiscard]] bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }

  void reset() {
    prepared_.clear();
    PQreset(conn_);
    if (!ok())
      throw StorageError(Kind::Io, "postgresql: reconnect failed: " + trim(PQerrorMessage(conn_)));
    setup();
  }

  Rows query(std::string_view sql, const Params& params) override {
    Result res = run(sql, params);
    Rows rows;
    const int n = PQntuples(res.get());
    const int columns = PQnfields(res.get());
    rows.reserve(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
      std::vector<Cell> cells;
      cells.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c)
        cells.push_back(read_cell(res.get(), r, c));
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    Result res = run(sql, params);
    const char* affected = PQcmdTuples(res.get());
    std::int64_t n = 0;
    if (affected != nullptr && *affected != '\0') {
      const std::string_view text(affected);
      std::from_chars(text.data(), text.data() + text.size(), n);
    }
    return n;
  }

  void execute_script(std::string_view sql) override {
    const std::string text(sql);
    Result res(PQexec(conn_, text.c_str()));
    check(res.get(), sql);
  }

  /// Transaction control that must not throw (rollback paths).
  void quiet(const char* sql) {
    if (ok()) PQclear(PQexec(conn_, sql));
  }

 private:
  void connect() {
    conn_ = PQconnectdb(conninfo_.c_str());
    if (conn_ == nullptr) throw StorageError(Kind::Io, "postgresql: out of memory");
    if (!ok()) {
      const std::string message = "postgresql: cannot connect: " + trim(PQerrorMessage(conn_));
      PQfinish(conn_);
      conn_ = nullptr;
      throw StorageError(Kind::Io, message);
    }
    setup();
  }

  void setup() {
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    execute_script("SET client_min_messages TO warning");
    if (!schema_.empty()) {
      // The name is checked in open_postgres (letters, digits, '_'), so quoting is enough.
      execute_script("CREATE SCHEMA IF NOT EXISTS \"" + schema_ + "\"");
      execute_script("SET search_path TO \"" + schema_ + "\"");
    }
  }

  void check(PGresult* res, std::string_view sql) {
    const ExecStatusType status = res != nullptr ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = "postgresql: ";
    if (res != nullptr && PQresultErrorMessage(res)[0] != '\0')
      message += trim(PQresultErrorMessage(res));
    else
      message += trim(PQerrorMessage(conn_));
    message += " (" + std::string(sql.substr(0, 60)) + ")";
    if (!ok()) throw StorageError(Kind::Io, message);
    const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    throw StorageError(kind_of_sqlstate(state), message);
  }

  Result run(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      const std::string name = "kn" + std::to_string(prepared_.size() + 1);
      Result res(
          PQprepare(conn_, name.c_str(), key.c_str(), static_cast<int>(params.size()), nullptr));
      check(res.get(), sql);
      it = prepared_.emplace(std::move(key), name).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), 0);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) continue;
      if (const auto* v = std::get_if<std::int64_t>(&p)) {
        texts[i] = std::to_string(*v);
      } else if (const auto* d = std::get_if<double>(&p)) {
        char buffer[64];
        const auto r = std::to_chars(buffer, buffer + sizeof buffer, *d);
        texts[i].assign(buffer, r.ptr);
      } else if (const auto* s = std::get_if<std::string>(&p)) {
        texts[i] = *s;
      } else if (const auto* b = std::get_if<Blob>(&p)) {
        texts[i] = b->bytes;
        formats[i] = 1;
      }
      values[i] = texts[i].c_str();
      lengths[i] = static_cast<int>(texts[i].size());
    }
    Result res(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                              values.data(), lengths.data(), formats.data(), 0));
    check(res.get(), sql);
    return res;
  }

  static Cell read_cell(PGresult* res, int r, int c) {
    if (PQgetisnull(res, r, c) != 0) return Cell{};
    const char* value = PQgetvalue(res, r, c);
    const auto length = static_cast<std::size_t>(PQgetlength(res, r, c));
    const std::string_view text(value, length);
    switch (PQftype(res, c)) {
      case kInt2:
      case kInt4:
      case kInt8: {
        std::int64_t v = 0;
        std::from_chars(text.data(), text.data() + text.size(), v);
        return Cell{v};
      }
      case kFloat4:
      case kFloat8:
      case kNumeric: {
        double v = 0;
        std::from_chars(text.data(), text.data() + text.size(), v);
        return Cell{v};
      }
      case kBool:
        return Cell{static_cast<std::int64_t>(text == "t" ? 1 : 0)};
      case kBytea: {
        std::size_t size = 0;
        unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(value), &size);
        std::string bytes(reinterpret_cast<const char*>(raw), size);
        PQfreemem(raw);
        return Cell{std::move(bytes)};
      }
      default:
        return Cell{std::string(text)};
    }
  }

  std::string conninfo_;
  std::string schema_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;
};

class PostgresDb final : public Db {
 public:
  PostgresDb(std::string conninfo, const PostgresOptions& options)
      : conninfo_(std::move(conninfo)), options_(options) {
    if (options_.pool == 0) options_.pool = 1;
    // Connect one now so a wrong conninfo fails at open time.
    all_.push_back(std::make_unique<PgConnection>(conninfo_, options_.schema));
    free_.push_back(all_.back().get());
  }

  [[nodiscard]] Dialect dialect() const override { return Dialect::PostgreSQL; }
  [[nodiscard]] std::string backend() const override { return "postgresql"; }

  void read(const std::function<void(Connection&)>& job) override {
    run(job, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  void write(const std::function<void(Connection&)>& job) override { run(job, "BEGIN"); }

  void backup_to(const std::string& /*path*/) override {
    throw StorageError(Kind::Unsupported,
                       "postgresql: online backup is not done by KlimaNetze; use pg_dump");
  }

  std::string integrity_check() override {
    std::string result = "ok";
    read([&](Connection& c) {
      if (c.query("SELECT 1").empty()) result = "postgresql: connectivity check failed";
    });
    return result;
  }

 private:
  PgConnection* acquire() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return !free_.empty() || all_.size() < options_.pool; });
    if (!free_.empty()) {
      PgConnection* conn = free_.back();
      free_.pop_back();
      return conn;
    }
    // Grow the pool; connect outside the lock.
    all_.push_back(nullptr);
    const std::size_t slot = all_.size() - 1;
    lock.unlock();
    try {
      auto conn = std::make_unique<PgConnection>(conninfo_, options_.schema);
      lock.lock();
      all_[slot] = std::move(conn);
      return all_[slot].get();
    } catch (...) {
      lock.lock();
      all_.erase(all_.begin() + static_cast<std::ptrdiff_t>(slot));
      cv_.notify_one();
      throw;
    }
  }

  void release(PgConnection* conn) {
    {
      std::lock_guard lock(mutex_);
      free_.push_back(conn);
    }
    cv_.notify_one();
  }

  void run(const std::function<void(Connection&)>& job, const char* begin) {
    PgConnection* conn = acquire();
    struct Release {
      PostgresDb* self;
      PgConnection* conn;
      ~Release() { self->release(conn); }
    } guard{this, conn};
    if (!conn->ok()) conn->reset();
    try {
      conn->execute_script(begin);
    } catch (const StorageError&) {
      if (conn->ok()) throw;
      conn->reset();  // broken before anything was sent: retry once on a fresh connection
      conn->execute_script(begin);
    }
    // A serialisation failure or deadlock (Busy) rolls the whole transaction back; the job is
    // run again from the start (jobs keep their state inside the call), at most three times.
    for (int attempt = 1;; ++attempt) {
      try {
        job(*conn);
        conn->execute_script("COMMIT");
        return;
      } catch (const StorageError& e) {
        conn->quiet("ROLLBACK");
        if (e.kind() != StorageError::Kind::Busy || attempt == 3 || !conn->ok()) throw;
      } catch (...) {
        conn->quiet("ROLLBACK");
        throw;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2 * attempt));
      conn->execute_script(begin);
    }
  }

  std::string conninfo_;
  PostgresOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> all_;
  std::vector<PgConnection*> free_;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const std::string& conninfo, const PostgresOptions& options) {
  for (const char c : options.schema) {
    const bool fine = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!fine)
      throw StorageError(StorageError::Kind::Invalid,
                         "postgresql: schema name must be lower-case letters, digits or '_'");
  }
  return std::make_unique<PostgresDb>(conninfo, options);
}

}  // namespace kn::storage
