// The one-call queries (db/query.hpp) and the one way to bind (db/bind.hpp), on a real SQLite
// file: every type binds as the storage class it should, zero, one and many rows, a refused bind
// count, and errors (from SQLite or from the row reader) stopping the walk where they happen.
#include "db/query.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/bind.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "db/wal.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::MustOpen;
using test::QueryInt;
using test::TempDir;

/// A row as SQLite stored it: its storage class and its SQL literal.
using Stored = std::pair<std::string, std::string>;

Stored ReadStored(const Statement& row) { return {row.ColumnText(0), row.ColumnText(1)}; }

std::int64_t ReadInt(const Statement& row) { return row.ColumnInt64(0); }

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // ANY keeps each value's own storage class in a STRICT table, so typeof() shows how it was
    // bound rather than how a column affinity converted it.
    ASSERT_TRUE(connection_.Execute(
        "CREATE TABLE value (id INTEGER PRIMARY KEY, v ANY) STRICT;"
        "CREATE TABLE n (id INTEGER PRIMARY KEY, v INTEGER NOT NULL UNIQUE) STRICT;"));
  }

  /// Inserts `v` into value through the helpers and reads back how it is stored.
  template <class T>
  Stored StoreAndRead(const T& v) {
    EXPECT_TRUE(Execute(connection_, "INSERT INTO value (v) VALUES (?1)", v));
    auto stored = QueryOne(connection_, "SELECT typeof(v), quote(v) FROM value WHERE id = ?1",
                           ReadStored, connection_.LastInsertRowId());
    EXPECT_TRUE(stored) << stored.error().message();
    return stored ? stored.value() : Stored{"<error>", stored.error().message()};
  }

  /// Inserts 1..count into n, in one transaction.
  void InsertNumbers(std::int64_t count) {
    auto transaction = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    auto insert = connection_.Prepare("INSERT INTO n (v) VALUES (?1)");
    ASSERT_TRUE(insert);
    for (std::int64_t v = 1; v <= count; ++v) {
      ASSERT_TRUE(BindAll(insert.value(), v));
      ASSERT_TRUE(insert.value().Run());
    }
    ASSERT_TRUE(transaction.value().Commit());
  }

  TempDir dir_;
  Connection connection_ = MustOpen(dir_.File("query.db"));
};

TEST_F(QueryTest, IntegersBindAsInteger) {
  EXPECT_EQ(StoreAndRead(std::numeric_limits<std::int64_t>::min()),
            Stored("integer", "-9223372036854775808"));
  EXPECT_EQ(StoreAndRead(std::numeric_limits<std::uint32_t>::max()),
            Stored("integer", "4294967295"));
  EXPECT_EQ(StoreAndRead(-7), Stored("integer", "-7"));
  EXPECT_EQ(StoreAndRead(true), Stored("integer", "1"));
  EXPECT_EQ(StoreAndRead(std::uint64_t{42}), Stored("integer", "42"));
  EXPECT_EQ(StoreAndRead(static_cast<std::uint16_t>(443)), Stored("integer", "443"));
}

TEST_F(QueryTest, FloatingPointBindsAsReal) {
  EXPECT_EQ(StoreAndRead(12.5), Stored("real", "12.5"));
  EXPECT_EQ(StoreAndRead(0.25f), Stored("real", "0.25"));
}

TEST_F(QueryTest, StringsBindAsText) {
  const std::string owned = "Kédougou";
  const std::string_view view = "Saraya";
  const char* pointer = "Salémata";
  EXPECT_EQ(StoreAndRead(owned), Stored("text", "'Kédougou'"));
  EXPECT_EQ(StoreAndRead(view), Stored("text", "'Saraya'"));
  EXPECT_EQ(StoreAndRead(pointer), Stored("text", "'Salémata'"));
  EXPECT_EQ(StoreAndRead("literal"), Stored("text", "'literal'"));
  EXPECT_EQ(StoreAndRead(std::string()), Stored("text", "''"));  // empty text, not NULL
}

TEST_F(QueryTest, BytesBindAsBlob) {
  const std::string in_string("\x00\xff\x01", 3);  // protobuf bytes: zeros included
  const std::array<std::uint8_t, 2> array = {0xab, 0xcd};
  const std::vector<std::uint8_t> vector = {0x00, 0x10};
  EXPECT_EQ(StoreAndRead(Blob(in_string)), Stored("blob", "X'00FF01'"));
  EXPECT_EQ(StoreAndRead(std::span<const std::uint8_t>(array)), Stored("blob", "X'ABCD'"));
  EXPECT_EQ(StoreAndRead(vector), Stored("blob", "X'0010'"));
  EXPECT_EQ(StoreAndRead(Blob(std::string())), Stored("blob", "X''"));  // empty blob, not NULL
}

TEST_F(QueryTest, NulloptAndEmptyOptionalsBindAsNull) {
  const Stored null("null", "NULL");
  EXPECT_EQ(StoreAndRead(std::nullopt), null);
  EXPECT_EQ(StoreAndRead(std::optional<std::int64_t>()), null);
  EXPECT_EQ(StoreAndRead(std::optional<std::string_view>()), null);
  EXPECT_EQ(StoreAndRead(std::optional<Blob>()), null);
  EXPECT_EQ(StoreAndRead(std::optional<double>()), null);
}

TEST_F(QueryTest, FullOptionalsBindTheirValue) {
  EXPECT_EQ(StoreAndRead(std::optional<std::int64_t>(5)), Stored("integer", "5"));
  EXPECT_EQ(StoreAndRead(std::optional<std::string_view>("x")), Stored("text", "'x'"));
  EXPECT_EQ(StoreAndRead(std::optional<std::string>("y")), Stored("text", "'y'"));
  EXPECT_EQ(StoreAndRead(std::optional<Blob>(Blob(std::string("z")))), Stored("blob", "X'7A'"));
  EXPECT_EQ(StoreAndRead(std::optional<double>(1.5)), Stored("real", "1.5"));
}

TEST_F(QueryTest, ValuesBindInOrderToNumberedAndAnonymousParameters) {
  auto numbered = QueryOne(
      connection_, "SELECT ?3 || ?1 || ?2", [](const Statement& row) { return row.ColumnText(0); },
      "b", "c", "a");
  ASSERT_TRUE(numbered);
  EXPECT_EQ(numbered.value(), "abc");
  auto anonymous = QueryOne(
      connection_, "SELECT ? || ? || ?", [](const Statement& row) { return row.ColumnText(0); },
      "a", "b", "c");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous.value(), "abc");
  // A number used twice is one parameter.
  auto twice =
      QueryOne(connection_, "SELECT ?1 + ?1 + ?2", ReadInt, std::int64_t{20}, std::int64_t{2});
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice.value(), 42);
}

TEST_F(QueryTest, ABadBindCountIsRefusedAndNothingRuns) {
  const auto bad_parameter = make_error_code(Errc::bad_parameter);
  auto too_few = Execute(connection_, "INSERT INTO value (id, v) VALUES (?1, ?2)", 1);
  ASSERT_FALSE(too_few);
  EXPECT_EQ(too_few.error(), bad_parameter);
  auto too_many = Execute(connection_, "INSERT INTO value (v) VALUES (?1)", 1, 2);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error(), bad_parameter);
  auto none = Query(connection_, "SELECT v FROM value WHERE id = ?1");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error(), bad_parameter);
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM value"), 0);

  // A kept statement never runs with the values bound the time before.
  auto insert = connection_.Prepare("INSERT INTO value (id, v) VALUES (?1, ?2)");
  ASSERT_TRUE(insert);
  ASSERT_TRUE(BindAll(insert.value(), 1, "first"));
  ASSERT_TRUE(insert.value().Run());
  auto refused = BindAll(insert.value(), 2);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), bad_parameter);
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM value"), 1);
}

TEST_F(QueryTest, QueryAllReturnsZeroOneOrManyRowsInOrder) {
  const char* kSelect = "SELECT v FROM n WHERE v <= ?1 ORDER BY v DESC";
  auto zero = QueryAll(connection_, kSelect, ReadInt, 1000);
  ASSERT_TRUE(zero);
  EXPECT_TRUE(zero.value().empty());

  InsertNumbers(1000);
  auto one = QueryAll(connection_, kSelect, ReadInt, 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one.value(), std::vector<std::int64_t>{1});
  auto many = QueryAll(connection_, kSelect, ReadInt, 1000);
  ASSERT_TRUE(many);
  ASSERT_EQ(many.value().size(), 1000u);
  for (std::size_t i = 0; i < many.value().size(); ++i) {
    EXPECT_EQ(many.value()[i], static_cast<std::int64_t>(1000 - i));
  }
  // No parameters at all.
  auto all = QueryAll(connection_, "SELECT count(*) FROM n", ReadInt);
  ASSERT_TRUE(all);
  EXPECT_EQ(all.value(), std::vector<std::int64_t>{1000});
}

TEST_F(QueryTest, QueryFirstAndQueryOneOnZeroOneAndManyRows) {
  const char* kSelect = "SELECT v FROM n WHERE v >= ?1 ORDER BY v";
  auto first_of_none = QueryFirst(connection_, kSelect, ReadInt, 1);
  ASSERT_TRUE(first_of_none);
  EXPECT_FALSE(first_of_none.value());
  auto one_of_none = QueryOne(connection_, kSelect, ReadInt, 1);
  ASSERT_FALSE(one_of_none);
  EXPECT_EQ(one_of_none.error(), make_error_code(Errc::no_row));

  InsertNumbers(3);
  auto first_of_one = QueryFirst(connection_, kSelect, ReadInt, 3);
  ASSERT_TRUE(first_of_one);
  EXPECT_EQ(first_of_one.value(), std::optional<std::int64_t>(3));
  auto first_of_many = QueryFirst(connection_, kSelect, ReadInt, 1);
  ASSERT_TRUE(first_of_many);
  EXPECT_EQ(first_of_many.value(), std::optional<std::int64_t>(1));
  auto one_of_many = QueryOne(connection_, kSelect, ReadInt, 2);
  ASSERT_TRUE(one_of_many);
  EXPECT_EQ(one_of_many.value(), 2);
}

TEST_F(QueryTest, ExistsAndExecute) {
  auto before = Exists(connection_, "SELECT 1 FROM n WHERE v = ?1", 7);
  ASSERT_TRUE(before);
  EXPECT_FALSE(before.value());
  ASSERT_TRUE(Execute(connection_, "INSERT INTO n (v) VALUES (?1)", 7));
  auto after = Exists(connection_, "SELECT 1 FROM n WHERE v = ?1", 7);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after.value());
  // A constraint refusal comes back as its code.
  auto duplicate = Execute(connection_, "INSERT INTO n (v) VALUES (?1)", 7);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error(), make_error_code(Errc::constraint));
}

TEST_F(QueryTest, BadSqlIsAnErrorNotARow) {
  auto all = QueryAll(connection_, "SELECT nothing FROM nowhere", ReadInt);
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error(), make_error_code(Errc::sql_error));
  auto exists = Exists(connection_, "SELECT 1 FROM nowhere");
  ASSERT_FALSE(exists);
  EXPECT_EQ(exists.error(), make_error_code(Errc::sql_error));
}

TEST_F(QueryTest, AnSqliteErrorMidIterationStopsTheWalkAndIsReturned) {
  InsertNumbers(4);
  // abs() of the smallest integer overflows when SQLite reaches that row, not at prepare.
  ASSERT_TRUE(Execute(connection_, "UPDATE n SET v = ?1 WHERE v = 3",
                      std::numeric_limits<std::int64_t>::min()));
  int rows_read = 0;
  auto all = QueryAll(connection_, "SELECT abs(v) FROM n ORDER BY id", [&](const Statement& row) {
    ++rows_read;
    return row.ColumnInt64(0);
  });
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error(), make_error_code(Errc::sql_error));
  EXPECT_EQ(rows_read, 2);  // rows 1 and 2, then the error; row 4 never read
}

TEST_F(QueryTest, AReaderErrorMidIterationStopsTheWalkAndIsReturned) {
  InsertNumbers(5);
  int rows_read = 0;
  const auto refuse_three = [&](const Statement& row) -> Result<std::int64_t> {
    ++rows_read;
    if (row.ColumnInt64(0) == 3) return make_error_code(Errc::corrupt);
    return row.ColumnInt64(0);
  };
  auto all = QueryAll(connection_, "SELECT v FROM n ORDER BY v", refuse_three);
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error(), make_error_code(Errc::corrupt));
  EXPECT_EQ(rows_read, 3);
  auto first = QueryFirst(connection_, "SELECT v FROM n WHERE v >= ?1 ORDER BY v", refuse_three, 3);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error(), make_error_code(Errc::corrupt));
}

TEST_F(QueryTest, ForEachRowGoesOnStopsEarlyOrStopsOnAnError) {
  InsertNumbers(10);
  auto statement = Query(connection_, "SELECT v FROM n ORDER BY v");
  ASSERT_TRUE(statement);
  std::int64_t sum = 0;
  ASSERT_TRUE(ForEachRow(statement.value(), [&](const Statement& row) { sum += ReadInt(row); }));
  EXPECT_EQ(sum, 55);

  // Result<bool>: false stops without error (a budget reached).
  std::vector<std::int64_t> within_budget;
  auto budget = ForEachRow(statement.value(), [&](const Statement& row) -> Result<bool> {
    if (ReadInt(row) > 4) return false;
    within_budget.push_back(ReadInt(row));
    return true;
  });
  ASSERT_TRUE(budget);
  EXPECT_EQ(within_budget, (std::vector<std::int64_t>{1, 2, 3, 4}));

  // Result<void>: a visit that writes on the same connection while the walk goes on, and whose
  // refusal (a UNIQUE constraint at the sixth row) ends the walk with that error.
  auto copy = connection_.Prepare("INSERT INTO n (v) VALUES (?1)");
  ASSERT_TRUE(copy);
  int visited = 0;
  auto refused = ForEachRow(statement.value(), [&](const Statement& row) -> Result<void> {
    ++visited;
    const std::int64_t v = ReadInt(row);
    if (auto bound = BindAll(copy.value(), v == 6 ? v : v + 1000); !bound) return bound.error();
    return copy.value().Run();
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), make_error_code(Errc::constraint));
  EXPECT_EQ(visited, 6);
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM n WHERE v > 1000"), 5);
}

TEST_F(QueryTest, AKeptStatementIsReadAgainAfterEachHelper) {
  InsertNumbers(5);
  auto kept = connection_.Prepare("SELECT v FROM n WHERE v >= ?1 ORDER BY v");
  ASSERT_TRUE(kept);
  Statement& statement = kept.value();
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(BindAll(statement, 2));
    auto all = ReadAll(statement, ReadInt);
    ASSERT_TRUE(all);
    EXPECT_EQ(all.value(), (std::vector<std::int64_t>{2, 3, 4, 5}));
    auto first = ReadFirst(statement, ReadInt);  // bindings kept
    ASSERT_TRUE(first);
    EXPECT_EQ(first.value(), std::optional<std::int64_t>(2));
    auto one = ReadOne(statement, ReadInt);
    ASSERT_TRUE(one);
    EXPECT_EQ(one.value(), 2);
    auto has = HasRow(statement);
    ASSERT_TRUE(has);
    EXPECT_TRUE(has.value());
    ASSERT_TRUE(BindAll(statement, 6));
    auto none = ReadOne(statement, ReadInt);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error(), make_error_code(Errc::no_row));
    auto has_not = HasRow(statement);
    ASSERT_TRUE(has_not);
    EXPECT_FALSE(has_not.value());
  }
}

TEST_F(QueryTest, ReadingTheFirstRowReleasesTheReadSnapshot) {
  InsertNumbers(100);
  Connection reader = MustOpen(dir_.File("query.db"));
  OpenOptions quick;
  quick.busy_timeout = std::chrono::milliseconds(100);
  Connection writer = MustOpen(dir_.File("query.db"), quick);
  auto kept = reader.Prepare("SELECT v FROM n ORDER BY v");
  ASSERT_TRUE(kept);

  // Stepped once and left there, a statement holds its snapshot: the log cannot be emptied.
  auto stepped = kept.value().Step();
  ASSERT_TRUE(stepped && stepped.value());
  ASSERT_TRUE(Execute(writer, "INSERT INTO n (v) VALUES (?1)", 101));
  auto blocked = TruncateWal(writer);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error(), make_error_code(Errc::busy));
  kept.value().Reset();

  // ReadFirst and HasRow stop after one row of a hundred and reset: nothing is held.
  auto first = ReadFirst(kept.value(), ReadInt);
  ASSERT_TRUE(first);
  EXPECT_EQ(first.value(), std::optional<std::int64_t>(1));
  ASSERT_TRUE(HasRow(kept.value()));
  ASSERT_TRUE(Execute(writer, "INSERT INTO n (v) VALUES (?1)", 102));
  EXPECT_TRUE(TruncateWal(writer));
}

TEST_F(QueryTest, ReadOneOfUpdateReturningKeepsTheChange) {
  InsertNumbers(1);
  // RETURNING rows come after every change is made, so reading the first and resetting keeps it
  // (list version bumps rely on this).
  auto transaction = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(transaction);
  auto bumped = QueryOne(connection_, "UPDATE n SET v = v + 1 RETURNING v", ReadInt);
  ASSERT_TRUE(bumped);
  EXPECT_EQ(bumped.value(), 2);
  ASSERT_TRUE(transaction.value().Commit());
  Connection other = MustOpen(dir_.File("query.db"));
  EXPECT_EQ(QueryInt(other, "SELECT v FROM n"), 2);
}

}  // namespace
}  // namespace minegate::db
