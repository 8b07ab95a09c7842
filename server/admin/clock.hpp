#pragma once
/// Where administration code reads the time, so tests can set it (enrolment expiry) instead of
/// sleeping.

#include <cstdint>
#include <functional>

namespace minegate::server::admin {

/// Milliseconds since the Unix epoch (UTC), the unit of every *_at_ms column.
using Clock = std::function<std::int64_t()>;

/// The system's real-time clock.
std::int64_t SystemNowMs();

}  // namespace minegate::server::admin
