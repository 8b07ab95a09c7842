#include "server/ingest/event_writer.hpp"

#include "base/log.hpp"
#include "db/error.hpp"
#include "db/transaction.hpp"
#include "server/store/open_store.hpp"

namespace minegate::server {

db::OpenOptions EventWriter::ConnectionOptions() {
  // The writer's own settings (measured with tests/bench/risk_reevaluate_bench.cpp, see
  // docs/PERFORMANCE.md): each batch runs in a savepoint, and SQLite copies every page a
  // savepoint changes first into a statement journal, a temporary file by default: one pwrite
  // of 4 KiB per page and batch, most of the writer's time in the kernel. In memory instead
  // (it holds one batch's pages; the WAL, not it, makes a commit durable). A group of batches
  // dirties thousands of pages across the projections' indexes (random person tokens): the
  // 2 MB default cache could not hold them, and pages went out and were read back within a
  // group. 1,000,000 events through bench_risk_reevaluate: 7,300 -> 12,200-12,900 events/s,
  // 61 -> 13 kB written an event (300,000 events: 17,500 -> 33,000-36,000, 30 -> 4 kB).
  db::OpenOptions options;
  options.temp_store_memory = true;
  options.cache_kib = 64 * 1024;  // 64 MiB
  return options;
}

db::Result<std::unique_ptr<EventWriter>> EventWriter::Open(
    const std::filesystem::path& database, OnCommit on_commit,
    std::vector<EventObserverFactory> observers) {
  auto connection = OpenStore(database, ConnectionOptions());
  if (!connection) return connection.error();
  auto writer = std::unique_ptr<EventWriter>(
      new EventWriter(std::move(connection).value(), nullptr, std::move(on_commit)));
  // The store's statements point into the connection: create it once the
  // connection has its final address inside the writer.
  auto store = EventStore::Create(writer->connection_, observers);
  if (!store) return store.error();
  writer->store_ = std::move(store).value();
  writer->thread_ = std::thread([w = writer.get()] { w->Run(); });
  return writer;
}

EventWriter::EventWriter(db::Connection connection, std::unique_ptr<EventStore> store,
                         OnCommit on_commit)
    : connection_(std::move(connection)),
      store_(std::move(store)),
      on_commit_(std::move(on_commit)) {}

EventWriter::~EventWriter() { Stop(); }

void EventWriter::Submit(IncomingBatch batch, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (stop_) {
      done(make_error_code(IngestErrc::storage_failed));
      return;
    }
    queue_.push_back({std::move(batch), std::move(done), {}});
  }
  wake_.notify_one();
}

void EventWriter::SubmitJob(std::function<void(db::Connection&)> job) {
  {
    std::lock_guard lock(mutex_);
    if (stop_) return;
    Pending pending;
    pending.job = std::move(job);
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
}

void EventWriter::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void EventWriter::Run() {
  while (true) {
    std::deque<Pending> group;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to write
      // A job ends the group before it and runs alone.
      if (queue_.front().job) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      } else {
        while (!queue_.empty() && !queue_.front().job && group.size() < kMaxGroup) {
          group.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    if (group.front().job) {
      group.front().job(connection_);
      continue;
    }
    CommitGroup(group);
  }
}

void EventWriter::CommitGroup(std::deque<Pending>& group) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<IngestResult<BatchOutcome>> outcomes;
  outcomes.reserve(group.size());
  CommitStats stats;

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return FailGroup(group, transaction.error());
  for (auto& pending : group) {
    // A savepoint per batch: a refused batch is undone alone, the group goes on.
    if (!connection_.Execute("SAVEPOINT batch")) {
      outcomes.emplace_back(make_error_code(IngestErrc::storage_failed));
      continue;
    }
    IngestResult<BatchOutcome> outcome = make_error_code(IngestErrc::storage_failed);
    if (auto checked = pending.batch.check ? pending.batch.check(connection_, pending.batch.events)
                                           : IngestResult<void>(boost::outcome_v2::success());
        !checked) {
      outcome = checked.error();
    } else {
      outcome = store_->Append(pending.batch);
    }
    if (outcome) {
      (void)connection_.Execute("RELEASE batch");
      stats.events_stored += outcome.value().stored;
      ++stats.batches;
    } else {
      (void)connection_.Execute("ROLLBACK TO batch; RELEASE batch");
      store_->Abandon();
    }
    outcomes.push_back(std::move(outcome));
    if (!connection_.InTransaction()) {
      // SQLite rolled the whole transaction back (disk full, I/O error): nothing
      // of the group is stored, so no batch of it may be acknowledged.
      store_->Abandon();
      return FailGroup(group, make_error_code(IngestErrc::storage_failed));
    }
  }
  if (auto committed = transaction.value().Commit(); !committed) {
    // Nothing of the group is durable: no batch may be acknowledged.
    store_->Abandon();
    return FailGroup(group, committed.error());
  }
  NoteCommitted();
  stats.commit_time = std::chrono::steady_clock::now() - started;
  if (on_commit_) on_commit_(stats);
  for (std::size_t i = 0; i < group.size(); ++i) group[i].done(std::move(outcomes[i]));
}

void EventWriter::FailGroup(std::deque<Pending>& group, const boost::system::error_code& cause) {
  if (!failing_) {
    // The cause is SQLite's (disk full, I/O error, a file-size limit): what the operator needs.
    base::LogError("storage_write_failed",
                   {{"error", cause}, {"batches", static_cast<std::uint64_t>(group.size())}});
    failing_ = true;
  }
  refused_while_failing_ += group.size();
  // The kiosks' agents and the operator are told which it is: a full disk needs a person.
  const auto refusal = make_error_code(cause == db::Errc::disk_full ? IngestErrc::storage_full
                                                                    : IngestErrc::storage_failed);
  for (auto& pending : group) pending.done(refusal);
}

void EventWriter::NoteCommitted() {
  if (!failing_) return;
  base::LogInfo("storage_write_recovered", {{"batches_refused", refused_while_failing_}});
  failing_ = false;
  refused_while_failing_ = 0;
}

}  // namespace minegate::server
