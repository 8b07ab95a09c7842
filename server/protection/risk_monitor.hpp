#pragma once
/// The incremental risk monitor: an ingest EventObserver, so a flag and its case are written in
/// the transaction that stores the events raising them, and exist as soon as the kiosk's batch
/// is acknowledged.
///
/// OnStored collects the persons an event touches:
///  - PersonRegistered: her; and the persons each of her companions (recorded before her
///    registration arrived) brought within the recruiter pattern's window;
///  - CompanionRecorded: her, and every person that same companion (by bracelet token, or by
///    folded description) brought within that window: the recruiter pattern changes for all;
///  - GatePassed, verified, with a person token: her, when the passage can change her stays
///    (not when it only extends her last stay at a site or falls inside a stay: the daily
///    passages of someone who works at one site) and a moved-between-sites rule can look at her
///    (her sex and purpose). Passages feed that rule only, so for the others the assessment
///    cannot change.
/// OnBatchStored then, once per batch: new registrations are indexed by phonetic key and matched
/// against the open search notices; each touched person's facts are read from the projections
/// (sets, not the order of events), evaluated under the active rule set (cached by version,
/// re-read when an upload activates another), the assessment stored and, when flagged, her case
/// created or updated (CaseStore's rule).
/// Threading: called on the writer thread only, with the writer's connection.

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/ingest/event_observer.hpp"
#include "server/protection/internal/passage_filter.hpp"
#include "server/protection/protection_error.hpp"

namespace minegate::server::protection {

namespace internal {
class PersonAssessor;
}  // namespace internal

class RiskMonitor final : public EventObserver {
 public:
  /// For EventWriter::Open. Installs the built-in rule set when none is active (a new
  /// database); the re-evaluation that schedules runs apart (RiskReevaluator).
  static EventObserverFactory Factory(base::Clock clock = base::NowMs);
  static Result<std::unique_ptr<RiskMonitor>> Create(db::Connection& connection,
                                                     base::Clock clock = base::NowMs);
  ~RiskMonitor() override;

  db::Result<void> OnStored(std::int64_t log_position, const v1::Event& event) override;
  db::Result<void> OnBatchStored() override;
  void OnBatchAbandoned() override;

 private:
  struct CompanionSeen {
    std::string person_token;
    std::string companion_token;  ///< empty when described
    std::string companion_key;
    std::int64_t recorded_at_ms = 0;
  };

  RiskMonitor(db::Connection& connection, std::unique_ptr<internal::PersonAssessor> assessor);
  void Forget();

  db::Connection& connection_;
  std::unique_ptr<internal::PersonAssessor> assessor_;
  /// Collected by OnStored for the batch being stored.
  std::set<std::string> registered_;
  struct PassageSeen {
    std::string person_token;
    std::uint32_t site_id = 0;
    std::int64_t at_ms = 0;
    std::int64_t log_position = 0;
  };

  std::vector<CompanionSeen> companions_;
  std::vector<PassageSeen> passed_;
  /// Remembers across batches, forgotten when one is abandoned.
  internal::PassageFilter passages_;
};

}  // namespace minegate::server::protection
