#include "server/sync/internal/kiosk_checks.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"

namespace minegate::server::internal {

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
  constexpr std::size_t kTokenBytes = 16;
  constexpr std::size_t kMaxCredentialBytes = 512;
  const std::size_t uid = tag_uid.size();
  return (uid == 4 || uid == 7 || uid == 10) && person_token.size() == kTokenBytes &&
         !credential.empty() && credential.size() <= kMaxCredentialBytes;
}

}  // namespace minegate::server::internal
