// A fresh server database per test, on a real file, and entries to put in its audit log.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_log.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server::audit::test {

/// 2026-11-18 00:53:20 UTC.
inline constexpr std::int64_t kStartMs = 1'795'000'000'000;

/// An entry a signed-in official's request would write; `i` varies every field.
inline AuditEntry SampleEntry(int i) {
  AuditEntry entry;
  entry.at_ms = kStartMs + i * 1000;
  entry.actor_kind = i % 2 == 0 ? ActorKind::kUser : ActorKind::kApiToken;
  entry.actor_id = i % 3 == 0 ? "amadou" : "fatou";
  entry.actor_role = i % 3 == 0 ? "administrator" : "auditor";
  entry.client_address = "10.0.0." + std::to_string(i % 250);
  entry.user_agent = "Mozilla/5.0 test " + std::to_string(i);
  entry.action = i % 2 == 0 ? "GET /v1/devices" : "POST /v1/users";
  entry.targets = {"device:kdg-" + std::to_string(1000 + i)};
  entry.query = "{\"page\":" + std::to_string(i) + "}";
  entry.result_count = i;
  entry.outcome = i % 5 == 0 ? "refused:minegate.server.admin.3" : "ok";
  entry.http_status = i % 5 == 0 ? 409 : 200;
  return entry;
}

/// A lower-case hex person token made of one repeated digit ('a' -> "aaaa...").
inline std::string Token(char digit) { return std::string(32, digit); }

class AuditTest : public ::testing::Test {
 protected:
  AuditTest() {
    if (!dir_.ok()) throw std::runtime_error("no temporary directory");
    auto opened = OpenStore(DatabasePath());
    if (!opened) throw std::runtime_error("OpenStore: " + opened.error().message());
    connection_.emplace(std::move(opened).value());
  }

  std::filesystem::path DatabasePath() const { return dir_.path() / "minegate.db"; }
  db::Connection& connection() { return *connection_; }

  /// Appends one entry in its own immediate transaction, as a change's caller does.
  AppendedEntry MustAppend(AuditEntry entry) {
    auto transaction = db::Transaction::Begin(connection(), db::Transaction::Mode::kImmediate);
    if (!transaction) throw std::runtime_error("BEGIN: " + transaction.error().message());
    auto appended = log_.Append(connection(), std::move(entry));
    if (!appended) throw std::runtime_error("Append: " + appended.error().message());
    if (auto committed = transaction.value().Commit(); !committed) {
      throw std::runtime_error("COMMIT: " + committed.error().message());
    }
    return appended.value();
  }

  /// Appends SampleEntry(1..count).
  void AppendSamples(int count) {
    for (int i = 1; i <= count; ++i) MustAppend(SampleEntry(i));
  }

  /// The first column of the first row as an integer; -999 when there is none.
  std::int64_t QueryInt(std::string_view sql) {
    auto value = db::QueryFirst(connection(), sql,
                                [](const db::Statement& row) { return row.ColumnInt64(0); });
    EXPECT_TRUE(value) << sql << ": " << connection().LastErrorMessage();
    return value && value.value() ? *value.value() : -999;
  }

  /// What someone holding the file does first: the append-only triggers go.
  void DropTriggers() {
    ASSERT_TRUE(connection().Execute(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
        "DROP TRIGGER audit_log_no_replace; "
        "DROP TRIGGER audit_person_tokens_no_update; DROP TRIGGER audit_person_tokens_no_delete"));
  }

  minegate::test::TempDir dir_{"audit"};
  std::optional<db::Connection> connection_;
  AuditLog log_{[] { return kStartMs; }};
};

}  // namespace minegate::server::audit::test
