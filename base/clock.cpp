#include "base/clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace minegate::base {

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatUtcMs(std::int64_t ms) {
  // Floor division, so that a time before 1970 still reads right to the millisecond.
  std::int64_t seconds = ms / 1000;
  std::int64_t millis = ms % 1000;
  if (millis < 0) {
    millis += 1000;
    seconds -= 1;
  }
  const auto time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (::gmtime_r(&time, &utc) == nullptr) return std::to_string(ms) + " ms";
  char text[64];  // room for any int GCC imagines, not only real dates
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

std::int64_t DayOf(std::int64_t ms) {
  return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

std::optional<std::int64_t> ParseDay(std::string_view text, int min_year) {
  using namespace std::chrono;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int y =
      (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  const auto m = static_cast<unsigned>((text[5] - '0') * 10 + (text[6] - '0'));
  const auto d = static_cast<unsigned>((text[8] - '0') * 10 + (text[9] - '0'));
  const year_month_day date{year{y}, month{m}, day{d}};
  if (!date.ok() || y < min_year) return std::nullopt;
  return sys_days(date).time_since_epoch().count();
}

std::string DayText(std::int64_t day_number) {
  using namespace std::chrono;
  const year_month_day date{sys_days(days(day_number))};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace minegate::base
