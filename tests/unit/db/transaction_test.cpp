#include "db/transaction.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "db/connection.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::MustOpen;
using test::QueryInt;
using test::QueryText;
using test::TempDir;

/// A file database with one table, and a second connection factory for lock tests.
class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(connection_.Execute("CREATE TABLE t (n INTEGER NOT NULL) STRICT"));
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_.File("transaction.db");
  Connection connection_ = MustOpen(path_);
};

TEST_F(TransactionTest, DestructorRollsBackUncommittedWork) {
  {
    Result<Transaction> transaction =
        Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));
    EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 1);
    EXPECT_TRUE(connection_.InTransaction());
  }
  EXPECT_FALSE(connection_.InTransaction());
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 0);
}

TEST_F(TransactionTest, CommitPersistsAcrossReopen) {
  {
    Result<Transaction> transaction =
        Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1), (2)"));
    ASSERT_TRUE(transaction.value().Commit());
    EXPECT_FALSE(transaction.value().IsActive());
  }
  connection_ = MustOpen(":memory:");  // Close the file before reopening it.
  Connection reopened = MustOpen(path_);
  EXPECT_EQ(QueryInt(reopened, "SELECT count(*) FROM t"), 2);
}

TEST_F(TransactionTest, ExplicitRollbackUndoesAndEndsTheTransaction) {
  Result<Transaction> transaction = Transaction::Begin(connection_, Transaction::Mode::kDeferred);
  ASSERT_TRUE(transaction);
  ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));
  ASSERT_TRUE(transaction.value().Rollback());
  EXPECT_FALSE(connection_.InTransaction());
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 0);
  Result<void> late = transaction.value().Commit();
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error(), Errc::misuse);
}

TEST_F(TransactionTest, NestedCommitWaitsForTheOuterCommit) {
  Connection reader = MustOpen(path_);
  Result<Transaction> outer = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(outer);
  {
    Result<Transaction> inner = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(inner) << inner.error().message();
    EXPECT_TRUE(inner.value().IsNested());
    EXPECT_FALSE(outer.value().IsNested());
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));
    ASSERT_TRUE(inner.value().Commit());
    EXPECT_FALSE(inner.value().IsActive());
  }
  // Released into the outer transaction: still open, and nothing is in the file yet.
  EXPECT_TRUE(connection_.InTransaction());
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 1);
  EXPECT_EQ(QueryInt(reader, "SELECT count(*) FROM t"), 0);
  ASSERT_TRUE(outer.value().Commit());
  EXPECT_FALSE(connection_.InTransaction());
  EXPECT_EQ(QueryInt(reader, "SELECT count(*) FROM t"), 1);
}

TEST_F(TransactionTest, InnerRollbackKeepsTheOuterChanges) {
  Result<Transaction> outer = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(outer);
  ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));
  {
    // Undone by its destructor, as a store method's early return on error does.
    Result<Transaction> inner = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(inner);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (2)"));
  }
  {
    Result<Transaction> inner = Transaction::Begin(connection_, Transaction::Mode::kDeferred);
    ASSERT_TRUE(inner);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (3)"));
    ASSERT_TRUE(inner.value().Rollback());
    EXPECT_TRUE(connection_.InTransaction());  // The outer transaction goes on.
    Result<void> late = inner.value().Commit();
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error(), Errc::misuse);
  }
  ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (4)"));
  ASSERT_TRUE(outer.value().Commit());
  EXPECT_EQ(QueryText(connection_, "SELECT group_concat(n, ',') FROM (SELECT n FROM t ORDER BY n)"),
            "1,4");
}

TEST_F(TransactionTest, OuterRollbackUndoesInnerCommits) {
  {
    Result<Transaction> outer = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(outer);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));
    Result<Transaction> inner = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(inner);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (2)"));
    ASSERT_TRUE(inner.value().Commit());
    EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 2);
  }  // The outer one was never committed.
  EXPECT_FALSE(connection_.InTransaction());
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 0);
}

TEST_F(TransactionTest, ThreeLevelsUndoOnlyTheMiddleAndWhatItHeld) {
  Result<Transaction> outer = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(outer);
  ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));
  {
    Result<Transaction> middle = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(middle);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (2)"));
    {
      Result<Transaction> inner = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
      ASSERT_TRUE(inner);
      ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (3)"));
      ASSERT_TRUE(inner.value().Commit());
    }
    ASSERT_TRUE(middle.value().Rollback());  // Takes the inner commit with it.
  }
  {
    Result<Transaction> sibling = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(sibling);
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (4)"));
    ASSERT_TRUE(sibling.value().Commit());
  }
  ASSERT_TRUE(outer.value().Commit());
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 2);
  EXPECT_EQ(QueryInt(connection_, "SELECT sum(n) FROM t"), 5);  // 1 and 4
}

TEST_F(TransactionTest, NestedAfterSqliteEndedTheOuterReportsNoSavepoint) {
  Result<Transaction> outer = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(outer);
  Result<Transaction> inner = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(inner);
  // The outer transaction ends under the inner one (what SQLite does itself after an I/O error):
  // the inner rollback has nothing left to undo, and a commit cannot pretend it kept anything.
  ASSERT_TRUE(outer.value().Rollback());
  EXPECT_FALSE(connection_.InTransaction());
  Result<void> released = inner.value().Commit();
  EXPECT_FALSE(released);
  EXPECT_FALSE(connection_.InTransaction());
}

TEST_F(TransactionTest, MovedTransactionRollsBackOnce) {
  {
    Result<Transaction> transaction =
        Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    Transaction moved = std::move(transaction).value();
    ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));
    EXPECT_TRUE(moved.IsActive());
  }
  EXPECT_FALSE(connection_.InTransaction());
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 0);
}

TEST_F(TransactionTest, SecondWriterGetsBusyWithinItsTimeout) {
  Result<Transaction> holder = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(holder);
  ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES (1)"));

  OpenOptions options;
  options.busy_timeout = std::chrono::milliseconds(100);
  Connection second = MustOpen(path_, options);
  const auto start = std::chrono::steady_clock::now();
  Result<Transaction> blocked = Transaction::Begin(second, Transaction::Mode::kImmediate);
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error(), Errc::busy);
  EXPECT_GE(waited, std::chrono::milliseconds(50));  // It did wait for the lock...
  EXPECT_LT(waited, std::chrono::seconds(3));        // ...but only about its timeout.
  EXPECT_FALSE(second.InTransaction());

  // In WAL mode readers are not blocked by the writer and see the last commit only.
  EXPECT_EQ(QueryInt(second, "SELECT count(*) FROM t"), 0);

  ASSERT_TRUE(holder.value().Commit());
  Result<Transaction> after = Transaction::Begin(second, Transaction::Mode::kImmediate);
  ASSERT_TRUE(after);
  EXPECT_EQ(QueryInt(second, "SELECT count(*) FROM t"), 1);
}

}  // namespace
}  // namespace minegate::db
