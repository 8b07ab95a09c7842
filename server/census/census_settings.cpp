#include "server/census/census_settings.hpp"

#include "db/query.hpp"

namespace minegate::server::census {

Result<CensusSettings> ReadCensusSettings(db::Connection& connection) {
  return db::QueryOne(
      connection, "SELECT presence_window_days, updated_at_ms FROM census_settings WHERE id = 1",
      [](const db::Statement& row) {
        return CensusSettings{static_cast<std::int32_t>(row.ColumnInt64(0)), row.ColumnInt64(1)};
      });
}

Result<CensusSettings> SetPresenceWindow(db::Connection& connection, std::int32_t days,
                                         std::int64_t now_ms) {
  if (days < kMinPresenceWindowDays || days > kMaxPresenceWindowDays) {
    return Errc::bad_presence_window;
  }
  auto updated = db::Execute(
      connection,
      "UPDATE census_settings SET presence_window_days = ?1, updated_at_ms = ?2 WHERE id = 1",
      static_cast<std::int64_t>(days), now_ms);
  if (!updated) return updated.error();
  return CensusSettings{days, now_ms};
}

}  // namespace minegate::server::census
