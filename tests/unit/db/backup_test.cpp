// Backup::Copy on real files: a copy taken while another connection commits transactions of
// kBatch rows holds whole transactions only (a snapshot) and passes integrity_check; the copy
// is one private file; an existing target is kept; a failure leaves no file behind; a damaged
// source gives no named copy.
#include "db/backup.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "db/connection.hpp"
#include "db/integrity.hpp"
#include "db/transaction.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::MustOpen;
using test::QueryInt;
using test::QueryText;
using test::TempDir;
using namespace std::chrono_literals;

constexpr int kBatch = 50;

/// Inserts `batches` transactions of kBatch rows, numbered from `first`.
void InsertBatches(Connection& connection, int first, int batches) {
  auto insert = connection.Prepare("INSERT INTO t (batch, pad) VALUES (?1, randomblob(300))");
  ASSERT_TRUE(insert);
  for (int batch = first; batch < first + batches; ++batch) {
    auto transaction = Transaction::Begin(connection, Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    for (int row = 0; row < kBatch; ++row) {
      ASSERT_TRUE(insert.value().BindInt64(1, batch));
      ASSERT_TRUE(insert.value().Run());
    }
    ASSERT_TRUE(transaction.value().Commit());
  }
}

/// Every name in `dir`, sorted.
std::vector<std::string> Names(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class DbBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(source_.Execute(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, pad BLOB NOT NULL) "
        "STRICT; CREATE INDEX t_by_batch ON t (batch)"));
    InsertBatches(source_, 0, 40);
  }

  TempDir dir_;
  Connection source_ = MustOpen(dir_.File("source.db"));
};

TEST_F(DbBackupTest, ACopyTakenWhileAnotherConnectionWritesHoldsWholeTransactionsOnly) {
  // The writer: its own connection, as the server's writer thread is to minegatectl.
  std::atomic<int> committed{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    OpenOptions options;
    options.synchronous = OpenOptions::Synchronous::kNormal;  // fast commits, many of them
    Connection connection = MustOpen(dir_.File("source.db"), options);
    for (int batch = 1000; !stop.load() && batch < 100'000; ++batch) {
      InsertBatches(connection, batch, 1);
      committed.fetch_add(1);
    }
  });
  const std::int64_t rows_before = QueryInt(source_, "SELECT count(*) FROM t");

  // Small steps, and at each of the first steps a wait (bounded) for the writer to commit
  // again: the copy is certainly taken while the database changes under it.
  BackupOptions options;
  options.pages_per_step = 8;
  int steps_seen = 0;
  int commits_during_copy = 0;
  int last_committed = committed.load();
  std::int64_t last_copied = -1;
  options.progress = [&](std::int64_t copied, std::int64_t total) {
    EXPECT_GT(copied, last_copied);
    EXPECT_LE(copied, total);
    last_copied = copied;
    if (++steps_seen <= 10) {
      const auto deadline = std::chrono::steady_clock::now() + 5s;
      while (committed.load() == last_committed && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(1ms);
      }
    }
    commits_during_copy += committed.load() - last_committed;
    last_committed = committed.load();
  };
  auto copied = Backup::Copy(source_, dir_.File("copy.db"), options);
  stop = true;
  writer.join();
  ASSERT_TRUE(copied) << copied.error().message();
  EXPECT_GE(commits_during_copy, 10) << "the writer did not write during the copy";
  EXPECT_GT(copied.value().steps, 10);
  EXPECT_EQ(copied.value().bytes, copied.value().pages * copied.value().page_size);
  EXPECT_EQ(static_cast<std::int64_t>(std::filesystem::file_size(dir_.File("copy.db"))),
            copied.value().bytes);

  OpenOptions read_only;
  read_only.access = OpenOptions::Access::kReadOnly;
  Connection copy = MustOpen(dir_.File("copy.db"), read_only);
  const std::int64_t rows = QueryInt(copy, "SELECT count(*) FROM t");
  EXPECT_EQ(rows % kBatch, 0) << rows << " rows: a transaction copied in part";
  EXPECT_EQ(QueryInt(copy,
                     "SELECT count(*) FROM (SELECT batch FROM t GROUP BY batch "
                     "HAVING count(*) <> 50)"),
            0);
  EXPECT_GE(rows, rows_before);
  EXPECT_LT(rows, QueryInt(source_, "SELECT count(*) FROM t"))
      << "the copy holds rows committed after it began";
  auto problems = CheckIntegrity(copy);
  ASSERT_TRUE(problems);
  EXPECT_TRUE(problems.value().empty()) << problems.value().front();
  // One self-contained file, in rollback-journal mode, readable by its owner only.
  EXPECT_EQ(QueryText(copy, "PRAGMA journal_mode"), "delete");
  struct stat status {};
  ASSERT_EQ(::stat(dir_.File("copy.db").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  for (const std::string& name : Names(dir_.path())) {
    EXPECT_TRUE(name == "copy.db" || name.starts_with("source.db")) << name << " left behind";
  }
}

TEST_F(DbBackupTest, AnExistingTargetIsKeptUnlessReplacing) {
  std::ofstream(dir_.File("copy.db")) << "keep me";
  auto refused = Backup::Copy(source_, dir_.File("copy.db"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), boost::system::errc::file_exists) << refused.error().message();
  std::ifstream kept(dir_.File("copy.db"));
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "keep me");

  BackupOptions replace;
  replace.write_mode = base::WriteMode::replace;
  replace.check = IntegrityCheck::kQuick;
  ASSERT_TRUE(Backup::Copy(source_, dir_.File("copy.db"), replace));
  Connection copy = MustOpen(dir_.File("copy.db"));
  EXPECT_EQ(QueryInt(copy, "SELECT count(*) FROM t"), 40 * kBatch);
}

TEST_F(DbBackupTest, AMissingFolderFailsAndLeavesNothing) {
  auto failed = Backup::Copy(source_, dir_.File("absent/copy.db"));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), boost::system::errc::no_such_file_or_directory)
      << failed.error().message();
  EXPECT_FALSE(std::filesystem::exists(dir_.File("absent")));
}

TEST_F(DbBackupTest, InsideTheCallersTransactionTheCopyIsThatSnapshot) {
  auto read = Transaction::Begin(source_, Transaction::Mode::kDeferred);
  ASSERT_TRUE(read);
  ASSERT_EQ(QueryInt(source_, "SELECT count(*) FROM t"), 40 * kBatch);
  {
    Connection other = MustOpen(dir_.File("source.db"));
    InsertBatches(other, 500, 3);
  }
  ASSERT_TRUE(Backup::Copy(source_, dir_.File("copy.db")));
  EXPECT_TRUE(source_.InTransaction()) << "the caller's transaction is the caller's to end";
  Connection copy = MustOpen(dir_.File("copy.db"));
  EXPECT_EQ(QueryInt(copy, "SELECT count(*) FROM t"), 40 * kBatch);
}

TEST(DbBackupDamagedTest, ADamagedSourceGivesNoNamedCopy) {
  TempDir dir;
  OpenOptions rollback;
  rollback.wal = false;
  {
    Connection source = MustOpen(dir.File("source.db"), rollback);
    ASSERT_TRUE(source.Execute(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, pad BLOB NOT NULL) "
        "STRICT; CREATE INDEX t_by_batch ON t (batch)"));
    InsertBatches(source, 0, 20);
  }
  // Garbage over the last pages (index and table pages), as a failing disk would leave them.
  const auto size = std::filesystem::file_size(dir.File("source.db"));
  {
    std::fstream file(dir.File("source.db"), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size - 3 * 4096 + 100));
    const std::string garbage(2 * 4096, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  Connection source = MustOpen(dir.File("source.db"), rollback);
  auto problems = CheckIntegrity(source);
  ASSERT_TRUE(!problems || !problems.value().empty()) << "the damage was not damage";

  auto copied = Backup::Copy(source, dir.File("copy.db"));
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error(), Errc::corrupt) << copied.error().message();
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"source.db"});
}

TEST(DbIntegrityTest, ASoundDatabaseHasNoProblems) {
  TempDir dir;
  Connection connection = MustOpen(dir.File("sound.db"));
  ASSERT_TRUE(connection.Execute("CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1)"));
  for (const IntegrityCheck kind : {IntegrityCheck::kFull, IntegrityCheck::kQuick}) {
    auto problems = CheckIntegrity(connection, kind);
    ASSERT_TRUE(problems);
    EXPECT_TRUE(problems.value().empty());
  }
  EXPECT_EQ(CheckIntegrity(connection, IntegrityCheck::kFull, 0).error(), Errc::bad_parameter);
}

}  // namespace
}  // namespace minegate::db
