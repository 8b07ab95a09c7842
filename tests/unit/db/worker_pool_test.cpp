// The worker pool: each worker's own connection, a bounded queue, jobs drained at stop.
#include "db/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "db/query.hpp"
#include "tests/unit/db/test_support.hpp"

namespace minegate::db::test {
namespace {

WorkerPool::OpenConnection OpenFile(const std::filesystem::path& path) {
  return [path] { return Connection::Open(path); };
}

TEST(dbWorkerPool, EachWorkerRunsJobsOnItsOwnConnection) {
  TempDir dir;
  auto pool = WorkerPool::Start(3, 100, OpenFile(dir.File("w.db")));
  ASSERT_TRUE(pool) << pool.error().message();
  std::mutex mutex;
  std::set<const Connection*> seen;
  std::atomic<int> done{0};
  // Jobs that wait for each other until three run at once: they can only finish if three
  // workers exist, each with its own connection.
  std::atomic<int> running{0};
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(pool.value()->Submit([&](Connection& connection) {
      {
        std::lock_guard lock(mutex);
        seen.insert(&connection);
      }
      ++running;
      for (int spin = 0; spin < 2000 && running.load() < 3; ++spin) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      ++done;
    }));
  }
  pool.value()->Stop();
  EXPECT_EQ(done.load(), 3);
  EXPECT_EQ(seen.size(), 3U);
}

TEST(dbWorkerPool, AFullQueueRefusesAndStopRunsWhatWasQueued) {
  TempDir dir;
  auto pool = WorkerPool::Start(1, 2, OpenFile(dir.File("w.db")));
  ASSERT_TRUE(pool);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<int> ran{0};
  std::promise<void> started;
  // The one worker is held by the first job; two more fill the queue; a fourth is refused.
  ASSERT_TRUE(pool.value()->Submit([&, gate](Connection&) {
    started.set_value();
    gate.wait();
    ++ran;
  }));
  started.get_future().wait();
  EXPECT_TRUE(pool.value()->Submit([&](Connection&) { ++ran; }));
  EXPECT_TRUE(pool.value()->Submit([&](Connection&) { ++ran; }));
  EXPECT_FALSE(pool.value()->Submit([&](Connection&) { ++ran; }));
  release.set_value();
  pool.value()->Stop();
  EXPECT_EQ(ran.load(), 3);
  EXPECT_FALSE(pool.value()->Submit([&](Connection&) { ++ran; }));
}

TEST(dbWorkerPool, AJobThatThrowsDoesNotStopTheWorker) {
  TempDir dir;
  auto pool = WorkerPool::Start(1, 10, OpenFile(dir.File("w.db")));
  ASSERT_TRUE(pool);
  std::atomic<bool> after{false};
  ASSERT_TRUE(pool.value()->Submit([](Connection&) { throw std::runtime_error("bug"); }));
  ASSERT_TRUE(pool.value()->Submit([&](Connection& connection) {
    after = connection.Execute("CREATE TABLE t (x INTEGER)").has_value();
  }));
  pool.value()->Stop();
  EXPECT_TRUE(after.load());
}

TEST(dbWorkerPool, AConnectionThatCannotOpenFailsTheStart) {
  TempDir dir;
  auto pool = WorkerPool::Start(2, 10, OpenFile(dir.File("missing/dir/w.db")));
  EXPECT_FALSE(pool);
  EXPECT_FALSE(WorkerPool::Start(0, 10, OpenFile(dir.File("w.db"))));
}

}  // namespace
}  // namespace minegate::db::test
