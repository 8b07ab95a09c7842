#include "kiosk/sync/clock_skew.hpp"

namespace minegate::kiosk::sync {

std::optional<std::int64_t> MeasureClockSkew(std::int64_t server_time_ms,
                                             std::int64_t received_at_ms) {
  if (server_time_ms <= 0) return std::nullopt;  // a server that does not say its time
  return received_at_ms - server_time_ms;
}

bool ClockSkewTooLarge(std::int64_t skew_ms, std::chrono::milliseconds threshold) {
  // Compared as magnitudes without negating: -INT64_MIN would overflow.
  return skew_ms > threshold.count() || skew_ms < -threshold.count();
}

}  // namespace minegate::kiosk::sync
