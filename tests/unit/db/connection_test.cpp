#include "db/connection.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "db/query.hpp"
#include "db/statement.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::MustOpen;
using test::QueryInt;
using test::QueryText;
using test::TempDir;

TEST(ConnectionTest, OpenCreatesFileInWalModeWithFullSync) {
  TempDir dir;
  const auto path = dir.File("new.db");
  ASSERT_FALSE(std::filesystem::exists(path));
  Connection connection = MustOpen(path);
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(QueryText(connection, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryInt(connection, "PRAGMA synchronous"), 2);  // FULL: durable commits.
  EXPECT_FALSE(connection.IsReadOnly());
}

TEST(ConnectionTest, SynchronousNormalCanBeChosen) {
  TempDir dir;
  OpenOptions options;
  options.synchronous = OpenOptions::Synchronous::kNormal;
  Connection connection = MustOpen(dir.File("normal.db"), options);
  EXPECT_EQ(QueryInt(connection, "PRAGMA synchronous"), 1);
}

TEST(ConnectionTest, CacheAndTempStoreOptionsTakeEffect) {
  TempDir dir;
  Connection plain = MustOpen(dir.File("plain.db"));
  EXPECT_EQ(QueryInt(plain, "PRAGMA cache_size"), -2000);  // SQLite's default: 2,000 KiB
  EXPECT_EQ(QueryInt(plain, "PRAGMA temp_store"), 0);      // the build's default (files)
  OpenOptions options;
  options.cache_kib = 65536;
  options.temp_store_memory = true;
  Connection tuned = MustOpen(dir.File("tuned.db"), options);
  EXPECT_EQ(QueryInt(tuned, "PRAGMA cache_size"), -65536);
  EXPECT_EQ(QueryInt(tuned, "PRAGMA temp_store"), 2);  // MEMORY
  options.cache_kib = 0;
  auto refused = Connection::Open(dir.File("zero.db"), options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), Errc::bad_parameter);
}

TEST(ConnectionTest, WalStaysOnAfterReopen) {
  TempDir dir;
  { Connection first = MustOpen(dir.File("wal.db")); }
  OpenOptions options;
  options.access = OpenOptions::Access::kReadOnly;
  Connection reopened = MustOpen(dir.File("wal.db"), options);
  EXPECT_EQ(QueryText(reopened, "PRAGMA journal_mode"), "wal");
}

TEST(ConnectionTest, ForeignKeysAreEnforced) {
  TempDir dir;
  Connection connection = MustOpen(dir.File("fk.db"));
  EXPECT_EQ(QueryInt(connection, "PRAGMA foreign_keys"), 1);
  ASSERT_TRUE(
      connection.Execute("CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;"
                         "CREATE TABLE child (id INTEGER PRIMARY KEY,"
                         "  parent_id INTEGER NOT NULL REFERENCES parent (id)) STRICT;"));
  Result<void> orphan = connection.Execute("INSERT INTO child (parent_id) VALUES (42)");
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error(), Errc::constraint);
  EXPECT_EQ(connection.LastExtendedErrorCode(), 787);  // SQLITE_CONSTRAINT_FOREIGNKEY
  EXPECT_NE(connection.LastErrorMessage().find("FOREIGN KEY"), std::string::npos)
      << connection.LastErrorMessage();
  EXPECT_EQ(QueryInt(connection, "SELECT count(*) FROM child"), 0);
}

TEST(ConnectionTest, StrictTableRefusesTextInIntegerColumn) {
  TempDir dir;
  Connection connection = MustOpen(dir.File("strict.db"));
  ASSERT_TRUE(connection.Execute("CREATE TABLE t (n INTEGER NOT NULL) STRICT"));
  Result<void> wrong = connection.Execute("INSERT INTO t (n) VALUES ('abc')");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error(), Errc::constraint);
  EXPECT_EQ(connection.LastExtendedErrorCode(), 3091);  // SQLITE_CONSTRAINT_DATATYPE
  EXPECT_TRUE(connection.Execute("INSERT INTO t (n) VALUES (7)"));
  EXPECT_EQ(QueryInt(connection, "SELECT count(*) FROM t"), 1);
}

TEST(ConnectionTest, InMemoryDatabaseWorks) {
  Connection connection = MustOpen(":memory:");
  ASSERT_TRUE(connection.Execute("CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (5);"));
  EXPECT_EQ(QueryInt(connection, "SELECT n FROM t"), 5);
  EXPECT_EQ(QueryInt(connection, "PRAGMA foreign_keys"), 1);
}

TEST(ConnectionTest, GarbageFileIsNotADatabase) {
  TempDir dir;
  const auto path = dir.File("garbage.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 256; ++i) out << "this is not an SQLite file ";
  }
  Result<Connection> connection = Connection::Open(path);
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error(), Errc::not_a_database);
  EXPECT_NE(connection.error().message().find("not a database"), std::string::npos);

  // Read-only opens change no settings, so only the schema probe can catch it at Open.
  OpenOptions read_only;
  read_only.access = OpenOptions::Access::kReadOnly;
  Result<Connection> reader = Connection::Open(path, read_only);
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error(), Errc::not_a_database);
}

TEST(ConnectionTest, ReadOnlyConnectionCannotWrite) {
  TempDir dir;
  const auto path = dir.File("ro.db");
  {
    Connection writer = MustOpen(path);
    ASSERT_TRUE(writer.Execute("CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (1);"));
  }
  OpenOptions options;
  options.access = OpenOptions::Access::kReadOnly;
  Connection reader = MustOpen(path, options);
  EXPECT_TRUE(reader.IsReadOnly());
  EXPECT_EQ(QueryInt(reader, "SELECT n FROM t"), 1);
  Result<void> write = reader.Execute("INSERT INTO t VALUES (2)");
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error(), Errc::read_only);
  EXPECT_EQ(QueryInt(reader, "SELECT count(*) FROM t"), 1);
}

TEST(ConnectionTest, ReadOnlyOpenOfMissingFileFails) {
  TempDir dir;
  OpenOptions options;
  options.access = OpenOptions::Access::kReadOnly;
  Result<Connection> connection = Connection::Open(dir.File("missing.db"), options);
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error(), Errc::open_failed);
  EXPECT_FALSE(std::filesystem::exists(dir.File("missing.db")));
}

TEST(ConnectionTest, OpenInMissingDirectoryFails) {
  TempDir dir;
  Result<Connection> connection = Connection::Open(dir.File("no/such/dir/x.db"));
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error(), Errc::open_failed);
}

TEST(ConnectionTest, PrepareReportsSyntaxErrorsAsValues) {
  Connection connection = MustOpen(":memory:");
  Result<Statement> statement = connection.Prepare("SELEC 1");
  ASSERT_FALSE(statement);
  EXPECT_EQ(statement.error(), Errc::sql_error);
  EXPECT_NE(connection.LastErrorMessage().find("syntax error"), std::string::npos)
      << connection.LastErrorMessage();

  Result<Statement> unknown = connection.Prepare("SELECT * FROM nowhere");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error(), Errc::sql_error);
  EXPECT_NE(connection.LastErrorMessage().find("nowhere"), std::string::npos);
}

TEST(ConnectionTest, PrepareRefusesScriptsAndEmptySql) {
  Connection connection = MustOpen(":memory:");
  Result<Statement> two = connection.Prepare("SELECT 1; SELECT 2");
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error(), Errc::bad_parameter);

  Result<Statement> empty = connection.Prepare("  -- nothing\n");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error(), Errc::bad_parameter);

  EXPECT_TRUE(connection.Prepare("SELECT 1; -- trailing comment\n  "));
}

TEST(ConnectionTest, ExecuteStopsAtFirstFailingStatement) {
  Connection connection = MustOpen(":memory:");
  Result<void> script = connection.Execute(
      "CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (1);"
      "BOGUS; INSERT INTO t VALUES (2);");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error(), Errc::sql_error);
  EXPECT_EQ(QueryInt(connection, "SELECT count(*) FROM t"), 1);
}

TEST(ConnectionTest, LastInsertRowIdAndChanges) {
  Connection connection = MustOpen(":memory:");
  ASSERT_TRUE(connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER) STRICT"));
  ASSERT_TRUE(connection.Execute("INSERT INTO t (id, n) VALUES (41, 0)"));
  EXPECT_EQ(connection.LastInsertRowId(), 41);
  ASSERT_TRUE(connection.Execute("INSERT INTO t (n) VALUES (0)"));
  EXPECT_EQ(connection.LastInsertRowId(), 42);
  ASSERT_TRUE(connection.Execute("UPDATE t SET n = 1"));
  EXPECT_EQ(connection.Changes(), 2);
}

TEST(ConnectionTest, MovedFromConnectionReportsMisuse) {
  Connection connection = MustOpen(":memory:");
  Connection moved = std::move(connection);
  EXPECT_TRUE(moved.Execute("SELECT 1"));
  // NOLINTNEXTLINE(bugprone-use-after-move): checking the moved-from state on purpose.
  Result<void> stale = connection.Execute("SELECT 1");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error(), Errc::misuse);
}

TEST(ConnectionTest, EmptyPathIsRefused) {
  Result<Connection> connection = Connection::Open("");
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error(), Errc::bad_parameter);
}

TEST(ConnectionTest, NegativeBusyTimeoutIsRefused) {
  OpenOptions options;
  options.busy_timeout = std::chrono::milliseconds(-1);
  Result<Connection> connection = Connection::Open(":memory:", options);
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error(), Errc::bad_parameter);
}

}  // namespace
}  // namespace minegate::db

namespace minegate::db {
namespace {

/// RLIMIT_FSIZE lowered for this test process, put back at the end of the scope; SIGXFSZ ignored
/// (as the server and kiosk do at start-up) so that a write past it fails with EFBIG.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ignored_ = std::signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = bytes;
    ok_ = setrlimit(RLIMIT_FSIZE, &lowered) == 0;
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, ignored_);
  }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  void (*ignored_)(int) = SIG_DFL;
  bool ok_ = false;
};

TEST(ConnectionTest, AFullDiskOrFileSizeLimitIsReportedAsDiskFull) {
  test::TempDir dir;
  Connection connection = MustOpen(dir.File("full.db"));
  ASSERT_TRUE(connection.Execute("CREATE TABLE t (b BLOB NOT NULL)"));
  const std::string row(64 * 1024, 'x');
  Result<void> failed = Success();
  {
    // A little above what is written now: the first commits fit, then one does not.
    const auto size = std::filesystem::file_size(dir.File("full.db")) +
                      std::filesystem::file_size(dir.File("full.db").string() + "-wal");
    FileSizeLimit limit(static_cast<rlim_t>(size + 256 * 1024));
    ASSERT_TRUE(limit.ok());
    for (int i = 0; i < 64 && failed; ++i) {
      failed = Execute(connection, "INSERT INTO t (b) VALUES (?1)", row);
    }
  }
  ASSERT_FALSE(failed) << "every write fit under the limit";
  // SQLite says SQLITE_IOERR_WRITE; the system's EFBIG makes it a full disk for the caller.
  EXPECT_EQ(failed.error(), make_error_code(Errc::disk_full)) << failed.error().message();
  // Space back: the same connection writes again.
  EXPECT_TRUE(Execute(connection, "INSERT INTO t (b) VALUES (?1)", row));
}

}  // namespace
}  // namespace minegate::db
