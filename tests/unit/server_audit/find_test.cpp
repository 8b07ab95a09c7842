// The auditors' view: each filter against a plain reading of the same entries, filters
// combined, pages that together give every match once, newest first.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "server/audit/audit_log.hpp"
#include "tests/unit/server_audit/audit_test_support.hpp"

namespace minegate::server::audit {
namespace {

using test::kStartMs;
using test::SampleEntry;
using test::Token;

constexpr int kEntries = 40;

/// SampleEntry(i), plus person tokens on some: 'a' on every fourth, 'b' on every seventh.
AuditEntry Entry(int i) {
  AuditEntry entry = SampleEntry(i);
  if (i % 4 == 0) entry.person_tokens.push_back(Token('a'));
  if (i % 7 == 0) entry.person_tokens.push_back(Token('b'));
  return entry;
}

class FindTest : public test::AuditTest {
 protected:
  void SetUp() override {
    for (int i = 1; i <= kEntries; ++i) MustAppend(Entry(i));
  }

  /// The seqs an auditor should see, newest first: the entries for which `keep` holds.
  static std::vector<std::int64_t> Expected(const std::function<bool(const AuditEntry&)>& keep) {
    std::vector<std::int64_t> seqs;
    for (int i = kEntries; i >= 1; --i) {
      if (keep(Entry(i))) seqs.push_back(i);
    }
    return seqs;
  }

  /// Every page of `filter` at `limit` per page, concatenated.
  std::vector<std::int64_t> AllPages(const AuditFilter& filter, int limit, int* pages = nullptr) {
    std::vector<std::int64_t> seqs;
    std::string cursor;
    int count = 0;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = log_.Find(connection(), filter, cursor, limit);
      EXPECT_TRUE(page) << page.error().message();
      if (!page) break;
      ++count;
      EXPECT_LE(page.value().records.size(), static_cast<std::size_t>(limit));
      for (const AuditRecord& record : page.value().records) seqs.push_back(record.seq);
      cursor = page.value().next_cursor;
      if (cursor.empty()) break;
    }
    if (pages != nullptr) *pages = count;
    return seqs;
  }
};

TEST_F(FindTest, EachFilterFindsExactlyItsEntriesNewestFirst) {
  struct Case {
    const char* name;
    AuditFilter filter;
    std::function<bool(const AuditEntry&)> keep;
  };
  std::vector<Case> cases;
  cases.push_back({"none", {}, [](const AuditEntry&) { return true; }});
  AuditFilter f;
  f.actor_id = "amadou";
  cases.push_back({"user", f, [](const AuditEntry& e) { return e.actor_id == "amadou"; }});
  f = {};
  f.actor_role = "auditor";
  cases.push_back({"role", f, [](const AuditEntry& e) { return e.actor_role == "auditor"; }});
  f = {};
  f.action = "POST /v1/users";
  cases.push_back({"action", f, [](const AuditEntry& e) { return e.action == "POST /v1/users"; }});
  f = {};
  f.person_token = Token('a');
  cases.push_back({"person", f, [](const AuditEntry& e) {
                     return std::count(e.person_tokens.begin(), e.person_tokens.end(),
                                       Token('a')) == 1;
                   }});
  f = {};
  f.from_ms = kStartMs + 10'000;
  f.to_ms = kStartMs + 20'000;
  cases.push_back({"date range", f, [](const AuditEntry& e) {
                     return e.at_ms >= kStartMs + 10'000 && e.at_ms < kStartMs + 20'000;
                   }});
  f = {};
  f.from_ms = kStartMs + 35'000;
  cases.push_back(
      {"from only", f, [](const AuditEntry& e) { return e.at_ms >= kStartMs + 35'000; }});
  f = {};
  f.outcome = "ok";
  cases.push_back({"outcome ok", f, [](const AuditEntry& e) { return e.outcome == "ok"; }});
  f = {};
  f.outcome = "refused";
  cases.push_back(
      {"outcome kind", f, [](const AuditEntry& e) { return e.outcome.rfind("refused:", 0) == 0; }});
  f = {};
  f.outcome = "refused:minegate.server.admin.3";
  cases.push_back({"outcome exact", f, [](const AuditEntry& e) {
                     return e.outcome == "refused:minegate.server.admin.3";
                   }});
  f = {};
  f.outcome = "refused:minegate.server.admin.4";
  cases.push_back({"outcome none", f, [](const AuditEntry&) { return false; }});
  f = {};
  f.actor_id = "fatou";
  f.action = "GET /v1/devices";
  f.person_token = Token('a');
  f.to_ms = kStartMs + 30'000;
  cases.push_back({"combined", f, [](const AuditEntry& e) {
                     return e.actor_id == "fatou" && e.action == "GET /v1/devices" &&
                            std::count(e.person_tokens.begin(), e.person_tokens.end(),
                                       Token('a')) == 1 &&
                            e.at_ms < kStartMs + 30'000;
                   }});
  for (const Case& each : cases) {
    const std::vector<std::int64_t> expected = Expected(each.keep);
    EXPECT_EQ(AllPages(each.filter, kMaxPageSize), expected) << each.name;
    if (std::string(each.name) != "outcome none") {
      EXPECT_FALSE(expected.empty()) << each.name;
    }
  }
}

TEST_F(FindTest, WhoTouchedThisPersonListsEveryEntryNamingHer) {
  AuditFilter filter;
  filter.person_token = Token('b');
  auto page = log_.Find(connection(), filter, "", 50);
  ASSERT_TRUE(page);
  std::vector<std::int64_t> seqs;
  for (const AuditRecord& record : page.value().records) {
    seqs.push_back(record.seq);
    EXPECT_NE(
        std::find(record.entry.person_tokens.begin(), record.entry.person_tokens.end(), Token('b')),
        record.entry.person_tokens.end());
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{35, 28, 21, 14, 7}));
  filter.person_token = Token('c');
  page = log_.Find(connection(), filter, "", 50);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page.value().records.empty());
}

TEST_F(FindTest, PagesGiveEveryEntryOnceWithNoCursorAfterTheLast) {
  const std::vector<std::int64_t> all = Expected([](const AuditEntry&) { return true; });
  for (int limit : {1, 3, 7, 10, 39, 40, 41}) {
    int pages = 0;
    EXPECT_EQ(AllPages({}, limit, &pages), all) << limit;
    EXPECT_EQ(pages, (kEntries + limit - 1) / limit) << limit;  // No empty last page.
  }
  AuditFilter filter;
  filter.actor_role = "administrator";
  EXPECT_EQ(AllPages(filter, 4),
            Expected([](const AuditEntry& e) { return e.actor_role == "administrator"; }));
}

TEST_F(FindTest, EntriesAppendedBetweenPagesDoNotShiftThem) {
  auto first = log_.Find(connection(), {}, "", 10);
  ASSERT_TRUE(first);
  MustAppend(Entry(41));
  auto second = log_.Find(connection(), {}, first.value().next_cursor, 10);
  ASSERT_TRUE(second);
  EXPECT_EQ(second.value().records.front().seq, 30);
}

TEST_F(FindTest, RefusesBadLimitsRangesTokensAndCursors) {
  for (int limit : {0, -1, kMaxPageSize + 1}) {
    auto page = log_.Find(connection(), {}, "", limit);
    ASSERT_FALSE(page) << limit;
    EXPECT_EQ(page.error(), Errc::bad_filter);
  }
  AuditFilter backwards;
  backwards.from_ms = kStartMs + 5;
  backwards.to_ms = kStartMs + 5;
  EXPECT_EQ(log_.Find(connection(), backwards, "", 10).error(), Errc::bad_filter);
  AuditFilter upper;
  upper.person_token = "AABB";
  EXPECT_EQ(log_.Find(connection(), upper, "", 10).error(), Errc::bad_filter);
  AuditFilter empty_outcome;
  empty_outcome.outcome = "";
  EXPECT_EQ(log_.Find(connection(), empty_outcome, "", 10).error(), Errc::bad_filter);
  for (const char* cursor : {"x", "-5", "0", "1", "12a", " 12", "99999999999999999999"}) {
    auto page = log_.Find(connection(), {}, cursor, 10);
    ASSERT_FALSE(page) << cursor;
    EXPECT_EQ(page.error(), Errc::bad_cursor) << cursor;
  }
}

}  // namespace
}  // namespace minegate::server::audit
