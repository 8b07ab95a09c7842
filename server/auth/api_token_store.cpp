#include "server/auth/api_token_store.hpp"

#include <algorithm>

#include "db/query.hpp"

namespace minegate::server::auth {
namespace {

constexpr std::string_view kSelectToken =
    "SELECT t.token_id, t.user_id, t.name, t.role, t.created_at_ms, t.expires_at_ms, "
    "t.revoked_at_ms, t.revoke_reason, t.last_used_ms, t.secret_digest, u.display_name, u.role, "
    "u.disabled_at_ms, u.must_change_password "
    "FROM api_tokens t JOIN users u ON u.user_id = t.user_id ";

std::optional<admin::TokenRevocation> ParseTokenRevocation(const std::string& text) {
  for (const admin::TokenRevocation reason :
       {admin::TokenRevocation::kOwner, admin::TokenRevocation::kAdministrator,
        admin::TokenRevocation::kDisabled, admin::TokenRevocation::kPasswordReset}) {
    if (admin::TokenRevocationName(reason) == text) return reason;
  }
  return std::nullopt;
}

ApiTokenRecord ReadToken(const db::Statement& row) {
  ApiTokenRecord token;
  ApiTokenInfo& info = token.info;
  info.token_id = row.ColumnText(0);
  info.user_id = row.ColumnText(1);
  info.name = row.ColumnText(2);
  // The schema's CHECKs admit only known roles and reasons.
  info.role = admin::ParseRole(row.ColumnText(3)).value_or(admin::Role::kAuditor);
  info.created_at_ms = row.ColumnInt64(4);
  info.expires_at_ms = row.ColumnInt64(5);
  if (!row.ColumnIsNull(6)) info.revoked_at_ms = row.ColumnInt64(6);
  if (!row.ColumnIsNull(7)) {
    info.revoke_reason =
        ParseTokenRevocation(row.ColumnText(7)).value_or(admin::TokenRevocation::kAdministrator);
  }
  if (!row.ColumnIsNull(8)) info.last_used_ms = row.ColumnInt64(8);
  const std::vector<std::uint8_t> digest = row.ColumnBlob(9);
  std::copy_n(digest.begin(), std::min(digest.size(), token.secret_digest.size()),
              token.secret_digest.begin());
  token.display_name = row.ColumnText(10);
  token.user_role = admin::ParseRole(row.ColumnText(11)).value_or(admin::Role::kAuditor);
  if (!row.ColumnIsNull(12)) token.user_disabled_at_ms = row.ColumnInt64(12);
  token.must_change_password = row.ColumnInt64(13) != 0;
  return token;
}

}  // namespace

Result<void> ApiTokenStore::Insert(const ApiTokenInfo& token,
                                   const internal::Digest& secret_digest) {
  return db::Execute(connection_,
                     "INSERT INTO api_tokens (token_id, user_id, name, secret_digest, role, "
                     "created_at_ms, expires_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     token.token_id, token.user_id, token.name,
                     std::span<const std::uint8_t>(secret_digest), admin::RoleName(token.role),
                     token.created_at_ms, token.expires_at_ms);
}

Result<std::optional<ApiTokenRecord>> ApiTokenStore::Find(std::string_view token_id) {
  return db::QueryFirst(connection_, std::string(kSelectToken) + "WHERE t.token_id = ?1", ReadToken,
                        token_id);
}

Result<std::vector<ApiTokenInfo>> ApiTokenStore::ListOf(std::string_view user_id) {
  return db::QueryAll(
      connection_,
      std::string(kSelectToken) + "WHERE t.user_id = ?1 ORDER BY t.created_at_ms DESC, t.token_id",
      [](const db::Statement& row) { return ReadToken(row).info; }, user_id);
}

Result<std::int64_t> ApiTokenStore::CountLive(std::string_view user_id, std::int64_t now_ms) {
  return db::QueryOne(
      connection_,
      "SELECT COUNT(*) FROM api_tokens WHERE user_id = ?1 AND revoked_at_ms IS NULL "
      "AND expires_at_ms > ?2",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, user_id, now_ms);
}

Result<bool> ApiTokenStore::Revoke(std::string_view token_id, admin::TokenRevocation reason,
                                   std::int64_t now_ms) {
  auto revoked = db::Execute(connection_,
                             "UPDATE api_tokens SET revoked_at_ms = ?2, revoke_reason = ?3 "
                             "WHERE token_id = ?1 AND revoked_at_ms IS NULL",
                             token_id, now_ms, admin::TokenRevocationName(reason));
  if (!revoked) return revoked.error();
  return connection_.Changes() == 1;
}

Result<void> ApiTokenStore::TouchUsed(std::string_view token_id, std::int64_t now_ms) {
  return db::Execute(connection_,
                     "UPDATE api_tokens SET last_used_ms = ?2 WHERE token_id = ?1 "
                     "AND (last_used_ms IS NULL OR last_used_ms < ?2)",
                     token_id, now_ms);
}

}  // namespace minegate::server::auth
