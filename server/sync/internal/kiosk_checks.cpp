#include "server/sync/internal/kiosk_checks.hpp"

#include <span>

#include "base/hex.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "proto/credential/codec.hpp"
#include "proto/rules/event_rules.hpp"

namespace minegate::server::internal {

bool KioskUserIdWellFormed(const std::string& user_id) {
  return !user_id.empty() && user_id.size() <= kMaxKioskUserIdBytes;
}

audit::AuditEntry KioskEntry(std::string_view device_id, const std::string& user_id,
                             std::string_view role, std::string_view action,
                             const std::string& tag_uid, std::int64_t now_ms) {
  audit::AuditEntry entry;
  entry.at_ms = now_ms;
  entry.actor_kind = audit::ActorKind::kDevice;
  entry.actor_id = KioskUserIdWellFormed(user_id) ? user_id : "?";
  entry.actor_role = std::string(role);
  entry.action = std::string(action);
  entry.targets = {"device:" + std::string(device_id)};
  entry.query = "{\"tagUid\":\"" + base::ToHex(tag_uid) + "\"}";
  return entry;
}

db::Result<KioskCheck> CheckKioskRequest(db::Connection& connection, std::string_view device_id,
                                         const std::string& user_id, std::string_view role,
                                         const std::string& tag_uid, const std::string& credential,
                                         const std::string& person_token) {
  auto allowed = UserMayActAtDevice(connection, device_id, user_id, role);
  if (!allowed) return allowed.error();
  if (!allowed.value()) return KioskCheck::kUserRefused;
  auto known = KnownBracelet(connection, tag_uid, credential, person_token);
  if (!known) return known.error();
  return known.value() ? KioskCheck::kPassed : KioskCheck::kUnknownBracelet;
}

db::Result<bool> UserMayActAtDevice(db::Connection& connection, std::string_view device_id,
                                    const std::string& user_id, std::string_view role) {
  return db::Exists(connection,
                    "SELECT 1 FROM users u JOIN devices d ON d.device_id = ?2 "
                    "JOIN user_sites s ON s.user_id = u.user_id AND s.site_id = d.site_id "
                    "AND s.unassigned_at_ms IS NULL "
                    "WHERE u.user_id = ?1 AND u.role = ?3 "
                    "AND u.disabled_at_ms IS NULL AND u.pin_compromised_at_ms IS NULL "
                    "AND d.revoked_at_ms IS NULL AND d.public_key IS NOT NULL",
                    user_id, device_id, role);
}

db::Result<bool> KnownBracelet(db::Connection& connection, const std::string& tag_uid,
                               const std::string& credential, const std::string& person_token) {
  return db::Exists(connection,
                    "SELECT 1 FROM bracelets WHERE tag_uid = ?1 AND person_token = ?2 "
                    "AND credential = ?3",
                    db::Blob(tag_uid), db::Blob(person_token), db::Blob(credential));
}

bool BraceletFieldsWellFormed(const std::string& tag_uid, const std::string& credential,
                              const std::string& person_token) {
  const auto* uid = reinterpret_cast<const std::uint8_t*>(tag_uid.data());
  return credential::IsValidUid(std::span(uid, tag_uid.size())) &&
         person_token.size() == rules::kTokenBytes && !credential.empty() &&
         credential.size() <= rules::kMaxCredentialBytes;
}

}  // namespace minegate::server::internal
