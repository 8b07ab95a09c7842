#pragma once
/// The security events administrators review (schema 0010): today suspected clones, which
/// CloneWatch records as taps are stored. An event holds a tag UID, two sites, gates and times,
/// the distance and the speed it was judged with — never a person token or anything about the
/// wearer, so administrators, who read no person record, can act on it. Its decision is taken
/// once: revoke the bracelet or dismiss the event.
/// Threading: uses its connection, on that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/security/error.hpp"

namespace minegate::server::security {

enum class EventStatus { kOpen, kRevoked, kDismissed };

/// "open", "revoked", "dismissed": stored, and the API's words.
std::string_view EventStatusName(EventStatus status);
std::optional<EventStatus> ParseEventStatus(std::string_view name);

/// One of the two taps.
struct EventTap {
  std::int64_t site_id = 0;
  std::string site_name;
  std::int64_t gate_id = 0;
  std::string gate_name;   ///< empty when the gate is not (or no longer) in the registry
  std::int64_t at_ms = 0;  ///< the kiosk's time of the tap
  std::int64_t log_position = 0;
};

struct SecurityEvent {
  std::int64_t event_id = 0;
  std::string kind;  ///< "suspected_clone"
  std::vector<std::uint8_t> tag_uid;
  EventTap first;   ///< the earlier tap
  EventTap second;  ///< the later one (or the same time)
  double distance_km = 0;
  std::int64_t elapsed_ms = 0;     ///< second.at_ms - first.at_ms, >= 0
  std::int32_t max_speed_kmh = 0;  ///< the speed in force when it was detected
  std::int64_t detected_at_ms = 0;
  EventStatus status = EventStatus::kOpen;
  std::string resolved_by;  ///< the administrator who revoked or dismissed it
  std::int64_t resolved_at_ms = 0;
};

/// What revoking an event did.
struct EventRevocation {
  SecurityEvent event;
  /// The revoked-bracelet list version kiosks receive it at; nullopt when the bracelet was
  /// already revoked (by a kiosk's seizure, or by hand).
  std::optional<std::int64_t> revoked_bracelets_version;
};

inline constexpr std::string_view kSuspectedClone = "suspected_clone";

class SecurityEvents {
 public:
  explicit SecurityEvents(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Newest first: at most `limit` events with an id below `before_id` (0: from the newest),
  /// of `status` only when given.
  Result<std::vector<SecurityEvent>> List(std::optional<EventStatus> status, std::int64_t before_id,
                                          std::size_t limit);
  /// Errc::unknown_event.
  Result<SecurityEvent> Find(std::int64_t event_id);
  /// Events waiting for a decision.
  Result<std::int64_t> CountOpen();

  /// Revokes the event's bracelet through server/admin's RevokeBracelet — the path of
  /// `minegatectl bracelet revoke` — with reason suspected_clone, so it reaches every kiosk in
  /// the revoked-bracelet list, and marks the event revoked by `actor`, in one transaction
  /// (nested in the caller's). Errc::unknown_event, event_not_open; admin::Errc::unknown_bracelet
  /// when the bracelet's issue has not reached the server yet (nothing changes: revoke it once
  /// its issuing kiosk has synced, or seize it at a gate).
  Result<EventRevocation> Revoke(std::int64_t event_id, std::string_view actor);
  /// Marks the event dismissed by `actor` (an explained pair of taps: a kiosk's clock, a site's
  /// position wrongly entered). Errc::unknown_event, event_not_open.
  Result<SecurityEvent> Dismiss(std::int64_t event_id, std::string_view actor);

 private:
  Result<void> Resolve(std::int64_t event_id, EventStatus status, std::string_view actor);

  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::security
