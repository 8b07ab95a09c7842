#include "kiosk/store/roster_cache.hpp"

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/wal.hpp"
#include "kiosk/store/token_key.hpp"

namespace minegate::kiosk::store {

db::Result<void> RosterCache::Put(const std::string& person_token, const RosterEntry& entry,
                                  std::int64_t expires_at_ms) {
  auto statement = connection_.Prepare(
      "INSERT OR REPLACE INTO roster_cache (person_token, first_name, sex, birth_year, "
      "expires_at_ms) VALUES (?, ?, ?, ?, ?)");
  if (!statement) return statement.error();
  auto bound = db::BindAll(statement.value(), db::Blob(TokenKey(person_token)), entry.first_name,
                           static_cast<std::int64_t>(entry.sex), entry.birth_year, expires_at_ms);
  if (!bound) return bound.error();
  return statement.value().Run();
}

db::Result<std::optional<RosterEntry>> RosterCache::Find(const std::string& person_token,
                                                         std::int64_t now_ms) {
  return db::QueryFirst(
      connection_,
      "SELECT first_name, sex, birth_year FROM roster_cache "
      "WHERE person_token = ? AND expires_at_ms > ?",
      [](const db::Statement& row) {
        RosterEntry entry;
        entry.first_name = row.ColumnText(0);
        entry.sex = static_cast<v1::Sex>(row.ColumnInt64(1));
        entry.birth_year = static_cast<std::uint32_t>(row.ColumnInt64(2));
        return entry;
      },
      db::Blob(TokenKey(person_token)), now_ms);
}

db::Result<std::int64_t> RosterCache::Expire(std::int64_t now_ms) {
  auto statement = connection_.Prepare("DELETE FROM roster_cache WHERE expires_at_ms <= ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), now_ms); !bound) return bound.error();
  if (auto ran = statement.value().Run(); !ran) return ran.error();
  const std::int64_t expired = connection_.Changes();
  // The expired names leave the write-ahead log too (secure_delete zeroed them in the file).
  if (expired > 0) {
    if (auto truncated = db::TruncateWal(connection_); !truncated) return truncated.error();
  }
  return expired;
}

}  // namespace minegate::kiosk::store
