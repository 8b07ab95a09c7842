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

}  // namespace
}  // namespace minegate::base
