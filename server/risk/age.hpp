#pragma once
/// The age a declared birth date gives a person on a day, as the engine counts it: the youngest
/// the date allows (a year alone is taken at its last day), so an imprecise date never shows a
/// minor older than she may be. For the protection officers' pages (the age on a case, the
/// queue's age band), which must agree with the indicators' words.

#include <cstdint>
#include <optional>

#include "minegate/v1/events.pb.h"

namespace minegate::server::risk {

struct PersonAge {
  std::uint32_t years = 0;
  /// The date was estimated or lacks its day or month: shown as "about".
  bool approximate = false;
};

/// The youngest age `birth` allows at `at_ms`; nullopt when no year was declared.
std::optional<PersonAge> AgeAt(const v1::CalendarDate& birth, std::int64_t at_ms);

}  // namespace minegate::server::risk
