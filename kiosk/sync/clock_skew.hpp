#pragma once
/// The kiosk's clock against the server's, measured from the Welcome of each connection.

#include <chrono>
#include <cstdint>
#include <optional>

namespace minegate::kiosk::sync {

/// kiosk time minus server time, in ms (positive: the kiosk is ahead), from the server's
/// Welcome.server_time_ms and the kiosk's time when it arrived; none when the server sent no
/// time (0). The Welcome's transit time is inside the result: a few seconds at most, far
/// below any threshold worth warning about.
std::optional<std::int64_t> MeasureClockSkew(std::int64_t server_time_ms,
                                             std::int64_t received_at_ms);

/// Whether a skew is large enough, either way, to warn the agent.
bool ClockSkewTooLarge(std::int64_t skew_ms, std::chrono::milliseconds threshold);

}  // namespace minegate::kiosk::sync
