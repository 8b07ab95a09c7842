#pragma once
/// Re-evaluates every registered person under the active rule set, after an upload activated
/// a new version (RuleSetStore::Activate schedules it) or once on a database that had persons
/// before the risk engine. Persons are taken in token order, a chunk per transaction, each
/// chunk read with one ordered range scan per table (persons, companions, passages, notice
/// matches, phonetic keys) rather than point queries per person; where it stopped is stored,
/// so a restart resumes it. It also writes the phonetic keys and companion description keys of
/// persons stored before the monitor ran.
/// Threading: uses its connection, so it belongs to that connection's thread. On the server it
/// runs on the writer thread, a chunk per job (ReevaluateOnWriter), so ingest goes on between
/// chunks.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/protection/protection_error.hpp"

namespace minegate::server {
class EventWriter;
}

namespace minegate::server::protection {

namespace internal {
class PersonAssessor;
class ChunkReader;
}  // namespace internal

struct ReevaluationProgress {
  /// The version being applied; empty when nothing is pending.
  std::string rule_set_version;
  std::int64_t persons_done = 0;
  /// Persons registered when the run was counted (the first step of this process).
  std::int64_t persons_total = 0;
  bool finished = true;
};

class RiskReevaluator {
 public:
  /// Persons per transaction: large enough that each table is read in a few long range scans,
  /// small enough that the writer's lock is held a fraction of a second.
  static constexpr std::size_t kDefaultChunk = 4096;

  static Result<std::unique_ptr<RiskReevaluator>> Create(db::Connection& connection,
                                                         base::Clock clock = base::NowMs,
                                                         std::size_t chunk = kDefaultChunk);
  ~RiskReevaluator();

  /// What is pending, without doing any of it.
  Result<ReevaluationProgress> Pending();
  /// One chunk in its own transaction (a savepoint inside the caller's, if any).
  Result<ReevaluationProgress> Step();
  /// Steps until nothing is pending, reporting after each chunk.
  Result<ReevaluationProgress> Run(
      const std::function<void(const ReevaluationProgress&)>& progress = {});

 private:
  RiskReevaluator(db::Connection& connection, base::Clock clock, std::size_t chunk);

  db::Connection& connection_;
  base::Clock clock_;
  std::size_t chunk_;
  std::unique_ptr<internal::PersonAssessor> assessor_;
  std::unique_ptr<internal::ChunkReader> reader_;
  std::int64_t total_ = -1;
};

/// Runs the pending re-evaluation on the writer's thread, one chunk per SubmitJob, each job
/// queueing the next, until it is finished (or the writer stops). `on_progress` is called on
/// the writer thread after each chunk (it must only post work elsewhere).
void ReevaluateOnWriter(EventWriter& writer, base::Clock clock,
                        std::function<void(const Result<ReevaluationProgress>&)> on_progress);

}  // namespace minegate::server::protection
