#pragma once
/// A few threads, each owning its own database connection, that run queued jobs: how network
/// code gets database work (and password hashing) off its I/O threads. SQLite connections are
/// not shared between threads; each worker opens its own at start and keeps it.
///
/// The queue is bounded: when it is full, Submit() refuses at once, and the caller answers
/// "busy, retry" rather than letting requests pile up without limit behind a slow disk.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/connection.hpp"
#include "db/error.hpp"

namespace minegate::db {

class WorkerPool {
 public:
  using Job = std::function<void(Connection&)>;
  using OpenConnection = std::function<Result<Connection>()>;

  /// Opens one connection per worker with `open` (start-up errors returned: nothing is left
  /// running), then starts the workers. `threads` ≥ 1, `queue_limit` ≥ 1.
  static Result<std::unique_ptr<WorkerPool>> Start(std::size_t threads, std::size_t queue_limit,
                                                   const OpenConnection& open);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `job` for the next free worker. False (and `job` dropped unrun) when the queue
  /// holds `queue_limit` jobs already or the pool is stopping. Thread-safe. A job must not
  /// throw (one that does is logged and the worker goes on).
  bool Submit(Job job);
  /// Runs what is queued, then joins the workers. Idempotent.
  void Stop();

  std::size_t threads() const { return workers_.size(); }

 private:
  WorkerPool(std::vector<Connection> connections, std::size_t queue_limit);
  void Run(Connection& connection);

  std::vector<Connection> connections_;
  const std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace minegate::db
