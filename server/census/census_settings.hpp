#pragma once
/// The census setting EMAPE officials change (PUT /v1/census/settings): how many days after her
/// or his last entry a person still counts as present at a site when no exit was tapped. One
/// row, schema 0011. Threading: uses its connection, on that connection's thread.

#include <cstdint>

#include "db/connection.hpp"
#include "server/census/error.hpp"

namespace minegate::server::census {

inline constexpr std::int32_t kMinPresenceWindowDays = 1;
inline constexpr std::int32_t kMaxPresenceWindowDays = 365;
inline constexpr std::int32_t kDefaultPresenceWindowDays = 30;

struct CensusSettings {
  std::int32_t presence_window_days = kDefaultPresenceWindowDays;
  std::int64_t updated_at_ms = 0;  ///< 0 until an official changes it
};

Result<CensusSettings> ReadCensusSettings(db::Connection& connection);

/// Errc::bad_presence_window outside kMinPresenceWindowDays..kMaxPresenceWindowDays. Every
/// population read from then on uses it; campaign results do not depend on it.
Result<CensusSettings> SetPresenceWindow(db::Connection& connection, std::int32_t days,
                                         std::int64_t now_ms);

}  // namespace minegate::server::census
