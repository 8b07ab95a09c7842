#pragma once
/// The one clock: wall-clock milliseconds since the Unix epoch, the unit of every time the
/// system stores or sends. Code that decides by time takes a `Clock` so that tests can set it.

#include <cstdint>
#include <functional>
#include <string>

namespace minegate::base {

/// Milliseconds since 1970-01-01T00:00:00Z by the system clock.
std::int64_t NowMs();

/// `ms` as ISO 8601 in UTC with milliseconds, "2026-12-07T02:49:28.123Z": how logs and
/// exports write a time for people and spreadsheets alike.
std::string FormatUtcMs(std::int64_t ms);

/// A source of NowMs-like times; NowMs itself in production, a fixed or stepped value in tests.
using Clock = std::function<std::int64_t()>;

}  // namespace minegate::base
