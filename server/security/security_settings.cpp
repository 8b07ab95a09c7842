#include "server/security/security_settings.hpp"

#include "db/query.hpp"
#include "server/security/travel_rule.hpp"

namespace minegate::server::security {

Result<SecuritySettings> ReadSecuritySettings(db::Connection& connection) {
  return db::QueryOne(
      connection, "SELECT max_speed_kmh, updated_at_ms FROM security_settings WHERE id = 1",
      [](const db::Statement& row) {
        return SecuritySettings{static_cast<std::int32_t>(row.ColumnInt64(0)), row.ColumnInt64(1)};
      });
}

Result<SecuritySettings> SetMaxSpeed(db::Connection& connection, std::int32_t max_speed_kmh,
                                     std::int64_t now_ms) {
  if (max_speed_kmh < kMinSpeedKmh || max_speed_kmh > kMaxSpeedKmh) return Errc::bad_speed;
  auto updated = db::Execute(
      connection,
      "UPDATE security_settings SET max_speed_kmh = ?1, updated_at_ms = ?2 WHERE id = 1",
      static_cast<std::int64_t>(max_speed_kmh), now_ms);
  if (!updated) return updated.error();
  return SecuritySettings{max_speed_kmh, now_ms};
}

}  // namespace minegate::server::security
