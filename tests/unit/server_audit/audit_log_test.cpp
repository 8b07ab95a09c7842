// Appending to the audit log: inside the caller's transaction, chained, read back as written,
// and refused by the database itself when anything tries to change or remove an entry.
#include "server/audit/audit_log.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "db/error.hpp"
#include "server/audit/canonical_bytes.hpp"
#include "tests/unit/server_audit/audit_test_support.hpp"

namespace minegate::server::audit {
namespace {

using test::AuditTest;
using test::kStartMs;
using test::SampleEntry;
using test::Token;

TEST_F(AuditTest, AppendOutsideATransactionIsRefused) {
  auto appended = log_.Append(connection(), SampleEntry(1));
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error(), Errc::not_in_transaction);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(AuditTest, EntriesChainFromTheZeroHash) {
  ChainHash previous = kGenesisHash;
  for (int i = 1; i <= 5; ++i) {
    AuditEntry entry = SampleEntry(i);
    const AppendedEntry appended = MustAppend(entry);
    EXPECT_EQ(appended.seq, i);
    EXPECT_EQ(appended.hash, NextHash(previous, CanonicalBytes(i, entry)));
    previous = appended.hash;
  }
  auto head = log_.Head(connection());
  ASSERT_TRUE(head);
  EXPECT_EQ(head.value().count, 5);
  EXPECT_EQ(head.value().hash, previous);
}

TEST_F(AuditTest, EmptyLogHeadIsZeroAndTheZeroHash) {
  auto head = log_.Head(connection());
  ASSERT_TRUE(head);
  EXPECT_EQ(head.value(), ChainHead{});
}

TEST_F(AuditTest, ReadsBackEveryFieldAsWritten) {
  AuditEntry entry = SampleEntry(4);
  entry.person_tokens = {Token('b'), Token('a')};
  entry.targets = {"user:awa", "site:3", "device:kdg-0001"};
  entry.reason = "enquête n° 12 — « urgent »";
  entry.case_reference = "PJ/2026/118";
  entry.user_agent = std::string(300, 'u');
  const AppendedEntry appended = MustAppend(entry);
  auto page = log_.Find(connection(), {}, "", 10);
  ASSERT_TRUE(page) << page.error().message();
  ASSERT_EQ(page.value().records.size(), 1u);
  const AuditRecord& record = page.value().records[0];
  EXPECT_EQ(record.seq, appended.seq);
  EXPECT_EQ(record.hash, appended.hash);
  AuditEntry expected = entry;
  expected.user_agent.resize(kMaxUserAgentBytes);  // What the log stores and hashes.
  EXPECT_EQ(record.entry, expected);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_person_tokens WHERE seq = 1"), 2);
}

TEST_F(AuditTest, ZeroTimeTakesTheLogsClock) {
  AuditEntry entry = SampleEntry(1);
  entry.at_ms = 0;
  MustAppend(entry);
  EXPECT_EQ(QueryInt("SELECT at_ms FROM audit_log WHERE seq = 1"), kStartMs);
}

TEST_F(AuditTest, TheEntryCommitsOrRollsBackWithTheChange) {
  ASSERT_TRUE(connection().Execute("CREATE TABLE change (n INTEGER) STRICT"));
  {
    auto transaction = db::Transaction::Begin(connection(), db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection().Execute("INSERT INTO change VALUES (1)"));
    ASSERT_TRUE(log_.Append(connection(), SampleEntry(1)));
  }  // Not committed: neither the change nor its entry.
  EXPECT_EQ(QueryInt("SELECT count(*) FROM change"), 0);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log"), 0);

  // A store method with its own transaction, nested in the caller's: one commit for both.
  auto outer = db::Transaction::Begin(connection(), db::Transaction::Mode::kImmediate);
  ASSERT_TRUE(outer);
  {
    auto inner = db::Transaction::Begin(connection(), db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(inner);
    ASSERT_TRUE(connection().Execute("INSERT INTO change VALUES (2)"));
    ASSERT_TRUE(inner.value().Commit());
  }
  auto appended = log_.Append(connection(), SampleEntry(2));
  ASSERT_TRUE(appended);
  EXPECT_EQ(appended.value().seq, 1);  // The rolled-back entry left no gap.
  ASSERT_TRUE(outer.value().Commit());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM change"), 1);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log"), 1);
}

TEST_F(AuditTest, ARefusedEntryChangesNothing) {
  auto transaction = db::Transaction::Begin(connection(), db::Transaction::Mode::kImmediate);
  ASSERT_TRUE(transaction);
  AuditEntry entry = SampleEntry(1);
  entry.person_tokens = {"NOT-HEX"};
  auto appended = log_.Append(connection(), entry);
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error(), Errc::bad_entry);
  ASSERT_TRUE(transaction.value().Commit());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(AuditTest, TheDatabaseRefusesUpdatesAndDeletes) {
  AuditEntry entry = SampleEntry(1);
  entry.person_tokens = {Token('c')};
  MustAppend(entry);
  for (const char* sql : {
           "UPDATE audit_log SET outcome = 'ok' WHERE seq = 1",
           "DELETE FROM audit_log WHERE seq = 1",
           "DELETE FROM audit_log",
           "UPDATE audit_person_tokens SET seq = 2",
           "DELETE FROM audit_person_tokens",
           "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE seq = 1",
       }) {
    auto changed = connection().Execute(sql);
    ASSERT_FALSE(changed) << sql;
    EXPECT_EQ(changed.error(), db::Errc::constraint) << sql;
    EXPECT_NE(connection().LastErrorMessage().find("append-only"), std::string::npos)
        << sql << ": " << connection().LastErrorMessage();
  }
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log"), 1);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_person_tokens"), 1);
}

/// Every source file of the product, for the scan below.
std::vector<std::filesystem::path> ProductSources() {
  std::vector<std::filesystem::path> files;
  const std::filesystem::path root = MINEGATE_SOURCE_DIR;
  for (const char* top : {"base", "db", "server", "kiosk", "tools", "firmware-bridge", "proto"}) {
    for (const auto& item : std::filesystem::recursive_directory_iterator(root / top)) {
      const std::string extension = item.path().extension().string();
      if (item.is_regular_file() &&
          (extension == ".cpp" || extension == ".hpp" || extension == ".sql")) {
        files.push_back(item.path());
      }
    }
  }
  return files;
}

TEST(AuditAppendOnlyScan, NoProductCodeUpdatesOrDeletesAuditRows) {
  // "UPDATE audit_log", "DELETE FROM audit_person_tokens", "REPLACE INTO audit_log" ... in any
  // case and spacing. The triggers' "BEFORE UPDATE ON audit_log" does not match.
  const std::regex forbidden(
      R"((UPDATE|DELETE\s+FROM|REPLACE\s+INTO|INSERT\s+OR\s+\w+\s+INTO)\s+"?(audit_log|audit_person_tokens)\b)",
      std::regex::icase);
  const std::vector<std::filesystem::path> files = ProductSources();
  ASSERT_GT(files.size(), 100u);
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_FALSE(std::regex_search(text.str(), forbidden)) << file;
  }
}

}  // namespace
}  // namespace minegate::server::audit
