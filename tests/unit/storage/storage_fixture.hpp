#pragma once
// Test fixture of the storage contract suite: one repository per test on each backend
// (SQLite in memory, SQLite file, PostgreSQL in a fresh schema when KN_TEST_POSTGRES is set),
// with an injected clock. KN_REQUIRE_POSTGRES=1 turns a missing PostgreSQL into a failure.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/db.hpp"
#include "storage/repository.hpp"

namespace kn::storage::test {

enum class Backend { SqliteMemory, SqliteFile, Postgres };

inline std::string backend_name(const testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::SqliteMemory:
      return "SqliteMemory";
    case Backend::SqliteFile:
      return "SqliteFile";
    case Backend::Postgres:
      return "Postgres";
  }
  return "Unknown";
}

/// libpq conninfo from KN_TEST_POSTGRES ("" or "env" = the PG* environment), or nullopt.
inline std::optional<std::string> postgres_conninfo() {
  const char* value = std::getenv("KN_TEST_POSTGRES");
  if (value == nullptr) return std::nullopt;
  const std::string text = value;
  return text == "env" ? std::string() : text;
}

inline bool postgres_required() {
  const char* value = std::getenv("KN_REQUIRE_POSTGRES");
  return value != nullptr && std::string(value) == "1";
}

/// A unique temporary directory, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kn-storage-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class StorageTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    OpenOptions options;
    options.clock = [this] { return clock_.load(); };
    switch (GetParam()) {
      case Backend::SqliteMemory:
        options.location = "sqlite::memory:";
        break;
      case Backend::SqliteFile:
        dir_ = std::make_unique<TempDir>();
        options.location = "sqlite:" + (dir_->path() / "kn.db").string();
        break;
      case Backend::Postgres: {
        const auto conninfo = postgres_conninfo();
        if (!conninfo) {
          if (postgres_required()) FAIL() << "KN_REQUIRE_POSTGRES=1 but KN_TEST_POSTGRES unset";
          GTEST_SKIP() << "PostgreSQL tier: set KN_TEST_POSTGRES (scripts/with-postgres.sh)";
        }
        static std::atomic<int> counter{0};
        schema_ = "kn_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        pg_conninfo_ = *conninfo;
        options.location = "postgres:" + *conninfo;
        options.pg_schema = schema_;
        break;
      }
    }
    options_ = options;
    try {
      repo_ = open_repository(options);
    } catch (const std::exception& e) {
      FAIL() << "cannot open the " << static_cast<int>(GetParam()) << " backend: " << e.what();
    }
  }

  void TearDown() override {
    repo_.reset();
    if (!schema_.empty()) {
      try {
        auto db = open_postgres(pg_conninfo_);
        db->write([&](Connection& c) { c.execute_script("DROP SCHEMA " + schema_ + " CASCADE"); });
      } catch (const std::exception& e) {
        ADD_FAILURE() << "cannot drop test schema: " << e.what();
      }
    }
  }

  /// Opens a second repository on the same database (same file / schema).
  std::unique_ptr<Repository> reopen() const { return open_repository(options_); }
  [[nodiscard]] bool is_sqlite() const { return GetParam() != Backend::Postgres; }

  Repository& repo() { return *repo_; }
  void advance(Time seconds) { clock_ += seconds; }
  Time now() const { return clock_.load(); }

  std::atomic<Time> clock_{1'700'000'000};
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Repository> repo_;
  OpenOptions options_;
  std::string schema_;
  std::string pg_conninfo_;
};

#define KN_STORAGE_BACKENDS                                 \
  testing::Values(kn::storage::test::Backend::SqliteMemory, \
                  kn::storage::test::Backend::SqliteFile, kn::storage::test::Backend::Postgres)

}  // namespace kn::storage::test
