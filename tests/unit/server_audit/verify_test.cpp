// Verify against every way someone holding the database file can tamper with the log (the
// triggers dropped first, as they would): each is found, at the right entry, for the right
// reason; and what the chain alone cannot show, the head written down beforehand does.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "db/bind.hpp"
#include "server/audit/audit_log.hpp"
#include "server/audit/canonical_bytes.hpp"
#include "tests/unit/server_audit/audit_test_support.hpp"

namespace minegate::server::audit {
namespace {

using test::SampleEntry;
using test::Token;

class VerifyTest : public test::AuditTest {
 protected:
  /// Twenty entries; every third names a person.
  void SetUp() override {
    for (int i = 1; i <= 20; ++i) {
      AuditEntry entry = SampleEntry(i);
      if (i % 3 == 0) entry.person_tokens = {Token('a'), Token(static_cast<char>('0' + i % 10))};
      MustAppend(entry);
    }
    DropTriggers();
  }

  VerifyReport MustVerify(const std::optional<ChainHead>& expected = std::nullopt) {
    auto report = log_.Verify(connection(), expected);
    if (!report) throw std::runtime_error("Verify: " + report.error().message());
    return report.value();
  }

  ChainHead MustHead() { return log_.Head(connection()).value(); }

  void Run(const std::string& sql) {
    ASSERT_TRUE(connection().Execute(sql)) << sql << ": " << connection().LastErrorMessage();
  }

  /// Every entry by seq, as stored.
  std::map<std::int64_t, AuditRecord> AllRecords() {
    std::map<std::int64_t, AuditRecord> records;
    auto page = log_.Find(connection(), {}, "", kMaxPageSize);
    EXPECT_TRUE(page);
    for (AuditRecord& record : page.value().records) records[record.seq] = record;
    return records;
  }

  /// What a careful attacker does after editing entry `from`: every hash from there recomputed,
  /// so that the chain is consistent again.
  void RecomputeHashesFrom(std::int64_t from) {
    const auto records = AllRecords();
    ChainHash previous = from == 1 ? kGenesisHash : records.at(from - 1).hash;
    for (auto it = records.find(from); it != records.end(); ++it) {
      previous = NextHash(previous, CanonicalBytes(it->first, it->second.entry));
      auto statement = connection().Prepare("UPDATE audit_log SET hash = ?1 WHERE seq = ?2");
      ASSERT_TRUE(statement);
      ASSERT_TRUE(db::BindAll(statement.value(), db::Blob(previous), it->first));
      ASSERT_TRUE(statement.value().Run());
    }
  }
};

TEST_F(VerifyTest, AnIntactLogVerifies) {
  const VerifyReport report = MustVerify();
  EXPECT_TRUE(report.ok()) << report.broken->detail;
  EXPECT_EQ(report.entries_checked, 20);
  EXPECT_EQ(report.head, MustHead());
  EXPECT_EQ(report.head.count, 20);
  EXPECT_TRUE(MustVerify(MustHead()).ok());
  // The fixture dropped the append-only triggers: the chain is whole, but that is said.
  EXPECT_EQ(report.missing_guards,
            (std::vector<std::string>{"audit_log_no_update", "audit_log_no_delete",
                                      "audit_log_no_replace", "audit_person_tokens_no_update",
                                      "audit_person_tokens_no_delete"}));
}

TEST_F(VerifyTest, AnEditedFieldIsFoundAtItsEntry) {
  Run("UPDATE audit_log SET actor_id = 'personne' WHERE seq = 7");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 7);
  EXPECT_EQ(report.broken->what, ChainBreak::kHashMismatch);
  EXPECT_EQ(report.entries_checked, 6);
  EXPECT_EQ(report.head.count, 6);  // The last entry found intact.
}

TEST_F(VerifyTest, AnEditedPersonListIsFoundEvenWithTheIndexMatched) {
  Run("UPDATE audit_log SET person_tokens = '" + Token('a') + "' WHERE seq = 9");
  Run("DELETE FROM audit_person_tokens WHERE seq = 9 AND person_token <> '" + Token('a') + "'");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 9);
  EXPECT_EQ(report.broken->what, ChainBreak::kHashMismatch);
}

TEST_F(VerifyTest, AnEditedHashIsFoundAtItsEntry) {
  Run("UPDATE audit_log SET hash = zeroblob(32) WHERE seq = 12");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 12);
  EXPECT_EQ(report.broken->what, ChainBreak::kHashMismatch);
  EXPECT_NE(report.broken->detail.find(std::string(64, '0')), std::string::npos);
}

TEST_F(VerifyTest, AnEntryDeletedFromTheMiddleIsNamed) {
  Run("DELETE FROM audit_log WHERE seq = 8");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 8);
  EXPECT_EQ(report.broken->what, ChainBreak::kMissingEntry);
  EXPECT_NE(report.broken->detail.find("entry 8 missing, the next is 9"), std::string::npos)
      << report.broken->detail;
}

TEST_F(VerifyTest, ACutTailIsFoundOnlyAgainstTheHeadWrittenDown) {
  const ChainHead written_down = MustHead();
  Run("DELETE FROM audit_log WHERE seq >= 19");  // 19 and 20 name no person.
  const VerifyReport alone = MustVerify();
  EXPECT_TRUE(alone.ok());  // The chain alone cannot know it was longer.
  EXPECT_EQ(alone.head.count, 18);
  const VerifyReport against = MustVerify(written_down);
  ASSERT_FALSE(against.ok());
  EXPECT_EQ(against.broken->seq, 19);
  EXPECT_EQ(against.broken->what, ChainBreak::kMissingTail);
  EXPECT_NE(against.broken->detail.find("20 entries expected, the log ends at 18"),
            std::string::npos)
      << against.broken->detail;
}

TEST_F(VerifyTest, AHeadFromEarlierStillHoldsAfterTheLogGrew) {
  auto earlier = MustHead();
  MustAppend(SampleEntry(21));
  MustAppend(SampleEntry(22));
  const VerifyReport report = MustVerify(earlier);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.head.count, 22);
}

TEST_F(VerifyTest, ARecomputedChainIsFoundOnlyAgainstTheHeadWrittenDown) {
  const ChainHead written_down = MustHead();
  ChainHead midway = written_down;
  midway.count = 15;
  midway.hash = AllRecords().at(15).hash;
  Run("UPDATE audit_log SET outcome = 'ok' WHERE seq = 10");  // Hide a refusal.
  RecomputeHashesFrom(10);
  EXPECT_TRUE(MustVerify().ok());  // Consistent again: only a head from before can tell.
  for (const ChainHead& head : {written_down, midway}) {
    const VerifyReport report = MustVerify(head);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.broken->seq, head.count);
    EXPECT_EQ(report.broken->what, ChainBreak::kHeadDiffers);
  }
}

TEST_F(VerifyTest, AnEntryInAnUnknownFormatIsUnreadable) {
  Run("UPDATE audit_log SET format_version = 2 WHERE seq = 4");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 4);
  EXPECT_EQ(report.broken->what, ChainBreak::kUnreadableEntry);
}

TEST_F(VerifyTest, AnEntryOutOfSequenceIsUnreadable) {
  Run("INSERT INTO audit_log SELECT 0, format_version, at_ms, actor_kind, actor_id, actor_role, "
      "client_address, user_agent, action, targets, person_tokens, query, result_count, outcome, "
      "http_status, reason, case_reference, hash FROM audit_log WHERE seq = 1");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 0);
  EXPECT_EQ(report.broken->what, ChainBreak::kUnreadableEntry);
}

TEST_F(VerifyTest, APersonRemovedFromTheIndexIsFound) {
  // Hiding that entry 6 touched person aaaa... from "who touched this person".
  Run("DELETE FROM audit_person_tokens WHERE seq = 6 AND person_token = '" + Token('a') + "'");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 6);
  EXPECT_EQ(report.broken->what, ChainBreak::kIndexMismatch);
}

TEST_F(VerifyTest, APersonAddedToTheIndexIsFound) {
  // Making entry 4 (which touched nobody) appear in a person's history.
  Run("INSERT INTO audit_person_tokens (person_token, seq) VALUES ('" + Token('e') + "', 4)");
  const VerifyReport report = MustVerify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.broken->seq, 4);
  EXPECT_EQ(report.broken->what, ChainBreak::kIndexMismatch);
  EXPECT_NE(report.broken->detail.find(Token('e')), std::string::npos);
}

TEST_F(VerifyTest, EveryBreakHasABilingualText) {
  for (ChainBreak what :
       {ChainBreak::kHashMismatch, ChainBreak::kMissingEntry, ChainBreak::kUnreadableEntry,
        ChainBreak::kIndexMismatch, ChainBreak::kMissingTail, ChainBreak::kHeadDiffers}) {
    EXPECT_NE(ChainBreakText(what).find(" / "), std::string_view::npos);
  }
}

class EmptyLogVerifyTest : public test::AuditTest {};

TEST_F(EmptyLogVerifyTest, VerifiesAgainstTheEmptyHeadOnly) {
  auto report = log_.Verify(connection(), ChainHead{});
  ASSERT_TRUE(report);
  EXPECT_TRUE(report.value().ok());
  EXPECT_TRUE(report.value().missing_guards.empty());
  ChainHead wrong;
  wrong.hash[0] = 1;
  report = log_.Verify(connection(), wrong);
  ASSERT_TRUE(report);
  ASSERT_FALSE(report.value().ok());
  EXPECT_EQ(report.value().broken->what, ChainBreak::kHeadDiffers);
  ChainHead longer;
  longer.count = 3;
  report = log_.Verify(connection(), longer);
  ASSERT_TRUE(report);
  ASSERT_FALSE(report.value().ok());
  EXPECT_EQ(report.value().broken->seq, 1);
  EXPECT_EQ(report.value().broken->what, ChainBreak::kMissingTail);
}

}  // namespace
}  // namespace minegate::server::audit
