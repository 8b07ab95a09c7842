#include "db/migrations.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "tests/unit/db/test_migrations.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::BrokenMigrations;
using test::GoodMigrations;
using test::MustOpen;
using test::QueryInt;
using test::TempDir;

bool TableExists(Connection& connection, std::string_view table) {
  Result<Statement> query =
      connection.Prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  EXPECT_TRUE(query && query.value().BindText(1, table));
  Result<bool> row = query.value().Step();
  return row && row.value() && query.value().ColumnInt64(0) == 1;
}

class MigrationsTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::filesystem::path path_ = dir_.File("migrations.db");
  Connection connection_ = MustOpen(path_);
};

TEST(EmbedSqlTest, FilesAreEmbeddedInVersionOrderByteForByte) {
  const auto migrations = GoodMigrations();
  ASSERT_EQ(migrations.size(), 2U);
  EXPECT_EQ(migrations[0].version, 1);
  EXPECT_EQ(migrations[0].name, "create_things");
  EXPECT_EQ(migrations[1].version, 2);
  EXPECT_EQ(migrations[1].name, "add_column");
  // UTF-8 and raw-string delimiters come through untouched; the first line is the file's first.
  EXPECT_NE(migrations[0].sql.find("Kédougou, )\" and )sql\"."), std::string_view::npos);
  EXPECT_EQ(migrations[0].sql.substr(0, 14), "-- Test schema");
  EXPECT_EQ(migrations[0].sql.back(), '\n');
  EXPECT_EQ(BrokenMigrations()[1].name, "fails_halfway");
}

TEST_F(MigrationsTest, AppliesAllInOrderOnANewFile) {
  MigrationFailure failure;
  Result<int> version = ApplyMigrations(connection_, GoodMigrations(), &failure);
  ASSERT_TRUE(version) << version.error().message() << ": " << failure.message;
  EXPECT_EQ(version.value(), 2);
  EXPECT_EQ(QueryInt(connection_, "PRAGMA user_version"), 2);
  EXPECT_TRUE(TableExists(connection_, "thing"));
  EXPECT_EQ(QueryInt(connection_,
                     "SELECT count(*) FROM pragma_table_info('thing') "
                     "WHERE name = 'weight_grams'"),
            1);
  EXPECT_EQ(QueryInt(connection_, "SELECT strict FROM pragma_table_list('thing')"), 1);
  EXPECT_EQ(failure.version, 0);
}

TEST_F(MigrationsTest, SecondRunAppliesNothing) {
  ASSERT_TRUE(ApplyMigrations(connection_, GoodMigrations()));
  Result<int> again = ApplyMigrations(connection_, GoodMigrations());
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value(), 2);
  // 0001 inserts a site with a UNIQUE name: running it twice would have failed or duplicated it.
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM site"), 1);
}

TEST_F(MigrationsTest, AppliesOnlyThePendingOnesAfterReopen) {
  Result<int> first = ApplyMigrations(connection_, GoodMigrations().first(1));
  ASSERT_TRUE(first);
  EXPECT_EQ(first.value(), 1);
  EXPECT_EQ(QueryInt(connection_,
                     "SELECT count(*) FROM pragma_table_info('thing') "
                     "WHERE name = 'weight_grams'"),
            0);

  connection_ = MustOpen(":memory:");
  Connection reopened = MustOpen(path_);
  Result<int> second = ApplyMigrations(reopened, GoodMigrations());
  ASSERT_TRUE(second);
  EXPECT_EQ(second.value(), 2);
  EXPECT_EQ(QueryInt(reopened, "SELECT count(*) FROM site"), 1);
}

TEST_F(MigrationsTest, NonConsecutiveListsAreRefusedBeforeTouchingTheDatabase) {
  const std::vector<Migration> gap = {{1, "a", "CREATE TABLE a (x INTEGER) STRICT"},
                                      {3, "c", "CREATE TABLE c (x INTEGER) STRICT"}};
  const std::vector<Migration> from_zero = {{0, "a", "CREATE TABLE a (x INTEGER) STRICT"}};
  const std::vector<Migration> repeated = {{1, "a", "CREATE TABLE a (x INTEGER) STRICT"},
                                           {1, "b", "CREATE TABLE b (x INTEGER) STRICT"}};
  const std::vector<Migration> empty_sql = {{1, "a", ""}};
  for (const auto& list : {gap, from_zero, repeated, empty_sql}) {
    Result<int> version = ApplyMigrations(connection_, list);
    ASSERT_FALSE(version);
    EXPECT_EQ(version.error(), Errc::migration_invalid);
  }
  EXPECT_EQ(QueryInt(connection_, "PRAGMA user_version"), 0);
  EXPECT_FALSE(TableExists(connection_, "a"));
}

TEST_F(MigrationsTest, EmptyListOnNewDatabaseIsVersionZero) {
  Result<int> version = ApplyMigrations(connection_, {});
  ASSERT_TRUE(version);
  EXPECT_EQ(version.value(), 0);
}

TEST_F(MigrationsTest, DatabaseWrittenByNewerBinaryIsRefused) {
  ASSERT_TRUE(ApplyMigrations(connection_, GoodMigrations()));
  ASSERT_TRUE(connection_.Execute("PRAGMA user_version = 3"));  // As a newer binary would.
  Result<int> version = ApplyMigrations(connection_, GoodMigrations());
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error(), Errc::migration_version_ahead);
  EXPECT_EQ(QueryInt(connection_, "PRAGMA user_version"), 3);

  Result<int> older = ApplyMigrations(connection_, GoodMigrations().first(1));
  ASSERT_FALSE(older);
  EXPECT_EQ(older.error(), Errc::migration_version_ahead);
}

TEST_F(MigrationsTest, FailingMigrationKeepsPreviousVersionAndLeavesNoPartialChange) {
  MigrationFailure failure;
  Result<int> version = ApplyMigrations(connection_, BrokenMigrations(), &failure);
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error(), Errc::migration_failed);
  EXPECT_EQ(failure.version, 2);
  EXPECT_EQ(failure.name, "fails_halfway");
  EXPECT_NE(failure.message.find("INTEGER"), std::string::npos) << failure.message;

  EXPECT_FALSE(connection_.InTransaction());
  EXPECT_EQ(QueryInt(connection_, "PRAGMA user_version"), 1);
  EXPECT_TRUE(TableExists(connection_, "thing"));     // 0001 committed on its own.
  EXPECT_FALSE(TableExists(connection_, "partial"));  // 0002's first statement rolled back.
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM thing"), 0);

  // The same file is still usable: a fixed 0002 applies on top of version 1.
  Result<int> fixed = ApplyMigrations(connection_, GoodMigrations());
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed.value(), 2);
}

TEST_F(MigrationsTest, ConcurrentMigratorSkipsWhatAnotherProcessApplied) {
  // This connection plays a second process that is half-way through applying 0001.
  Result<Transaction> other = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(other);
  ASSERT_TRUE(connection_.Execute(GoodMigrations()[0].sql));
  ASSERT_TRUE(connection_.Execute("PRAGMA user_version = 1"));

  Result<int> version = make_error_code(Errc::internal);
  MigrationFailure failure;
  std::thread migrator([&] {
    // Reads version 0 (the last commit), then waits for the write lock at BEGIN IMMEDIATE.
    Connection own = MustOpen(path_);
    version = ApplyMigrations(own, GoodMigrations(), &failure);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(other.value().Commit());
  migrator.join();

  ASSERT_TRUE(version) << version.error().message() << ": " << failure.message;
  EXPECT_EQ(version.value(), 2);
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM site"), 1);
}

TEST_F(MigrationsTest, SchemaVersionReadsUserVersion) {
  Result<int> fresh = SchemaVersion(connection_);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh.value(), 0);
  ASSERT_TRUE(connection_.Execute("PRAGMA user_version = 7"));
  EXPECT_EQ(SchemaVersion(connection_).value(), 7);
}

TEST_F(MigrationsTest, ReadOnlyConnectionCannotMigrate) {
  OpenOptions options;
  options.access = OpenOptions::Access::kReadOnly;
  Connection reader = MustOpen(path_, options);
  Result<int> version = ApplyMigrations(reader, GoodMigrations());
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error(), Errc::read_only) << version.error().message();
  EXPECT_EQ(QueryInt(connection_, "PRAGMA user_version"), 0);

  ASSERT_TRUE(ApplyMigrations(connection_, GoodMigrations()));
  Result<int> current = ApplyMigrations(reader, GoodMigrations());  // Up to date: just a check.
  ASSERT_TRUE(current);
  EXPECT_EQ(current.value(), 2);
}

}  // namespace
}  // namespace minegate::db
