#include "server/auth/throttle_store.hpp"

#include "db/query.hpp"

namespace minegate::server::auth {

Result<std::optional<ThrottleRow>> ThrottleStore::Find(const internal::Digest& key) {
  return db::QueryFirst(
      connection_,
      "SELECT failures, last_failure_ms, locked_until_ms, lock_count FROM sign_in_throttle "
      "WHERE key_digest = ?1",
      [](const db::Statement& row) {
        return ThrottleRow{row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnInt64(2),
                           row.ColumnInt64(3)};
      },
      std::span<const std::uint8_t>(key));
}

Result<void> ThrottleStore::Put(const internal::Digest& key, const ThrottleRow& row) {
  return db::Execute(connection_,
                     "INSERT INTO sign_in_throttle (key_digest, failures, last_failure_ms, "
                     "locked_until_ms, lock_count) VALUES (?1, ?2, ?3, ?4, ?5) "
                     "ON CONFLICT (key_digest) DO UPDATE SET failures = excluded.failures, "
                     "last_failure_ms = excluded.last_failure_ms, "
                     "locked_until_ms = excluded.locked_until_ms, "
                     "lock_count = excluded.lock_count",
                     std::span<const std::uint8_t>(key), row.failures, row.last_failure_ms,
                     row.locked_until_ms, row.lock_count);
}

Result<void> ThrottleStore::Remove(const internal::Digest& key) {
  return db::Execute(connection_, "DELETE FROM sign_in_throttle WHERE key_digest = ?1",
                     std::span<const std::uint8_t>(key));
}

Result<void> ThrottleStore::RemoveQuietSince(std::int64_t before_ms) {
  return db::Execute(connection_, "DELETE FROM sign_in_throttle WHERE last_failure_ms < ?1",
                     before_ms);
}

}  // namespace minegate::server::auth
