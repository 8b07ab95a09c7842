#include "db/statement.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::MustOpen;
using test::QueryInt;
using test::TempDir;

/// A file database with one STRICT table holding every storage class.
class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(connection_.Execute(
        "CREATE TABLE value (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB) STRICT"));
  }

  /// Inserts through `bind` and reads the row back, so each test is one round trip.
  template <class Bind>
  Statement RoundTrip(Bind bind) {
    Result<Statement> insert =
        connection_.Prepare("INSERT INTO value (i, r, t, b) VALUES (?1, ?2, ?3, ?4)");
    EXPECT_TRUE(insert) << connection_.LastErrorMessage();
    bind(insert.value());
    EXPECT_TRUE(insert.value().Run()) << connection_.LastErrorMessage();
    Result<Statement> select = connection_.Prepare("SELECT i, r, t, b FROM value WHERE id = ?1");
    EXPECT_TRUE(select);
    EXPECT_TRUE(select.value().BindInt64(1, connection_.LastInsertRowId()));
    Result<bool> row = select.value().Step();
    EXPECT_TRUE(row && row.value());
    return std::move(select).value();
  }

  TempDir dir_;
  Connection connection_ = MustOpen(dir_.File("statement.db"));
};

TEST_F(StatementTest, IntegersAndDoublesRoundTrip) {
  Statement row = RoundTrip([](Statement& s) {
    ASSERT_TRUE(s.BindInt64(1, std::numeric_limits<std::int64_t>::min()));
    ASSERT_TRUE(s.BindDouble(2, 12.5));
  });
  EXPECT_EQ(row.ColumnCount(), 4);
  EXPECT_EQ(row.ColumnInt64(0), std::numeric_limits<std::int64_t>::min());
  EXPECT_DOUBLE_EQ(row.ColumnDouble(1), 12.5);
  EXPECT_TRUE(row.ColumnIsNull(2));
  EXPECT_TRUE(row.ColumnIsNull(3));
}

TEST_F(StatementTest, Utf8TextRoundTrips) {
  const std::string text = "Kédougou, Saraya, Salémata — ñ 日本";
  Statement row = RoundTrip([&](Statement& s) { ASSERT_TRUE(s.BindText(3, text)); });
  EXPECT_FALSE(row.ColumnIsNull(2));
  EXPECT_EQ(row.ColumnText(2), text);
}

TEST_F(StatementTest, TextIsCopiedAtBind) {
  Statement row = RoundTrip([](Statement& s) {
    std::string temporary = "kept";
    ASSERT_TRUE(s.BindText(3, temporary));
    temporary.assign("overwritten after bind");
  });
  EXPECT_EQ(row.ColumnText(2), "kept");
}

TEST_F(StatementTest, BlobWithZeroBytesRoundTrips) {
  const std::vector<std::uint8_t> blob = {0x00, 0x01, 0x00, 0xff, 0x00, 0x7f, 0x00};
  Statement row = RoundTrip([&](Statement& s) { ASSERT_TRUE(s.BindBlob(4, blob)); });
  EXPECT_EQ(row.ColumnBlob(3), blob);
}

TEST_F(StatementTest, EmptyTextAndBlobAreNotNull) {
  Statement row = RoundTrip([](Statement& s) {
    ASSERT_TRUE(s.BindText(3, std::string_view()));
    ASSERT_TRUE(s.BindBlob(4, std::span<const std::uint8_t>()));
  });
  EXPECT_FALSE(row.ColumnIsNull(2));
  EXPECT_FALSE(row.ColumnIsNull(3));
  EXPECT_EQ(row.ColumnText(2), "");
  EXPECT_TRUE(row.ColumnBlob(3).empty());
}

TEST_F(StatementTest, BindIndexOutOfRangeIsBadParameter) {
  Result<Statement> statement = connection_.Prepare("SELECT ?1");
  ASSERT_TRUE(statement);
  Result<void> zero = statement.value().BindInt64(0, 1);  // Parameters count from 1.
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error(), Errc::bad_parameter);
  Result<void> two = statement.value().BindText(2, "x");
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error(), Errc::bad_parameter);
}

TEST_F(StatementTest, BindingWhileSteppingIsMisuse) {
  ASSERT_TRUE(connection_.Execute("INSERT INTO value (i) VALUES (1), (2)"));
  Result<Statement> select = connection_.Prepare("SELECT i FROM value WHERE i > ?1");
  ASSERT_TRUE(select);
  ASSERT_TRUE(select.value().BindInt64(1, 0));
  Result<bool> row = select.value().Step();
  ASSERT_TRUE(row && row.value());
  Result<void> rebind = select.value().BindInt64(1, 5);
  ASSERT_FALSE(rebind);
  EXPECT_EQ(rebind.error(), Errc::misuse);
  select.value().Reset();
  EXPECT_TRUE(select.value().BindInt64(1, 1));
}

TEST_F(StatementTest, StepReportsConstraintErrorsAndStatementStaysUsable) {
  ASSERT_TRUE(connection_.Execute("CREATE UNIQUE INDEX value_i ON value (i)"));
  Result<Statement> insert = connection_.Prepare("INSERT INTO value (i) VALUES (?1)");
  ASSERT_TRUE(insert);
  Statement& statement = insert.value();
  ASSERT_TRUE(statement.BindInt64(1, 1));
  ASSERT_TRUE(statement.Run());

  Result<bool> duplicate = statement.Step();
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error(), Errc::constraint);
  EXPECT_EQ(connection_.LastExtendedErrorCode(), 2067);  // SQLITE_CONSTRAINT_UNIQUE

  statement.Reset();
  ASSERT_TRUE(statement.BindInt64(1, 2));
  EXPECT_TRUE(statement.Run());
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM value"), 2);
}

TEST_F(StatementTest, StrictColumnRefusesBoundTextForInteger) {
  Result<Statement> insert = connection_.Prepare("INSERT INTO value (i) VALUES (?1)");
  ASSERT_TRUE(insert);
  ASSERT_TRUE(insert.value().BindText(1, "not a number"));
  Result<void> run = insert.value().Run();
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error(), Errc::constraint);
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM value"), 0);
}

TEST_F(StatementTest, RunResetsSoTheStatementCanBeReboundInALoop) {
  Result<Statement> insert = connection_.Prepare("INSERT INTO value (i) VALUES (?1)");
  ASSERT_TRUE(insert);
  for (std::int64_t i = 1; i <= 3; ++i) {
    ASSERT_TRUE(insert.value().BindInt64(1, i));
    ASSERT_TRUE(insert.value().Run()) << connection_.LastErrorMessage();
  }
  EXPECT_EQ(QueryInt(connection_, "SELECT sum(i) FROM value"), 6);
}

TEST_F(StatementTest, StepWalksRowsThenReportsDone) {
  ASSERT_TRUE(connection_.Execute("INSERT INTO value (i) VALUES (10), (20)"));
  Result<Statement> select = connection_.Prepare("SELECT i FROM value ORDER BY i");
  ASSERT_TRUE(select);
  std::vector<std::int64_t> seen;
  for (Result<bool> row = select.value().Step(); row && row.value(); row = select.value().Step()) {
    seen.push_back(select.value().ColumnInt64(0));
  }
  EXPECT_EQ(seen, (std::vector<std::int64_t>{10, 20}));
  Result<bool> after = select.value().Step();  // Done auto-resets: the query starts over.
  ASSERT_TRUE(after);
  EXPECT_TRUE(after.value());
  EXPECT_EQ(select.value().Sql(), "SELECT i FROM value ORDER BY i");
}

TEST_F(StatementTest, MovedFromStatementReportsMisuse) {
  Result<Statement> select = connection_.Prepare("SELECT 1");
  ASSERT_TRUE(select);
  Statement moved = std::move(select).value();
  Result<bool> stale = select.value().Step();  // NOLINT(bugprone-use-after-move): on purpose.
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error(), Errc::misuse);
  Result<bool> row = moved.Step();
  ASSERT_TRUE(row);
  EXPECT_TRUE(row.value());
}

}  // namespace
}  // namespace minegate::db
