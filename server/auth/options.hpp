#pragma once
/// The limits of sign-in, in one place so that the server's configuration can set them and
/// tests can shorten them. Times are milliseconds.

#include <cstdint>

namespace minegate::server::auth {

struct SessionOptions {
  /// A session with no request for this long ends (reason "idle").
  std::int64_t idle_timeout_ms = 30 * 60 * 1000;
  /// A session ends this long after sign-in whatever its use (reason "absolute").
  std::int64_t absolute_timeout_ms = 12 * 60 * 60 * 1000;
  /// last_seen is written at most this often per session: each write is a durable commit (an
  /// fsync), too dear for every request. Idle expiry may therefore come up to this much early.
  std::int64_t last_seen_interval_ms = 60 * 1000;
};

struct ThrottleOptions {
  /// Consecutive failures (per user id, per client address) that lock sign-in.
  int max_failures = 5;
  /// The first lock; each further lock of the same key doubles, up to max_lock_ms.
  std::int64_t first_lock_ms = 60 * 1000;
  std::int64_t max_lock_ms = 60 * 60 * 1000;
  /// A key with no failure for this long is forgotten, its doubling with it.
  std::int64_t forget_after_ms = 24 * 60 * 60 * 1000;
};

struct ApiTokenOptions {
  /// A token's life is 1..max_validity_days days, chosen at creation.
  int max_validity_days = 90;
  /// Live (unrevoked, unexpired) tokens one user may hold at once.
  int max_live_tokens = 20;
  /// last_used is written at most this often per token.
  std::int64_t last_used_interval_ms = 60 * 1000;
};

}  // namespace minegate::server::auth
