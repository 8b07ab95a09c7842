#include "server/security/security_events.hpp"

#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/admin/bracelet_revocations.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::security {
namespace {

// The two taps' sites and gates by name: an administrator reads "Bantako → Sabodala", not ids.
constexpr const char* kSelect =
    "SELECT e.event_id, e.kind, e.tag_uid, "
    "e.first_site_id, coalesce(s1.name, ''), e.first_gate_id, coalesce(g1.name, ''), "
    "e.first_at_ms, e.first_log_position, "
    "e.second_site_id, coalesce(s2.name, ''), e.second_gate_id, coalesce(g2.name, ''), "
    "e.second_at_ms, e.second_log_position, "
    "e.distance_km, e.elapsed_ms, e.max_speed_kmh, e.detected_at_ms, e.status, "
    "coalesce(e.resolved_by, ''), coalesce(e.resolved_at_ms, 0) "
    "FROM security_events e "
    "LEFT JOIN sites s1 ON s1.site_id = e.first_site_id "
    "LEFT JOIN gates g1 ON g1.gate_id = e.first_gate_id "
    "LEFT JOIN sites s2 ON s2.site_id = e.second_site_id "
    "LEFT JOIN gates g2 ON g2.gate_id = e.second_gate_id ";

EventTap ReadTap(const db::Statement& row, int at) {
  return {row.ColumnInt64(at),    row.ColumnText(at + 1),  row.ColumnInt64(at + 2),
          row.ColumnText(at + 3), row.ColumnInt64(at + 4), row.ColumnInt64(at + 5)};
}

SecurityEvent ReadEvent(const db::Statement& row) {
  SecurityEvent event;
  event.event_id = row.ColumnInt64(0);
  event.kind = row.ColumnText(1);
  event.tag_uid = row.ColumnBlob(2);
  event.first = ReadTap(row, 3);
  event.second = ReadTap(row, 9);
  event.distance_km = row.ColumnDouble(15);
  event.elapsed_ms = row.ColumnInt64(16);
  event.max_speed_kmh = static_cast<std::int32_t>(row.ColumnInt64(17));
  event.detected_at_ms = row.ColumnInt64(18);
  event.status = ParseEventStatus(row.ColumnText(19)).value_or(EventStatus::kOpen);
  event.resolved_by = row.ColumnText(20);
  event.resolved_at_ms = row.ColumnInt64(21);
  return event;
}

}  // namespace

std::string_view EventStatusName(EventStatus status) {
  switch (status) {
    case EventStatus::kOpen:
      return "open";
    case EventStatus::kRevoked:
      return "revoked";
    case EventStatus::kDismissed:
      return "dismissed";
  }
  return "open";
}

std::optional<EventStatus> ParseEventStatus(std::string_view name) {
  for (const EventStatus status :
       {EventStatus::kOpen, EventStatus::kRevoked, EventStatus::kDismissed}) {
    if (EventStatusName(status) == name) return status;
  }
  return std::nullopt;
}

Result<std::vector<SecurityEvent>> SecurityEvents::List(std::optional<EventStatus> status,
                                                        std::int64_t before_id, std::size_t limit) {
  std::optional<std::string> status_name;
  if (status) status_name = std::string(EventStatusName(*status));
  return db::QueryAll(connection_,
                      std::string(kSelect) +
                          "WHERE (?1 IS NULL OR e.status = ?1) AND (?2 = 0 OR e.event_id < ?2) "
                          "ORDER BY e.event_id DESC LIMIT ?3",
                      ReadEvent, status_name, before_id, static_cast<std::int64_t>(limit));
}

Result<SecurityEvent> SecurityEvents::Find(std::int64_t event_id) {
  auto event = db::QueryFirst(connection_, std::string(kSelect) + "WHERE e.event_id = ?1",
                              ReadEvent, event_id);
  if (!event) return event.error();
  if (!event.value()) return Errc::unknown_event;
  return *std::move(event).value();
}

Result<std::int64_t> SecurityEvents::CountOpen() {
  return db::QueryOne(connection_, "SELECT count(*) FROM security_events WHERE status = 'open'",
                      [](const db::Statement& row) { return row.ColumnInt64(0); });
}

Result<void> SecurityEvents::Resolve(std::int64_t event_id, EventStatus status,
                                     std::string_view actor) {
  // Only an open event changes: two administrators deciding at once, the second is told.
  auto updated = db::Execute(connection_,
                             "UPDATE security_events SET status = ?2, resolved_by = ?3, "
                             "resolved_at_ms = ?4 WHERE event_id = ?1 AND status = 'open'",
                             event_id, EventStatusName(status), actor, clock_());
  if (!updated) return updated.error();
  if (connection_.Changes() == 0) return Errc::event_not_open;
  return Success();
}

Result<EventRevocation> SecurityEvents::Revoke(std::int64_t event_id, std::string_view actor) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto event = Find(event_id);
  if (!event) return event.error();
  if (event.value().status != EventStatus::kOpen) return Errc::event_not_open;
  EventRevocation done;
  auto revoked = admin::RevokeBracelet(
      connection_, event.value().tag_uid, v1::REVOCATION_REASON_SUSPECTED_CLONE,
      "security event " + std::to_string(event_id), [this] { return clock_(); });
  // Already revoked (a kiosk seized it, or an administrator by hand): the outcome the event
  // asks for holds, so the event is closed as revoked all the same.
  if (revoked) {
    done.revoked_bracelets_version = revoked.value();
  } else if (revoked.error() != admin::Errc::bracelet_already_revoked) {
    return revoked.error();
  }
  if (auto resolved = Resolve(event_id, EventStatus::kRevoked, actor); !resolved) {
    return resolved.error();
  }
  auto after = Find(event_id);
  if (!after) return after.error();
  done.event = std::move(after).value();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return done;
}

Result<SecurityEvent> SecurityEvents::Dismiss(std::int64_t event_id, std::string_view actor) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto event = Find(event_id);
  if (!event) return event.error();
  if (auto resolved = Resolve(event_id, EventStatus::kDismissed, actor); !resolved) {
    return resolved.error();
  }
  auto after = Find(event_id);
  if (!after) return after.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return after;
}

}  // namespace minegate::server::security
