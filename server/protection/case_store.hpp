#pragma once
/// Protection cases: one per person (keyed by her token, so wherever she is seen next, she
/// reaches the same case), their status, priority, assignment and history. The risk monitor
/// raises and updates flags here; protection officers open, assign, dismiss, close and reopen.
/// Every change writes a case_history row in the same transaction.
///
/// What the monitor does to a case (RecordFlag), so that a human decision is not undone by a
/// machine for nothing:
///  - no case: one is created, status new;
///  - a case an officer still works on (new, open, referred): its priority follows the
///    assessment (history 'priority_changed' when it moves);
///  - a dismissed or closed case is reopened (status new, history 'reflagged') only when the
///    new priority is higher than the case's: something more serious was seen since the
///    decision. The same or a lower priority leaves the decision standing.
/// A person no longer flagged (after a rule change) keeps her case: humans close cases.
///
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/risk.pb.h"
#include "server/protection/protection_error.hpp"
#include "server/protection/protection_types.hpp"

namespace minegate::server::protection {

inline constexpr std::size_t kMaxReasonChars = 1000;

struct CaseSummary {
  std::int64_t case_id = 0;
  std::string person_token;  ///< 16 raw bytes
  CaseStatus status = CaseStatus::kNew;
  v1::Priority priority = v1::PRIORITY_NONE;
  std::int64_t first_flagged_at_ms = 0;
  /// When the monitor last raised or changed the flag.
  std::int64_t last_flagged_at_ms = 0;
  std::optional<std::string> assigned_to;
  std::int64_t updated_at_ms = 0;
  /// The due date of her oldest overdue referral (not acknowledged, not closed, due before
  /// now); nullopt when none is overdue.
  std::optional<std::int64_t> overdue_since_ms;
};

struct CaseHistoryEntry {
  std::int64_t entry_id = 0;
  std::int64_t at_ms = 0;
  /// The officer; nullopt for the system (the risk monitor).
  std::optional<std::string> actor;
  /// 'flagged', 'reflagged', 'priority_changed', 'notice_matched', 'opened', 'assigned',
  /// 'dismissed', 'reopened', 'referred', 'referral_acknowledged', 'referral_outcome',
  /// 'closed'.
  std::string action;
  std::string detail;
};

/// What RecordFlag did.
enum class FlagChange { kCreated, kReflagged, kPriorityChanged, kUnchanged };

class CaseStore {
 public:
  /// Prepares the statements RecordFlag runs for every flag.
  static Result<std::unique_ptr<CaseStore>> Create(db::Connection& connection,
                                                   base::Clock clock = base::NowMs);

  /// The officers' queue: active cases (new, open, referred), those with an overdue referral
  /// first (the longest overdue first), then by priority (urgent first), then by the age of the
  /// flag (oldest first).
  Result<std::vector<CaseSummary>> Queue(std::size_t limit, std::size_t offset = 0);
  Result<std::optional<CaseSummary>> Get(std::int64_t case_id);
  Result<std::optional<CaseSummary>> ForPerson(std::string_view person_token);
  /// Oldest first.
  Result<std::vector<CaseHistoryEntry>> History(std::int64_t case_id);

  /// new → open. Errc::unknown_case, case_status_forbids.
  Result<void> Open(std::int64_t case_id, std::string_view actor);
  /// Assigns an active case to a protection officer (an active user of that role).
  /// Errc::bad_assignee, unknown_case, case_status_forbids.
  Result<void> Assign(std::int64_t case_id, std::string_view actor, std::string_view assignee);
  /// new, open or referred → dismissed, with the officer's reason. Errc::bad_reason.
  Result<void> Dismiss(std::int64_t case_id, std::string_view actor, std::string_view reason);
  /// open or referred → closed, with a reason (what was done).
  Result<void> Close(std::int64_t case_id, std::string_view actor, std::string_view reason);
  /// dismissed or closed → open, with a reason.
  Result<void> Reopen(std::int64_t case_id, std::string_view actor, std::string_view reason);

  /// The monitor's flag for a person (see the rule above); `detail` names the rule-set version
  /// and the indicators. Runs inside the caller's transaction.
  Result<FlagChange> RecordFlag(std::string_view person_token, v1::Priority priority,
                                std::string_view detail);

  /// Writes a history row (the referral and notice stores' actions), inside the caller's
  /// transaction; `actor` nullopt for the system.
  Result<void> AppendHistory(std::int64_t case_id, std::optional<std::string_view> actor,
                             std::string_view action, std::string_view detail);

 private:
  CaseStore(db::Connection& connection, base::Clock clock)
      : connection_(connection), clock_(std::move(clock)) {}
  Result<void> Prepare();
  /// Moves a case from one of `from` to `to`, with its history row, in one transaction.
  Result<void> Transition(std::int64_t case_id, std::string_view actor,
                          std::initializer_list<CaseStatus> from, CaseStatus to,
                          std::string_view action, std::string_view detail);

  db::Connection& connection_;
  base::Clock clock_;
  std::optional<db::Statement> find_by_person_;
  std::optional<db::Statement> insert_case_;
  std::optional<db::Statement> update_flag_;
  std::optional<db::Statement> insert_history_;
};

}  // namespace minegate::server::protection
