#pragma once
/// A border police officer's read at a kiosk (docs/protocol.md §7.2): the person whose bracelet
/// was tapped, her or his registration and recent movements across every site, and the
/// bracelets and miners' cards on record. The same rules as the police API's timeline: the
/// officer must be an active border_police user assigned to the kiosk's site, the device
/// enrolled there and not revoked, a reason stated; every request, answered or refused, is in
/// the audit log in the same transaction as the read (actor the officer through the device,
/// the reason, the case reference, the person token, the result count).
///
/// Police data only: the history is read by server/police's PersonTimeline, the police API's
/// one reader of a person's history (it reads no table of server/protection and its
/// PoliceTimeline has no field for protection data), and mapped to PoliceHistory, which has no
/// such field either: the registration's identity, the newest passages, bracelets and card
/// numbers.
///
/// Threading: uses its connection, so it belongs to that connection's thread (the server's
/// writer thread: it writes the audit entry).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"

namespace minegate::server {

/// The action the audit entries name.
inline constexpr std::string_view kPoliceHistoryAction = "WS /v1/kiosk/stream police_history";
/// Passages an answer lists, newest first.
inline constexpr int kPoliceHistoryPassages = 20;
/// The longest case reference accepted (as the police API's header).
inline constexpr std::size_t kMaxKioskCaseReferenceChars = 64;

/// The French / English label of a reason as the audit entry stores it; empty for none.
std::string_view PoliceReasonLabel(v1::PoliceReason reason);

/// Answers `request` from the kiosk `device_id` and audits it. A storage failure answers
/// POLICE_HISTORY_OUTCOME_SERVER_BUSY with nothing written (the audit entry and the read roll
/// back together: nothing is shown that is not on record).
v1::PoliceHistoryAnswer AnswerPoliceHistory(db::Connection& connection, std::string_view device_id,
                                            const v1::PoliceHistoryRequest& request,
                                            std::int64_t now_ms);

}  // namespace minegate::server
