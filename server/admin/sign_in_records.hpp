#pragma once
/// Ends a user's web sessions and revokes their API tokens (tables of server/auth, migration
/// 0008), inside the caller's write transaction: disabling an account or replacing its password
/// ends its sign-ins in the same commit, so no request is served between the two. server/auth
/// uses the same statements for sign-out and revocation by an administrator, so each lives here
/// once. Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <string_view>

#include "db/connection.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

/// Why a session ended (official_sessions.end_reason).
enum class SessionEnd {
  kSignedOut,
  kIdle,             ///< No request for longer than the idle timeout.
  kAbsolute,         ///< Older than the absolute lifetime.
  kDisabled,         ///< The account was disabled.
  kPasswordChanged,  ///< The password was replaced (by its owner or an administrator).
  kRevokedByAdmin,   ///< An administrator ended it (or the user's role changed).
};
std::string_view SessionEndName(SessionEnd reason);

/// Why an API token was revoked (api_tokens.revoke_reason).
enum class TokenRevocation {
  kOwner,
  kAdministrator,
  kDisabled,       ///< The account was disabled.
  kPasswordReset,  ///< An administrator forced a password reset (the account may be in
                   ///< someone else's hands).
};
std::string_view TokenRevocationName(TokenRevocation reason);

class SignInRecords {
 public:
  explicit SignInRecords(db::Connection& connection) : connection_(connection) {}

  /// Ends every live session of `user_id` at `now_ms`, but `keep_session_id` when given.
  /// Returns how many ended.
  Result<std::int64_t> EndSessions(std::string_view user_id, SessionEnd reason, std::int64_t now_ms,
                                   std::optional<std::int64_t> keep_session_id = {});
  /// Ends one session if it is still live; false when it was already ended (or never existed).
  Result<bool> EndSession(std::int64_t session_id, SessionEnd reason, std::int64_t now_ms);
  /// Revokes every live (unrevoked) token of `user_id`. Returns how many.
  Result<std::int64_t> RevokeTokens(std::string_view user_id, TokenRevocation reason,
                                    std::int64_t now_ms);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server::admin
