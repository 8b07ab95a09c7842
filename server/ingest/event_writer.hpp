#pragma once
/// The one thread that writes the event log. Batches from every kiosk session
/// queue here; the thread takes all that are waiting, checks each against the
/// registry (IncomingBatch::check) and stores it inside its own savepoint of
/// one transaction (a refused batch leaves no trace, the
/// others go on), commits once — synchronous=FULL, so the commit is durable —
/// and only then reports each outcome. Group commit pays one fsync for many
/// kiosks. Submit() is thread-safe; callbacks run on the writer thread and must
/// only post work elsewhere.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "db/connection.hpp"
#include "server/ingest/event_observer.hpp"
#include "server/ingest/event_store.hpp"

namespace minegate::server {

/// Figures the writer reports after each commit (for metrics).
struct CommitStats {
  std::size_t batches = 0;
  std::size_t events_stored = 0;
  std::chrono::nanoseconds commit_time{0};
};

class EventWriter {
 public:
  using Done = std::function<void(IngestResult<BatchOutcome>)>;
  using OnCommit = std::function<void(const CommitStats&)>;

  /// Opens the database (schema applied) for writing; start-up errors are returned. Each of
  /// `observers` makes, on the writer's connection, an observer that sees every stored event
  /// inside the batch's savepoint (event_observer.hpp).
  static db::Result<std::unique_ptr<EventWriter>> Open(
      const std::filesystem::path& database, OnCommit on_commit = {},
      std::vector<EventObserverFactory> observers = {});
  /// The writer's connection settings (in event_writer.cpp, with the measurements behind them);
  /// bench_ingest's SQLite ceiling opens its database with them too.
  static db::OpenOptions ConnectionOptions();
  ~EventWriter();
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  void Submit(IncomingBatch batch, Done done);
  /// Replaces the commit observer; call before the first Submit.
  void SetOnCommit(OnCommit on_commit) { on_commit_ = std::move(on_commit); }
  /// Runs `job` on the writer thread with the read-write connection, between two
  /// groups (never inside one): for the rare writes that are not events, such as
  /// a kiosk completing its enrolment. The job manages its own transaction.
  void SubmitJob(std::function<void(db::Connection&)> job);
  /// Finishes what is queued, then stops the thread.
  void Stop();

  /// Batches taken into one transaction at most (bounds the commit's latency).
  static constexpr std::size_t kMaxGroup = 64;

 private:
  struct Pending {
    IncomingBatch batch;
    Done done;
    std::function<void(db::Connection&)> job;  ///< set for a job instead of a batch
  };
  EventWriter(db::Connection connection, std::unique_ptr<EventStore> store, OnCommit on_commit);
  void Run();
  void CommitGroup(std::deque<Pending>& group);
  /// Refuses every batch of `group` (nothing of it is durable) and logs the first failure of a
  /// run of them: a full disk refuses every commit, and one line says so, not one a batch.
  void FailGroup(std::deque<Pending>& group, const boost::system::error_code& cause);
  /// Logs the end of a run of failed commits.
  void NoteCommitted();

  db::Connection connection_;
  std::unique_ptr<EventStore> store_;
  OnCommit on_commit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stop_ = false;
  /// Writer thread only: commits have failed since the last success, and how many batches.
  bool failing_ = false;
  std::uint64_t refused_while_failing_ = 0;
  std::thread thread_;
};

}  // namespace minegate::server
