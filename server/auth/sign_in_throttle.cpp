#include "server/auth/sign_in_throttle.hpp"

#include <algorithm>

#include "base/log.hpp"
#include "db/transaction.hpp"
#include "server/auth/internal/client_address.hpp"
#include "server/auth/internal/sign_in_name.hpp"

namespace minegate::server::auth {
namespace {

// Kinds of key, hashed with the text so a user id can never collide with an address.
internal::Digest UserKey(std::string_view user_id) {
  return internal::DigestOf("sign_in.user\n" + internal::SignInName(user_id));
}

internal::Digest AddressKey(std::string_view client_address) {
  return internal::DigestOf("sign_in.address\n" + internal::ThrottleAddress(client_address));
}

/// first_lock_ms doubled (lock_count - 1) times, never above max_lock_ms (and no overflow).
std::int64_t LockDurationMs(const ThrottleOptions& options, std::int64_t lock_count) {
  std::int64_t duration = options.first_lock_ms;
  for (std::int64_t i = 1; i < lock_count && duration < options.max_lock_ms; ++i) duration *= 2;
  return std::min(duration, options.max_lock_ms);
}

}  // namespace

Result<std::int64_t> SignInThrottle::LockedForMs(std::string_view user_id,
                                                 std::string_view client_address) {
  const std::int64_t now_ms = clock_();
  std::int64_t remaining = 0;
  for (const internal::Digest& key : {UserKey(user_id), AddressKey(client_address)}) {
    auto row = store_.Find(key);
    if (!row) return row.error();
    if (row.value()) remaining = std::max(remaining, row.value()->locked_until_ms - now_ms);
  }
  return remaining;
}

Result<void> SignInThrottle::RecordFailure(std::string_view user_id,
                                           std::string_view client_address) {
  const std::int64_t now_ms = clock_();
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (auto forgotten = store_.RemoveQuietSince(now_ms - options_.forget_after_ms); !forgotten) {
    return forgotten.error();
  }
  if (auto counted = CountFailure(UserKey(user_id), now_ms, true); !counted) {
    return counted.error();
  }
  if (auto counted = CountFailure(AddressKey(client_address), now_ms, false); !counted) {
    return counted.error();
  }
  return transaction.value().Commit();
}

Result<void> SignInThrottle::CountFailure(const internal::Digest& key, std::int64_t now_ms,
                                          bool is_user) {
  auto found = store_.Find(key);
  if (!found) return found.error();
  ThrottleRow row = found.value().value_or(ThrottleRow{});
  row.failures += 1;
  row.last_failure_ms = now_ms;
  if (row.failures >= options_.max_failures) {
    row.failures = 0;
    row.lock_count += 1;
    const std::int64_t lock_ms = LockDurationMs(options_, row.lock_count);
    row.locked_until_ms = now_ms + lock_ms;
    // No user id or address in the line: which key locked, for how long, the how-many-th time.
    base::LogWarning("sign_in_locked", {{"key", base::LogText(is_user ? "user" : "address")},
                                        {"lock_ms", lock_ms},
                                        {"lock_count", row.lock_count}});
  }
  return store_.Put(key, row);
}

Result<void> SignInThrottle::RecordSuccess(std::string_view user_id,
                                           std::string_view client_address) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (auto removed = store_.Remove(UserKey(user_id)); !removed) return removed.error();
  const internal::Digest address = AddressKey(client_address);
  auto found = store_.Find(address);
  if (!found) return found.error();
  if (found.value() && found.value()->failures != 0) {
    ThrottleRow row = *found.value();
    row.failures = 0;
    if (auto put = store_.Put(address, row); !put) return put.error();
  }
  return transaction.value().Commit();
}

Result<void> SignInThrottle::ClearUser(std::string_view user_id) {
  return store_.Remove(UserKey(user_id));
}

}  // namespace minegate::server::auth
