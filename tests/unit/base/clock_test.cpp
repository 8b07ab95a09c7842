// Times as people and spreadsheets read them.
#include "base/clock.hpp"

#include <gtest/gtest.h>

namespace minegate::base {
namespace {

TEST(BaseClock, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatUtcMs(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtcMs(1796611768889), "2026-12-07T02:49:28.889Z");
  EXPECT_EQ(FormatUtcMs(-1), "1969-12-31T23:59:59.999Z");
}

TEST(BaseClock, DayOfFloorsBeforeAndAfter1970) {
  EXPECT_EQ(DayOf(0), 0);
  EXPECT_EQ(DayOf(kDayMs - 1), 0);
  EXPECT_EQ(DayOf(kDayMs), 1);
  EXPECT_EQ(DayOf(-1), -1);
  EXPECT_EQ(DayOf(-kDayMs), -1);
  EXPECT_EQ(DayOf(-kDayMs - 1), -2);
  EXPECT_EQ(DayOf(1796611768889), 20794);  // 2026-12-07
}

TEST(BaseClock, ParsesAndWritesDays) {
  EXPECT_EQ(ParseDay("1970-01-01", 1970), 0);
  EXPECT_EQ(ParseDay("2026-12-07", 1970), 20794);
  EXPECT_EQ(DayText(20794), "2026-12-07");
  EXPECT_EQ(DayText(0), "1970-01-01");
  EXPECT_EQ(DayText(-1), "1969-12-31");
  EXPECT_EQ(ParseDay("2024-02-29", 1970), 19782);
  EXPECT_EQ(DayText(19782), "2024-02-29");
  // Each caller's earliest year.
  EXPECT_EQ(ParseDay("1969-12-31", 1970), std::nullopt);
  EXPECT_EQ(ParseDay("1969-12-31", 1900), -1);
  EXPECT_EQ(ParseDay("1900-01-01", 1900), -25567);
  EXPECT_EQ(ParseDay("1899-12-31", 1900), std::nullopt);
}

TEST(BaseClock, RefusesWhatIsNotACalendarDay) {
  for (const char* text : {"", "2026-12-7", "2026-12-077", "2026/12/07", "2026-13-01", "2026-00-10",
                           "2026-02-29", "2026-04-31", "2026-12-00", "+026-12-07", "-026-12-07",
                           "2026-+1-07", "2026-1a-07", " 2026-12-0", "20261207xx"}) {
    EXPECT_EQ(ParseDay(text, 1900), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace minegate::base
