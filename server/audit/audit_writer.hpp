#pragma once
/// The audit log's own writer, for audited reads: the request thread queues an entry and sends
/// the data only once `done` reports the entry durable. One thread owns a read-write connection
/// (opened like the server's others: OpenStore), takes every entry waiting, appends them in one
/// BEGIN IMMEDIATE transaction and commits once (synchronous=FULL: one fsync for the group),
/// then calls each `done` with its seq — or every `done` of the group with the error, when the
/// group could not commit (nothing of it is stored: fail closed).
///
/// Threading: Append and Stop may be called from any thread. `done` runs on the writer thread
/// (or, for a refusal, on the caller's, before Append returns): it must only post work elsewhere.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_appender.hpp"
#include "server/audit/audit_entry.hpp"
#include "server/audit/audit_log.hpp"
#include "server/audit/error.hpp"

namespace minegate::server::audit {

struct AuditWriterOptions {
  /// Entries waiting at most; beyond, Append refuses at once (Errc::queue_full) rather than let
  /// memory grow under a flood of reads. The audited read is then refused too.
  std::size_t max_queue = 10'000;
  /// Entries per transaction at most (bounds one commit's latency); 0 counts as 1.
  std::size_t max_group = 256;
  /// Dates entries whose at_ms is 0.
  base::Clock clock = base::NowMs;
};

/// What the writer did, for metrics and tests.
struct AuditWriterStats {
  std::int64_t entries = 0;  ///< Entries committed.
  std::int64_t commits = 0;  ///< Transactions committed.
  std::int64_t failed = 0;   ///< Entries refused or lost with their group.
};

class AuditWriter {
 public:
  using Done = std::function<void(Result<std::int64_t> seq)>;

  /// Opens `database` read-write (schema applied) and starts the thread.
  static Result<std::unique_ptr<AuditWriter>> Open(const std::filesystem::path& database,
                                                   AuditWriterOptions options = {});
  ~AuditWriter();  ///< Stop().
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  /// Queues `entry`; `done` gets its seq after the commit. Refused at once with Errc::stopped
  /// after Stop, Errc::queue_full when full, Errc::bad_entry for an entry NormaliseEntry
  /// refuses (checked here, so one bad entry never sinks a group).
  void Append(AuditEntry entry, Done done);

  /// Commits everything queued (each `done` called), then ends the thread. Idempotent.
  void Stop();

  AuditWriterStats stats() const;

 private:
  struct Pending {
    AuditEntry entry;
    Done done;
  };
  AuditWriter(db::Connection connection, AuditWriterOptions options);
  void Run();
  std::deque<Pending> TakeGroup();
  /// Appends the group in `transaction` and commits it: the seqs in the group's order.
  Result<std::vector<std::int64_t>> WriteGroup(db::Transaction& transaction,
                                               std::deque<Pending>& group);

  db::Connection connection_;  ///< Used only by the writer thread once it runs.
  const AuditWriterOptions options_;
  /// Its statements compiled once, on connection_, for the writer's whole life.
  std::optional<AuditAppender> appender_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stop_ = false;
  AuditWriterStats stats_;
  std::thread thread_;
};

}  // namespace minegate::server::audit
