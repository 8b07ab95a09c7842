// Connection::PrepareCached (db/cached_statement.hpp) on a real SQLite file: a statement is
// compiled once and reused, comes back reset and unbound, two live handles never share one, the
// cache is bounded, and a handle may outlive a move or the close of its connection.
#include "db/cached_statement.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "db/bind.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::MustOpen;
using test::TempDir;

std::int64_t FirstColumn(const Statement& row) { return row.ColumnInt64(0); }

class CachedStatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(connection_.Execute(
        "CREATE TABLE t (x INTEGER NOT NULL); INSERT INTO t VALUES (1), (2), (3);"));
  }

  TempDir dir_;
  Connection connection_ = MustOpen(dir_.File("cache.db"));
};

TEST_F(CachedStatementTest, AStatementGoesBackToTheCacheAndIsTakenFromItAgain) {
  EXPECT_EQ(connection_.IdleCachedStatements(), 0U);
  for (int round = 0; round < 3; ++round) {
    auto statement = connection_.PrepareCached("SELECT count(*) FROM t WHERE x >= ?");
    ASSERT_TRUE(statement);
    EXPECT_EQ(connection_.IdleCachedStatements(), 0U) << "the idle one is in use";
    ASSERT_TRUE(BindAll(*statement.value(), 2));
    EXPECT_EQ(ReadOne(*statement.value(), FirstColumn).value(), 2);
  }
  EXPECT_EQ(connection_.IdleCachedStatements(), 1U) << "one statement, three uses";
}

TEST_F(CachedStatementTest, ItComesBackResetAndWithoutItsValues) {
  {
    auto first = connection_.PrepareCached("SELECT x, ?1 FROM t ORDER BY x");
    ASSERT_TRUE(first);
    ASSERT_TRUE(BindAll(*first.value(), 7));
    ASSERT_TRUE(first.value()->Step().value());  // left on row 1 of 3
    EXPECT_EQ(first.value()->ColumnInt64(1), 7);
  }
  auto again = connection_.PrepareCached("SELECT x, ?1 FROM t ORDER BY x");
  ASSERT_TRUE(again);
  ASSERT_TRUE(again.value()->Step().value());
  EXPECT_EQ(again.value()->ColumnInt64(0), 1) << "from the first row again: it was reset";
  EXPECT_TRUE(again.value()->ColumnIsNull(1)) << "the last caller's value is gone";
}

TEST_F(CachedStatementTest, TwoLiveHandlesForTheSameSqlAreTwoStatements) {
  const char* sql = "SELECT x FROM t ORDER BY x";
  {
    auto outer = connection_.PrepareCached(sql);
    ASSERT_TRUE(outer);
    std::int64_t pairs = 0;
    while (outer.value()->Step().value()) {
      // The same query nested inside the walk of the first: its own statement.
      auto inner = connection_.PrepareCached(sql);
      ASSERT_TRUE(inner);
      pairs += static_cast<std::int64_t>(ReadAll(*inner.value(), FirstColumn).value().size());
    }
    EXPECT_EQ(pairs, 9);
    EXPECT_EQ(connection_.IdleCachedStatements(), 1U) << "the inner one, kept between rows";
  }
  EXPECT_EQ(connection_.IdleCachedStatements(), 2U) << "the walk's own, back too";
}

TEST_F(CachedStatementTest, TheCacheKeepsABoundedNumber) {
  for (std::size_t i = 0; i < internal::StatementCache::kCapacity + 10; ++i) {
    auto statement = connection_.PrepareCached("SELECT " + std::to_string(i));
    ASSERT_TRUE(statement);
    EXPECT_EQ(ReadOne(*statement.value(), FirstColumn).value(), static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(connection_.IdleCachedStatements(), internal::StatementCache::kCapacity);
}

TEST_F(CachedStatementTest, SqlThatDoesNotCompileIsRefusedAndNotKept) {
  auto bad = connection_.PrepareCached("SELECT y FROM t");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), make_error_code(Errc::sql_error));
  EXPECT_EQ(connection_.PrepareCached("SELECT 1; SELECT 2").error(),
            make_error_code(Errc::bad_parameter));
  EXPECT_EQ(connection_.IdleCachedStatements(), 0U);
}

TEST_F(CachedStatementTest, AHandleFollowsItsConnectionWhenItMoves) {
  std::optional<Connection> moved;
  {
    auto statement = connection_.PrepareCached("SELECT count(*) FROM t");
    ASSERT_TRUE(statement);
    moved.emplace(std::move(connection_));
    EXPECT_EQ(ReadOne(*statement.value(), FirstColumn).value(), 3);
  }
  EXPECT_EQ(moved->IdleCachedStatements(), 1U) << "given back to the connection it moved to";
}

TEST_F(CachedStatementTest, AHandleMayOutliveItsConnection) {
  std::optional<CachedStatement> kept;
  {
    Connection other = MustOpen(dir_.File("other.db"));
    auto statement = other.PrepareCached("SELECT 1");
    ASSERT_TRUE(statement);
    kept.emplace(std::move(statement).value());
  }
  // The connection is closed (the close waits for this statement); letting it go finalizes it,
  // with no cache to return to (ASan checks the build of this test).
  kept.reset();
  SUCCEED();
}

}  // namespace
}  // namespace minegate::db
