#include "server/risk/internal/calendar.hpp"

#include "base/clock.hpp"

namespace minegate::server::risk::internal {
namespace {

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

/// H. Hinnant's civil_from_days.
Civil CivilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

}  // namespace

std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<Age> YoungestAge(const v1::CalendarDate& birth, std::int64_t at_ms) {
  if (birth.year() == 0) return std::nullopt;
  const Civil now = CivilFromDays(base::DayOf(at_ms));
  std::int64_t years = now.year - static_cast<std::int64_t>(birth.year());
  bool approximate = birth.estimated();
  if (birth.month() == 0) {
    // Her birthday may be later this year.
    years -= 1;
    approximate = true;
  } else if (birth.day() == 0) {
    if (now.month <= birth.month()) years -= 1;
    approximate = true;
  } else if (now.month < birth.month() || (now.month == birth.month() && now.day < birth.day())) {
    years -= 1;
  }
  if (years < 0) years = 0;
  return Age{static_cast<std::uint32_t>(years), approximate};
}

std::optional<std::int64_t> EarliestDay(const v1::CalendarDate& date) {
  if (date.year() == 0) return std::nullopt;
  const unsigned month = date.month() == 0 ? 1 : date.month();
  const unsigned day = date.month() == 0 || date.day() == 0 ? 1 : date.day();
  return DaysFromCivil(static_cast<std::int64_t>(date.year()), month, day);
}

}  // namespace minegate::server::risk::internal
