#pragma once
/// The security settings an administrator changes (minegatectl security set-speed, PUT
/// /v1/security/settings): today the plausible travel speed CloneWatch judges taps with. One
/// row, schema 0010. Threading: uses its connection, on that connection's thread.

#include <cstdint>

#include "db/connection.hpp"
#include "server/security/error.hpp"

namespace minegate::server::security {

struct SecuritySettings {
  std::int32_t max_speed_kmh = 0;
  std::int64_t updated_at_ms = 0;  ///< 0 until an administrator changes it
};

Result<SecuritySettings> ReadSecuritySettings(db::Connection& connection);

/// Errc::bad_speed outside kMinSpeedKmh..kMaxSpeedKmh. Taps stored from then on are judged with
/// it; events already recorded keep the speed they were judged with.
Result<SecuritySettings> SetMaxSpeed(db::Connection& connection, std::int32_t max_speed_kmh,
                                     std::int64_t now_ms);

}  // namespace minegate::server::security
