#pragma once
/// Officials' web sessions: sign-in (throttled, one answer for every refusal), the check of each
/// request's cookie, sign-out, and the change of one's own password. Knows nothing of HTTP: it
/// takes header values and the client address as strings and returns values; the HTTP layer
/// (server/net, server/api) writes the cookie with SessionSetCookie and checks CSRF with
/// CheckCsrf.
///
/// Threading: uses its connection, so it belongs to that connection's thread. SignIn and
/// ChangePassword run Argon2id (about 0.1 s of CPU and 64 MiB each, docs/PERFORMANCE.md):
/// call them from worker threads only, never from an I/O thread. Authenticate is a lookup
/// by primary key, with a durable write at most once a minute per session (last_seen) or when
/// it ends one: worker threads too.
///
/// Transactions: SignIn and ChangePassword commit their own (the throttle's count of a failure
/// is a write that must stand although the call fails). Call them outside any transaction of
/// the caller's: inside one, a refusal rolled back by the caller would take the count with it
/// (no throttling), and its write lock would be held through the hashing.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/admin/user_registry.hpp"
#include "server/auth/error.hpp"
#include "server/auth/options.hpp"
#include "server/auth/principal.hpp"
#include "server/auth/session_store.hpp"
#include "server/auth/sign_in_throttle.hpp"

namespace minegate::server::auth {

struct SignedIn {
  /// The session id, 43 characters of base64url: goes only into SessionSetCookie(...), never
  /// into a body, a log or the audit (session_id names the session there).
  std::string cookie_value;
  /// The page sends it back in a header on every state-changing request (CheckCsrf).
  std::string csrf_token;
  std::int64_t session_id = 0;
  admin::UserInfo user;
  /// The user must choose a new password before anything else (Principal has the same flag).
  bool must_change_password = false;
  /// When the session ends at the latest (absolute lifetime), for the page to show.
  std::int64_t expires_at_ms = 0;
};

class SessionService {
 public:
  SessionService(db::Connection& connection, SessionOptions options = {},
                 ThrottleOptions throttle = {}, base::Clock clock = base::NowMs);

  /// Opens a session for `user_id` (trimmed, ASCII case folded) when `password` is theirs, the
  /// account is active and its role has a web workspace. Every refusal -- unknown id, wrong
  /// password, disabled account, gate agent -- is Errc::sign_in_refused after one Argon2id
  /// verification (against a dummy hash for an unknown id), and counts as a failure for the
  /// id and for `client_address`. Errc::sign_in_locked, without a password check, while either
  /// is locked (SignInLockedForMs says for how long). Storage errors pass through.
  Result<SignedIn> SignIn(std::string_view user_id, std::string_view password,
                          std::string_view client_address);
  /// How long sign-in stays locked for this id and address (for a Retry-After); 0 when not.
  Result<std::int64_t> SignInLockedForMs(std::string_view user_id, std::string_view client_address);

  /// The principal of the session named by the Cookie header's `__Host-minegate`. Refused --
  /// Errc::not_signed_in (no cookie, malformed, unknown), session_expired (idle or absolute:
  /// the session is ended), session_ended (signed out, password changed, ended by an
  /// administrator, or the user's role changed), account_disabled (checked at every call: a
  /// disabled user's live session is refused at once). A must-change-password user is
  /// authenticated with Principal::must_change_password set.
  Result<Principal> Authenticate(std::string_view cookie_header);

  /// Ends the principal's session (Errc::session_required for a token principal,
  /// session_ended when it had already ended).
  Result<void> SignOut(const Principal& principal);

  /// The principal changes their own password: `old_password` must be theirs (checked like a
  /// sign-in: throttled, a wrong one counts as a failure; admin::Errc::wrong_password, and
  /// Errc::sign_in_locked while locked), the new one must pass admin::CheckPassword and differ
  /// (admin::Errc::password_unchanged). Every session of the user ends (reason
  /// password_changed) and a new one is opened and returned: the HTTP layer sets its cookie
  /// and the page takes its CSRF token. Errc::session_required for a token principal.
  Result<SignedIn> ChangePassword(const Principal& principal, std::string_view old_password,
                                  std::string_view new_password, std::string_view client_address);

  /// Ends every live session of `user_id` (reason revoked_by_admin); returns how many.
  Result<std::int64_t> EndSessionsOf(std::string_view user_id);
  /// Ends every live session past its idle or absolute limit, for a periodic sweep (a session
  /// nobody presents again would otherwise stay live in the table); returns how many.
  Result<std::int64_t> EndExpiredSessions();

 private:
  /// Creates the session row and its secrets, in the caller's transaction.
  Result<SignedIn> OpenSession(const admin::UserInfo& user, std::int64_t now_ms);

  db::Connection& connection_;
  SessionOptions options_;
  base::Clock clock_;
  admin::UserRegistry users_;
  SessionStore store_;
  SignInThrottle throttle_;
};

}  // namespace minegate::server::auth
