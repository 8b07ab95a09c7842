// TruncateWal: after a deletion with secure_delete on, the deleted text is in no file of the
// database (main file, -wal, -shm); refused inside a transaction; busy while another
// connection's read holds the log.
#include "db/wal.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>

#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db {
namespace {

using test::MustOpen;
using test::QueryInt;
using test::TempDir;

/// True if any file in `dir` holds `needle`.
bool AnyFileHolds(const std::filesystem::path& dir, const std::string& needle) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.find(needle) != std::string::npos) return true;
  }
  return false;
}

class WalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(connection_.Execute("PRAGMA secure_delete = ON"));
    ASSERT_TRUE(connection_.Execute("CREATE TABLE t (name TEXT NOT NULL) STRICT"));
    ASSERT_TRUE(TruncateWal(connection_));
  }

  TempDir dir_;
  Connection connection_ = MustOpen(dir_.File("wal.db"));
};

TEST_F(WalTest, ADeletedRowLeavesEveryFile) {
  ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES ('Ndèye-Distinctive')"));
  ASSERT_TRUE(connection_.Execute("UPDATE t SET name = 'Ndèye-Distinctive-2'"));
  ASSERT_TRUE(AnyFileHolds(dir_.path(), "Ndèye-Distinctive"));
  ASSERT_TRUE(connection_.Execute("DELETE FROM t"));
  // secure_delete alone: the log still holds the earlier page images.
  EXPECT_TRUE(AnyFileHolds(dir_.path(), "Ndèye-Distinctive"));
  ASSERT_TRUE(TruncateWal(connection_));
  EXPECT_FALSE(AnyFileHolds(dir_.path(), "Ndèye-Distinctive"));
  EXPECT_EQ(std::filesystem::file_size(dir_.File("wal.db-wal")), 0u);
  EXPECT_EQ(QueryInt(connection_, "SELECT count(*) FROM t"), 0);
}

TEST_F(WalTest, RefusedInsideATransaction) {
  auto transaction = Transaction::Begin(connection_, Transaction::Mode::kImmediate);
  ASSERT_TRUE(transaction);
  auto refused = TruncateWal(connection_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), make_error_code(Errc::misuse));
}

TEST_F(WalTest, BusyWhileAnotherConnectionReads) {
  ASSERT_TRUE(connection_.Execute("INSERT INTO t VALUES ('x')"));
  Connection reader = MustOpen(dir_.File("wal.db"));
  auto reading = Transaction::Begin(reader, Transaction::Mode::kDeferred);
  ASSERT_TRUE(reading);
  EXPECT_EQ(QueryInt(reader, "SELECT count(*) FROM t"), 1);  // holds a read snapshot
  OpenOptions quick;
  quick.busy_timeout = std::chrono::milliseconds(100);
  Connection writer = MustOpen(dir_.File("wal.db"), quick);
  ASSERT_TRUE(writer.Execute("INSERT INTO t VALUES ('y')"));
  auto blocked = TruncateWal(writer);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error(), make_error_code(Errc::busy));
}

}  // namespace
}  // namespace minegate::db
