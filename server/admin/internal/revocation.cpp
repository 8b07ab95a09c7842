#include "server/admin/internal/revocation.hpp"

#include <span>

#include "db/query.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "proto/credential/issued_digest.hpp"
#include "server/admin/internal/kiosk_roles.hpp"

namespace minegate::server::admin::internal {
namespace {

std::span<const std::uint8_t> Bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

Result<std::size_t> FreezeIssuedBracelets(db::Connection& connection, std::string_view device_id,
                                          std::int64_t at_ms) {
  if (auto cleared = db::Execute(
          connection, "DELETE FROM revoked_device_bracelets WHERE device_id = ?1", device_id);
      !cleared) {
    return cleared.error();
  }
  auto issued = db::Query(connection,
                          "SELECT event FROM events WHERE device_id = ?1 "
                          "AND body_kind = 'bracelet_issued' AND received_at_ms <= ?2",
                          device_id, at_ms);
  if (!issued) return issued.error();
  auto keep = connection.Prepare(
      "INSERT OR IGNORE INTO revoked_device_bracelets (device_id, digest) VALUES (?1, ?2)");
  if (!keep) return keep.error();
  std::size_t kept = 0;
  auto frozen = db::ForEachRow(issued.value(), [&](const db::Statement& row) -> Result<void> {
    const std::vector<std::uint8_t> blob = row.ColumnBlob(0);
    v1::Event event;
    // The log holds only events that passed validation; one that does not
    // parse stays out of the frozen set (refused, never wrongly accepted).
    if (!event.ParseFromArray(blob.data(), static_cast<int>(blob.size())) ||
        !event.has_bracelet_issued()) {
      return Success();
    }
    const auto& bracelet = event.bracelet_issued();
    const credential::IssuedDigest digest =
        credential::DigestOfIssued(Bytes(bracelet.tag_uid()), Bytes(bracelet.credential()));
    auto bound = db::BindAll(keep.value(), device_id, std::span<const std::uint8_t>(digest));
    if (!bound) return bound.error();
    if (auto ran = keep.value().Run(); !ran) return ran.error();
    ++kept;
    return Success();
  });
  if (!frozen) return frozen.error();
  return kept;
}

Result<std::vector<std::string>> MarkRosterCompromised(db::Connection& connection,
                                                       std::string_view device_id,
                                                       std::int64_t site_id, std::int64_t at_ms) {
  const std::string held =
      "FROM users WHERE disabled_at_ms IS NULL "
      "AND role IN " +
      std::string(kKioskPinRolesSql) +
      " "
      // Assigned now, or until after the kiosk last sent anything (it may still hold them).
      "AND user_id IN (SELECT user_id FROM user_sites WHERE site_id = ?1 "
      "AND (unassigned_at_ms IS NULL OR unassigned_at_ms >= coalesce("
      "(SELECT last_event_at_ms FROM device_sync WHERE device_id = ?3), 0))) "
      "AND ((pin_hash IS NOT NULL AND pin_compromised_at_ms IS NULL) "
      "OR (staff_card_uid IS NOT NULL AND card_compromised_at_ms IS NULL))";
  auto agents = db::QueryAll(
      connection, "SELECT user_id " + held + " ORDER BY user_id",
      [](const db::Statement& row) { return row.ColumnText(0); }, site_id, at_ms, device_id);
  if (!agents) return agents.error();
  auto marked = db::Execute(connection,
                            "UPDATE users SET "
                            "pin_compromised_at_ms = CASE WHEN pin_hash IS NOT NULL "
                            "  THEN coalesce(pin_compromised_at_ms, ?2) END, "
                            "card_compromised_at_ms = CASE WHEN staff_card_uid IS NOT NULL "
                            "  THEN coalesce(card_compromised_at_ms, ?2) END, "
                            "compromised_by_device = ?3 "
                            "WHERE user_id IN (SELECT user_id " +
                                held + ")",
                            site_id, at_ms, device_id);
  if (!marked) return marked.error();
  return agents;
}

}  // namespace minegate::server::admin::internal
