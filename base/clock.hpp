#pragma once
/// The one clock: wall-clock milliseconds since the Unix epoch, the unit of every time the
/// system stores or sends. Code that decides by time takes a `Clock` so that tests can set it.

#include <cstdint>
#include <functional>

namespace minegate::base {

/// Milliseconds since 1970-01-01T00:00:00Z by the system clock.
std::int64_t NowMs();

/// A source of NowMs-like times; NowMs itself in production, a fixed or stepped value in tests.
using Clock = std::function<std::int64_t()>;

}  // namespace minegate::base
