// minegatectl run as the administrator and the auditor run it, on a real data directory, with
// the audit log read back through server/audit and tampered with through the sqlite3 CLI.
#pragma once

#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "server/audit/audit_log.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::ctl::test {

inline constexpr char kAdminPassword[] = "un mot de passe solide";

class AuditCtlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    WriteText(PasswordFile(), std::string(kAdminPassword) + "\n");
  }

  static void WriteText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }

  std::filesystem::path DataDir() const { return dir_.path() / "data"; }
  std::filesystem::path Database() const { return DataDir() / "minegate.db"; }
  std::filesystem::path PasswordFile() const { return dir_.path() / "password"; }

  minegate::test::RunResult Run(std::vector<std::string> args) {
    std::vector<std::string> argv = {MINEGATECTL_BIN, "--data-dir", DataDir().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    minegate::test::RunResult result =
        minegate::test::RunToCompletion(argv, {}, std::chrono::seconds(60));
    EXPECT_TRUE(result.spawn_error.empty()) << result.spawn_error;
    EXPECT_FALSE(result.timed_out);
    return result;
  }

  static int ExitCode(const minegate::test::RunResult& result) {
    return result.status.exit_code.value_or(-1);
  }

  /// Runs a command that must succeed; returns its standard output.
  std::string MustRun(std::vector<std::string> args) {
    const minegate::test::RunResult result = Run(args);
    EXPECT_EQ(ExitCode(result), 0) << result.out << result.err;
    return result.out;
  }

  /// Runs a command that must be refused (exit 1).
  void MustRefuse(std::vector<std::string> args) {
    const minegate::test::RunResult result = Run(args);
    EXPECT_EQ(ExitCode(result), 1) << result.out << result.err;
  }

  /// SQL through the sqlite3 command-line tool, as someone holding the file would.
  minegate::test::RunResult Sqlite(const std::string& sql) {
    minegate::test::RunResult result = minegate::test::RunToCompletion(
        {"sqlite3", Database().string(), sql}, {}, std::chrono::seconds(30));
    EXPECT_TRUE(result.spawn_error.empty()) << result.spawn_error;
    return result;
  }
  void MustSqlite(const std::string& sql) {
    const minegate::test::RunResult result = Sqlite(sql);
    ASSERT_EQ(ExitCode(result), 0) << sql << ": " << result.err;
  }
  /// The attacker's first step: the append-only triggers go.
  void DropTriggers() {
    MustSqlite(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
        "DROP TRIGGER audit_log_no_replace; DROP TRIGGER audit_person_tokens_no_update; "
        "DROP TRIGGER audit_person_tokens_no_delete;");
  }

  /// Every entry of the audit log, oldest first, read through server/audit.
  std::vector<server::audit::AuditRecord> Entries() {
    auto connection = server::OpenStoreReadOnly(Database());
    EXPECT_TRUE(connection) << connection.error().message();
    std::vector<server::audit::AuditRecord> records;
    if (!connection) return records;
    std::string cursor;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = server::audit::AuditLog().Find(connection.value(), {}, cursor,
                                                 server::audit::kMaxPageSize);
      EXPECT_TRUE(page) << page.error().message();
      if (!page) break;
      records.insert(records.begin(), page.value().records.rbegin(), page.value().records.rend());
      cursor = page.value().next_cursor;
      if (cursor.empty()) break;
    }
    return records;
  }

  /// Who the audit log must name: the user this test runs as.
  static std::string OsUser() {
    const passwd* entry = ::getpwuid(::geteuid());
    return entry != nullptr ? std::string(entry->pw_name) : "uid:" + std::to_string(::geteuid());
  }

  minegate::test::TempDir dir_{"ctlaudit"};
};

}  // namespace minegate::ctl::test
