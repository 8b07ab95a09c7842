#pragma once
/// Referrals of a case to a care service: the service is expected to acknowledge by a due date
/// (past it, unacknowledged, the referral is overdue and its case rises to the top of the
/// queue); then its outcome is recorded. Referring moves the case to 'referred'; each step
/// writes the case's history in the same transaction.
///
/// Outcomes: 'accepted' (the service took her in charge: acknowledged, still running);
/// 'services_given', 'declined' (she said no) and 'closed' (ended otherwise: never answered,
/// she left) end the referral. An outcome implies the acknowledgement, except 'closed', which
/// can end a referral the service never acknowledged.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/protection/protection_error.hpp"
#include "server/protection/protection_types.hpp"

namespace minegate::server::protection {

inline constexpr std::size_t kMaxOutcomeNoteChars = 1000;
/// A due date further ahead than this is a typing mistake.
inline constexpr std::int64_t kMaxReferralDueMs = 366LL * 24 * 3600 * 1000;

struct Referral {
  std::int64_t referral_id = 0;
  std::int64_t case_id = 0;
  std::int64_t service_id = 0;
  std::string service_name;
  std::int64_t due_at_ms = 0;
  std::int64_t referred_at_ms = 0;
  std::string referred_by;
  std::optional<std::int64_t> acknowledged_at_ms;
  std::optional<ReferralOutcome> outcome;
  std::string outcome_note;
  std::optional<std::int64_t> closed_at_ms;
  /// Not acknowledged, not closed, and due before now.
  bool overdue = false;
};

class ReferralStore {
 public:
  explicit ReferralStore(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Refers an active case (new, open or referred) to an active service, to be acknowledged by
  /// `due_at_ms`; the case becomes 'referred'. Returns the referral's id. A girl under 18 today
  /// (the youngest age her declared birth allows, as the indicators count it) or whose age is
  /// not known goes only to a service that takes in minors.
  /// Errc::unknown_case, case_status_forbids, unknown_service, service_inactive,
  /// service_refuses_minors, bad_due_date.
  Result<std::int64_t> Refer(std::int64_t case_id, std::int64_t service_id, std::int64_t due_at_ms,
                             std::string_view actor);
  /// The service confirmed it received the referral. Errc::unknown_referral,
  /// referral_already_acknowledged, referral_closed.
  Result<void> Acknowledge(std::int64_t referral_id, std::string_view actor);
  /// Records the outcome (see above). Errc::unknown_referral, referral_closed, bad_reason (note
  /// too long).
  Result<void> RecordOutcome(std::int64_t referral_id, ReferralOutcome outcome,
                             std::string_view note, std::string_view actor);

  Result<std::optional<Referral>> Get(std::int64_t referral_id);
  /// A case's referrals, oldest first.
  Result<std::vector<Referral>> ForCase(std::int64_t case_id);
  /// Every overdue referral, the longest overdue first.
  Result<std::vector<Referral>> Overdue(std::size_t limit);

 private:
  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::protection
