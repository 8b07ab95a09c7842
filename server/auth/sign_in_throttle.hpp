#pragma once
/// Failed sign-ins, counted per user id as typed (known or not) and per client address, kept
/// in the database so that a restart clears nothing. After ThrottleOptions::max_failures
/// consecutive failures of a key, sign-in under that key is locked for first_lock_ms, and each
/// further lock of the key lasts twice the last (up to max_lock_ms). A success clears the user
/// id's count and doubling, and the address's count (not its doubling: an address that keeps
/// failing keeps doubling). Attempts while locked are refused without a password check and are
/// not counted.
///
/// Why locking reveals nothing: the count is kept for any text typed as a user id, so an
/// unknown id locks exactly like a known one; "locked, retry in N s" is therefore a safe
/// answer, more useful to an official than a silent wrong-password.
///
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <string_view>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/auth/error.hpp"
#include "server/auth/options.hpp"
#include "server/auth/throttle_store.hpp"

namespace minegate::server::auth {

class SignInThrottle {
 public:
  SignInThrottle(db::Connection& connection, ThrottleOptions options = {},
                 base::Clock clock = base::NowMs)
      : connection_(connection), store_(connection), options_(options), clock_(std::move(clock)) {}

  /// Milliseconds until sign-in under `user_id` from `client_address` is allowed again (the
  /// later of the two keys' locks); 0 when neither is locked.
  Result<std::int64_t> LockedForMs(std::string_view user_id, std::string_view client_address);
  /// Counts a failure for both keys (and forgets keys quiet for forget_after_ms), in its own
  /// write transaction (nested when the caller has one open).
  Result<void> RecordFailure(std::string_view user_id, std::string_view client_address);
  /// Clears the user id's count and doubling and the address's count.
  Result<void> RecordSuccess(std::string_view user_id, std::string_view client_address);
  /// Lifts the user id's lock and forgets its doubling (an administrator helping an official
  /// who locked themselves out).
  Result<void> ClearUser(std::string_view user_id);

 private:
  Result<void> CountFailure(const internal::Digest& key, std::int64_t now_ms, bool is_user);

  db::Connection& connection_;
  ThrottleStore store_;
  ThrottleOptions options_;
  base::Clock clock_;
};

}  // namespace minegate::server::auth
