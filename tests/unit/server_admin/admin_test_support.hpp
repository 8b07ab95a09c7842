// A fresh server database per test, on a real file, with a clock the test sets.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server::admin::test {

/// 2026-11-18 00:53:20 UTC: a fixed "now" so expiries are exact.
inline constexpr std::int64_t kStartMs = 1'795'000'000'000;
inline constexpr std::int64_t kHourMs = 3'600'000;

class AdminTest : public ::testing::Test {
 protected:
  AdminTest() {
    if (!dir_.ok()) throw std::runtime_error("no temporary directory");
    auto opened = OpenStore(dir_.path() / "minegate.db");
    if (!opened) throw std::runtime_error("OpenStore: " + opened.error().message());
    connection_.emplace(std::move(opened).value());
  }

  db::Connection& connection() { return *connection_; }
  /// Reads now_ms_ at each call, so a test moves time by assigning it.
  base::Clock clock() {
    return [this] { return now_ms_; };
  }

  /// The first column of the first row of `sql` as an integer; -999 when NULL or no row.
  std::int64_t QueryInt(std::string_view sql) {
    auto statement = connection().Prepare(sql);
    EXPECT_TRUE(statement) << sql << ": " << connection().LastErrorMessage();
    if (!statement) return -999;
    auto row = statement.value().Step();
    if (!row || !row.value() || statement.value().ColumnIsNull(0)) return -999;
    return statement.value().ColumnInt64(0);
  }

  /// As QueryInt, for a blob; empty when NULL or no row.
  std::vector<std::uint8_t> QueryBlob(std::string_view sql) {
    auto statement = connection().Prepare(sql);
    EXPECT_TRUE(statement) << sql << ": " << connection().LastErrorMessage();
    if (!statement) return {};
    auto row = statement.value().Step();
    if (!row || !row.value()) return {};
    return statement.value().ColumnBlob(0);
  }

  std::int64_t ListVersion(std::string_view list) {
    return QueryInt("SELECT version FROM list_versions WHERE list = '" + std::string(list) + "'");
  }

  minegate::test::TempDir dir_{"admin"};
  std::optional<db::Connection> connection_;
  std::int64_t now_ms_ = kStartMs;
};

}  // namespace minegate::server::admin::test
