#pragma once
/// The one clock: wall-clock milliseconds since the Unix epoch, the unit of every time the
/// system stores or sends. Code that decides by time takes a `Clock` so that tests can set it.
/// And the one calendar of UTC days (Senegal keeps UTC all year, no daylight saving).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace minegate::base {

/// Milliseconds since 1970-01-01T00:00:00Z by the system clock.
std::int64_t NowMs();

/// `ms` as ISO 8601 in UTC with milliseconds, "2026-12-07T02:49:28.123Z": how logs and
/// exports write a time for people and spreadsheets alike.
std::string FormatUtcMs(std::int64_t ms);

/// One UTC day in milliseconds (no leap seconds in epoch time).
inline constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

/// The UTC day number of `ms`: days since 1970-01-01, by floor division so that a time before
/// 1970 falls on its own day.
std::int64_t DayOf(std::int64_t ms);

/// "2026-09-07" as its day number (1970-01-01 is 0); nullopt when not exactly YYYY-MM-DD in
/// digits, not a calendar date, or before 1 January of `min_year` (each caller says how far
/// back a date of its own can be).
std::optional<std::int64_t> ParseDay(std::string_view text, int min_year);

/// A day number as "2026-09-07".
std::string DayText(std::int64_t day);

/// A source of NowMs-like times; NowMs itself in production, a fixed or stepped value in tests.
using Clock = std::function<std::int64_t()>;

}  // namespace minegate::base
