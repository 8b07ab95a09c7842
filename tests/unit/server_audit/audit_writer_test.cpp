// The writer thread for audited reads: entries waiting together commit together, each `done`
// comes after its entry is durable (another connection sees it), a group that cannot commit
// reports failure to every entry in it, and Stop writes everything queued first.
#include "server/audit/audit_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "db/query.hpp"
#include "db/transaction.hpp"
#include "tests/unit/server_audit/audit_test_support.hpp"

namespace minegate::server::audit {
namespace {

using test::SampleEntry;

/// Collects what the writer reports, from its thread, for the test's thread to wait on.
class Outcomes {
 public:
  AuditWriter::Done Collect() {
    return [this](Result<std::int64_t> seq) {
      std::lock_guard lock(mutex_);
      results_.push_back(std::move(seq));
      changed_.notify_all();
    };
  }

  /// Waits (at most 20 s) until `count` outcomes arrived; returns them.
  std::vector<Result<std::int64_t>> WaitFor(std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(20), [&] { return results_.size() >= count; });
    return results_;
  }

  std::size_t size() {
    std::lock_guard lock(mutex_);
    return results_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Result<std::int64_t>> results_;
};

class AuditWriterTest : public test::AuditTest {
 protected:
  std::unique_ptr<AuditWriter> MustOpen(AuditWriterOptions options = {}) {
    auto writer = AuditWriter::Open(DatabasePath(), std::move(options));
    if (!writer) throw std::runtime_error("AuditWriter::Open: " + writer.error().message());
    return std::move(writer).value();
  }

  /// Holds the database's write lock on another connection, as the ingest writer or
  /// minegatectl may, until Release().
  void HoldWriteLock() {
    holder_.emplace(OpenStore(DatabasePath()).value());
    lock_.emplace(db::Transaction::Begin(*holder_, db::Transaction::Mode::kImmediate).value());
  }
  void Release() {
    ASSERT_TRUE(lock_->Commit());
    lock_.reset();
  }

  std::optional<db::Connection> holder_;
  std::optional<db::Transaction> lock_;
};

TEST_F(AuditWriterTest, EntriesWaitingTogetherCommitTogether) {
  auto writer = MustOpen();
  Outcomes outcomes;
  HoldWriteLock();
  for (int i = 1; i <= 50; ++i) writer->Append(SampleEntry(i), outcomes.Collect());
  // The writer is waiting for the lock at BEGIN: nothing may be reported before a commit.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(outcomes.size(), 0u);
  Release();
  const auto results = outcomes.WaitFor(50);
  ASSERT_EQ(results.size(), 50u);
  std::vector<std::int64_t> seqs;
  for (const auto& result : results) {
    ASSERT_TRUE(result) << result.error().message();
    seqs.push_back(result.value());
  }
  // One transaction for the fifty, in the order they were queued.
  std::vector<std::int64_t> expected(50);
  for (int i = 0; i < 50; ++i) expected[static_cast<std::size_t>(i)] = i + 1;
  EXPECT_EQ(seqs, expected);
  EXPECT_EQ(writer->stats().commits, 1);
  EXPECT_EQ(writer->stats().entries, 50);
  auto report = log_.Verify(connection());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report.value().ok());
  EXPECT_EQ(report.value().head.count, 50);
}

TEST_F(AuditWriterTest, DoneComesAfterTheEntryIsCommitted) {
  auto writer = MustOpen();
  std::atomic<int> seen_by_another_connection{0};
  Outcomes outcomes;
  const std::filesystem::path path = DatabasePath();
  for (int i = 1; i <= 20; ++i) {
    writer->Append(SampleEntry(i), [&, collect = outcomes.Collect()](Result<std::int64_t> seq) {
      if (seq) {
        // A fresh connection reads only what is committed.
        auto reader = OpenStoreReadOnly(path);
        if (!reader) return collect(reader.error());
        auto found =
            db::Exists(reader.value(), "SELECT 1 FROM audit_log WHERE seq = ?1", seq.value());
        if (found && found.value()) ++seen_by_another_connection;
      }
      collect(std::move(seq));
    });
  }
  ASSERT_EQ(outcomes.WaitFor(20).size(), 20u);
  EXPECT_EQ(seen_by_another_connection.load(), 20);
}

TEST_F(AuditWriterTest, AGroupThatCannotCommitFailsEveryEntryInIt) {
  auto writer = MustOpen();
  Outcomes outcomes;
  HoldWriteLock();
  // While the writer waits at BEGIN, the table disappears under it (a damaged database).
  ASSERT_TRUE(holder_->Execute("ALTER TABLE audit_log RENAME TO audit_log_away"));
  for (int i = 1; i <= 5; ++i) writer->Append(SampleEntry(i), outcomes.Collect());
  Release();
  auto results = outcomes.WaitFor(5);
  ASSERT_EQ(results.size(), 5u);
  for (const auto& result : results) EXPECT_FALSE(result);
  EXPECT_EQ(writer->stats().failed, 5);
  EXPECT_EQ(writer->stats().commits, 0);

  ASSERT_TRUE(connection().Execute("ALTER TABLE audit_log_away RENAME TO audit_log"));
  writer->Append(SampleEntry(6), outcomes.Collect());
  results = outcomes.WaitFor(6);
  ASSERT_EQ(results.size(), 6u);
  ASSERT_TRUE(results[5]);
  EXPECT_EQ(results[5].value(), 1);  // Nothing of the failed group was kept.
}

TEST_F(AuditWriterTest, StopWritesEverythingQueuedFirst) {
  auto writer = MustOpen();
  Outcomes outcomes;
  for (int i = 1; i <= 200; ++i) writer->Append(SampleEntry(i), outcomes.Collect());
  writer->Stop();
  EXPECT_EQ(outcomes.size(), 200u);  // Before Stop returned.
  std::set<std::int64_t> seqs;
  for (const auto& result : outcomes.WaitFor(200)) {
    ASSERT_TRUE(result);
    seqs.insert(result.value());
  }
  EXPECT_EQ(seqs.size(), 200u);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log"), 200);

  writer->Append(SampleEntry(201), outcomes.Collect());  // After Stop: refused at once.
  const auto results = outcomes.WaitFor(201);
  ASSERT_EQ(results.size(), 201u);
  ASSERT_FALSE(results.back());
  EXPECT_EQ(results.back().error(), Errc::stopped);
  writer->Stop();  // Idempotent.
}

TEST_F(AuditWriterTest, AFullQueueRefusesAtOnce) {
  AuditWriterOptions options;
  options.max_queue = 3;
  auto writer = MustOpen(options);
  Outcomes outcomes;
  HoldWriteLock();
  for (int i = 1; i <= 5; ++i) writer->Append(SampleEntry(i), outcomes.Collect());
  auto refused = outcomes.WaitFor(2);
  ASSERT_EQ(refused.size(), 2u);
  for (const auto& result : refused) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error(), Errc::queue_full);
  }
  Release();
  const auto results = outcomes.WaitFor(5);
  ASSERT_EQ(results.size(), 5u);
  for (std::size_t i = 2; i < 5; ++i) EXPECT_TRUE(results[i]);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM audit_log"), 3);
}

TEST_F(AuditWriterTest, ABadEntryIsRefusedAloneAndAtOnce) {
  auto writer = MustOpen();
  Outcomes outcomes;
  AuditEntry bad = SampleEntry(1);
  bad.targets = {"two\nlines"};
  writer->Append(bad, outcomes.Collect());
  ASSERT_EQ(outcomes.size(), 1u);  // Synchronously, on this thread.
  writer->Append(SampleEntry(2), outcomes.Collect());
  const auto results = outcomes.WaitFor(2);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].error(), Errc::bad_entry);
  ASSERT_TRUE(results[1]);
  EXPECT_EQ(results[1].value(), 1);
}

}  // namespace
}  // namespace minegate::server::audit
