#pragma once
/// The SQL of the sign-in throttle (table sign_in_throttle, migration 0008): one row per key
/// digest. No rule here; SignInThrottle decides. Threading: uses its connection, so it belongs
/// to that connection's thread.

#include <cstdint>
#include <optional>

#include "db/connection.hpp"
#include "server/auth/error.hpp"
#include "server/auth/internal/secret.hpp"

namespace minegate::server::auth {

struct ThrottleRow {
  /// Failures since the last lock or success.
  std::int64_t failures = 0;
  std::int64_t last_failure_ms = 0;
  /// 0 when never locked.
  std::int64_t locked_until_ms = 0;
  /// Locks so far: the next lasts twice as long as the last.
  std::int64_t lock_count = 0;
};

class ThrottleStore {
 public:
  explicit ThrottleStore(db::Connection& connection) : connection_(connection) {}

  Result<std::optional<ThrottleRow>> Find(const internal::Digest& key);
  /// Inserts or replaces the key's row.
  Result<void> Put(const internal::Digest& key, const ThrottleRow& row);
  Result<void> Remove(const internal::Digest& key);
  /// Deletes the rows whose last failure is before `before_ms`: keys forgotten, with their
  /// doubling, so that ids typed once do not pile up.
  Result<void> RemoveQuietSince(std::int64_t before_ms);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server::auth
