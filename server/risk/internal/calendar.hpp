#pragma once
/// Ages and day counts from the dates people declare at a gate, which are often approximate
/// (a year only, a month without its day): always the youngest age the date allows and the
/// earliest day it can mean, so that an imprecise date never hides a minor.

#include <cstdint>
#include <optional>

#include "minegate/v1/events.pb.h"

namespace minegate::server::risk::internal {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day);

struct Age {
  std::uint32_t years = 0;
  /// The date was estimated or lacks its day or month: shown as "about".
  bool approximate = false;
};

/// The youngest age `birth` allows at `at_ms`; nullopt when no year was declared.
std::optional<Age> YoungestAge(const v1::CalendarDate& birth, std::int64_t at_ms);

/// The earliest day number `date` can mean (day 1 of its month, 1 January of its year);
/// nullopt when no year was declared.
std::optional<std::int64_t> EarliestDay(const v1::CalendarDate& date);

}  // namespace minegate::server::risk::internal
