#include "db/worker_pool.hpp"

#include <utility>

#include "base/log.hpp"

namespace minegate::db {

Result<std::unique_ptr<WorkerPool>> WorkerPool::Start(std::size_t threads, std::size_t queue_limit,
                                                      const OpenConnection& open) {
  if (threads == 0 || queue_limit == 0 || !open) return make_error_code(Errc::misuse);
  std::vector<Connection> connections;
  connections.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    auto connection = open();
    if (!connection) return connection.error();
    connections.push_back(std::move(connection).value());
  }
  return std::unique_ptr<WorkerPool>(new WorkerPool(std::move(connections), queue_limit));
}

WorkerPool::WorkerPool(std::vector<Connection> connections, std::size_t queue_limit)
    : connections_(std::move(connections)), queue_limit_(queue_limit) {
  workers_.reserve(connections_.size());
  // connections_ is never resized again: each worker keeps a stable reference to its own.
  for (Connection& connection : connections_) {
    workers_.emplace_back([this, &connection] { Run(connection); });
  }
}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::Submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stop_ || queue_.size() >= queue_limit_) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

void WorkerPool::Run(Connection& connection) {
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      job(connection);
    } catch (...) {
      // A bug in the job; its text is not logged (it may carry anything the job held).
      base::LogError("worker_job_threw", {});
    }
  }
}

}  // namespace minegate::db
