#include "server/audit/audit_writer.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "db/transaction.hpp"
#include "server/store/open_store.hpp"

namespace minegate::server::audit {

Result<std::unique_ptr<AuditWriter>> AuditWriter::Open(const std::filesystem::path& database,
                                                       AuditWriterOptions options) {
  options.max_group = std::max<std::size_t>(options.max_group, 1);
  if (!options.clock) options.clock = base::NowMs;
  auto connection = OpenStore(database);
  if (!connection) return connection.error();
  auto writer = std::unique_ptr<AuditWriter>(
      new AuditWriter(std::move(connection).value(), std::move(options)));
  auto appender = AuditAppender::Prepare(writer->connection_, writer->options_.clock);
  if (!appender) return appender.error();
  writer->appender_.emplace(std::move(appender).value());
  writer->thread_ = std::thread([w = writer.get()] { w->Run(); });
  return writer;
}

AuditWriter::AuditWriter(db::Connection connection, AuditWriterOptions options)
    : connection_(std::move(connection)), options_(std::move(options)) {}

AuditWriter::~AuditWriter() { Stop(); }

void AuditWriter::Append(AuditEntry entry, Done done) {
  Result<void> accepted = NormaliseEntry(entry);
  {
    std::lock_guard lock(mutex_);
    if (accepted && stop_) accepted = Errc::stopped;
    if (accepted && queue_.size() >= options_.max_queue) accepted = Errc::queue_full;
    if (accepted) {
      queue_.push_back({std::move(entry), std::move(done)});
    } else {
      ++stats_.failed;
    }
  }
  if (!accepted) {
    done(accepted.error());
    return;
  }
  wake_.notify_one();
}

void AuditWriter::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

AuditWriterStats AuditWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void AuditWriter::Run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // Stopping, and everything queued is written.
    }
    // The write lock first, then the group: entries that arrive while BEGIN waits for another
    // writer (the ingest writer, minegatectl) join this commit instead of waiting for the next.
    auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
    std::deque<Pending> group = TakeGroup();
    Result<std::vector<std::int64_t>> seqs =
        transaction ? WriteGroup(transaction.value(), group)
                    : Result<std::vector<std::int64_t>>(transaction.error());
    {
      std::lock_guard lock(mutex_);
      if (seqs) {
        stats_.entries += static_cast<std::int64_t>(group.size());
        ++stats_.commits;
      } else {
        stats_.failed += static_cast<std::int64_t>(group.size());
      }
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
      // A group that did not commit left nothing: no read it audits may go out.
      group[i].done(seqs ? Result<std::int64_t>(seqs.value()[i]) : seqs.error());
    }
  }
}

std::deque<AuditWriter::Pending> AuditWriter::TakeGroup() {
  std::deque<Pending> group;
  std::lock_guard lock(mutex_);
  while (!queue_.empty() && group.size() < options_.max_group) {
    group.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return group;
}

Result<std::vector<std::int64_t>> AuditWriter::WriteGroup(db::Transaction& transaction,
                                                          std::deque<Pending>& group) {
  std::vector<std::int64_t> seqs;
  seqs.reserve(group.size());
  for (Pending& pending : group) {
    auto appended = appender_->Append(std::move(pending.entry));
    if (!appended) return appended.error();  // The transaction's destructor rolls back.
    seqs.push_back(appended.value().seq);
  }
  if (auto committed = transaction.Commit(); !committed) return committed.error();
  return seqs;
}

}  // namespace minegate::server::audit
