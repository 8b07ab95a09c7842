#include "server/admin/sign_in_records.hpp"

#include "db/query.hpp"

namespace minegate::server::admin {

std::string_view SessionEndName(SessionEnd reason) {
  switch (reason) {
    case SessionEnd::kSignedOut:
      return "signed_out";
    case SessionEnd::kIdle:
      return "idle";
    case SessionEnd::kAbsolute:
      return "absolute";
    case SessionEnd::kDisabled:
      return "disabled";
    case SessionEnd::kPasswordChanged:
      return "password_changed";
    case SessionEnd::kRevokedByAdmin:
      return "revoked_by_admin";
  }
  return "revoked_by_admin";
}

std::string_view TokenRevocationName(TokenRevocation reason) {
  switch (reason) {
    case TokenRevocation::kOwner:
      return "owner";
    case TokenRevocation::kAdministrator:
      return "administrator";
    case TokenRevocation::kDisabled:
      return "disabled";
    case TokenRevocation::kPasswordReset:
      return "password_reset";
  }
  return "administrator";
}

Result<std::int64_t> SignInRecords::EndSessions(std::string_view user_id, SessionEnd reason,
                                                std::int64_t now_ms,
                                                std::optional<std::int64_t> keep_session_id) {
  // ?4 NULL keeps none: session ids are never NULL, and "x <> NULL" is never true, hence IS NOT.
  auto ended = db::Execute(connection_,
                           "UPDATE official_sessions SET ended_at_ms = ?2, end_reason = ?3 "
                           "WHERE user_id = ?1 AND ended_at_ms IS NULL AND session_id IS NOT ?4",
                           user_id, now_ms, SessionEndName(reason), keep_session_id);
  if (!ended) return ended.error();
  return connection_.Changes();
}

Result<bool> SignInRecords::EndSession(std::int64_t session_id, SessionEnd reason,
                                       std::int64_t now_ms) {
  auto ended = db::Execute(connection_,
                           "UPDATE official_sessions SET ended_at_ms = ?2, end_reason = ?3 "
                           "WHERE session_id = ?1 AND ended_at_ms IS NULL",
                           session_id, now_ms, SessionEndName(reason));
  if (!ended) return ended.error();
  return connection_.Changes() == 1;
}

Result<std::int64_t> SignInRecords::RevokeTokens(std::string_view user_id, TokenRevocation reason,
                                                 std::int64_t now_ms) {
  auto revoked = db::Execute(connection_,
                             "UPDATE api_tokens SET revoked_at_ms = ?2, revoke_reason = ?3 "
                             "WHERE user_id = ?1 AND revoked_at_ms IS NULL",
                             user_id, now_ms, TokenRevocationName(reason));
  if (!revoked) return revoked.error();
  return connection_.Changes();
}

}  // namespace minegate::server::admin
