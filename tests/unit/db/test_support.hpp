#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "db/connection.hpp"
#include "db/statement.hpp"

namespace minegate::db::test {

/// A fresh directory per test under the system temporary directory, removed at the end, so tests
/// run on real files (WAL, locks, reopen) and never see each other's databases.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::random_device random;
    const std::string unique = std::string("minegate-db-") +
                               (info != nullptr ? info->name() : "test") + "-" +
                               std::to_string(random()) + std::to_string(random());
    path_ = std::filesystem::temp_directory_path() / unique;
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path File(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Opens `path` for a test that needs it open. Throws on failure: GoogleTest reports a thrown
/// exception as a failure of the running test, with this message.
inline Connection MustOpen(const std::filesystem::path& path, const OpenOptions& options = {}) {
  Result<Connection> connection = Connection::Open(path, options);
  if (!connection) {
    throw std::runtime_error("cannot open " + path.string() + ": " + connection.error().message());
  }
  return std::move(connection).value();
}

/// The first column of the first row of `sql`, as an integer; -999 when there is no row.
inline std::int64_t QueryInt(Connection& connection, std::string_view sql) {
  Result<Statement> statement = connection.Prepare(sql);
  EXPECT_TRUE(statement) << sql << ": " << connection.LastErrorMessage();
  if (!statement) return -999;
  Result<bool> row = statement.value().Step();
  EXPECT_TRUE(row) << sql;
  if (!row || !row.value()) return -999;
  return statement.value().ColumnInt64(0);
}

/// As QueryInt, for text; "<no row>" when there is no row.
inline std::string QueryText(Connection& connection, std::string_view sql) {
  Result<Statement> statement = connection.Prepare(sql);
  EXPECT_TRUE(statement) << sql << ": " << connection.LastErrorMessage();
  if (!statement) return "<prepare failed>";
  Result<bool> row = statement.value().Step();
  EXPECT_TRUE(row) << sql;
  if (!row || !row.value()) return "<no row>";
  return statement.value().ColumnText(0);
}

}  // namespace minegate::db::test
