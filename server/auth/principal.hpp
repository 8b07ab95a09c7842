#pragma once
/// Who is making a request, once their session cookie or API token has been checked: what the
/// router checks roles against and what the audit log names.

#include <cstdint>
#include <string>

#include "server/admin/role.hpp"

namespace minegate::server::auth {

enum class Via {
  kSession,   ///< The `__Host-minegate` cookie of a signed-in official (CSRF checked).
  kApiToken,  ///< `Authorization: Bearer mgt_...` from a script (no CSRF: no ambient cookie).
};

struct Principal {
  std::string user_id;
  std::string display_name;
  /// The session's or token's role (the user's at its creation, and still theirs).
  admin::Role role = admin::Role::kAuditor;
  Via via = Via::kSession;
  /// official_sessions.session_id for kSession (a handle, not the secret); 0 otherwise.
  std::int64_t session_id = 0;
  /// The token's public id for kApiToken ("3f9a0c12d4e5b6a7"); empty otherwise.
  std::string token_id;
  /// The session's CSRF token, for CheckCsrf and for the page; empty for a token.
  std::string csrf_token;
  /// When the session ends at the latest (sign-in + absolute lifetime), or the token expires.
  std::int64_t expires_at_ms = 0;
  /// Set after an administrator's forced reset: the HTTP layer lets this principal reach only
  /// the change-password and sign-out routes (Errc::password_change_required elsewhere).
  bool must_change_password = false;
};

}  // namespace minegate::server::auth
