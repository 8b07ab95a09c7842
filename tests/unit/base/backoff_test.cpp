// Reconnection delays: full jitter under a ceiling that doubles to a maximum.
#include "base/backoff.hpp"

#include <gtest/gtest.h>

namespace minegate::base {
namespace {

using namespace std::chrono_literals;

TEST(BackoffTest, CeilingDoublesUpToTheMaximum) {
  Backoff backoff(1s, 300s, 42);
  std::vector<std::chrono::milliseconds> ceilings;
  for (int i = 0; i < 12; ++i) {
    ceilings.push_back(backoff.ceiling());
    const auto delay = backoff.Next();
    EXPECT_GE(delay, 0ms);
    EXPECT_LE(delay, ceilings.back());
  }
  EXPECT_EQ(ceilings[0], 1s);
  EXPECT_EQ(ceilings[1], 2s);
  EXPECT_EQ(ceilings[2], 4s);
  EXPECT_EQ(ceilings[8], 256s);
  EXPECT_EQ(ceilings[9], 300s);
  EXPECT_EQ(ceilings[11], 300s);
}

TEST(BackoffTest, ResetReturnsToTheInitialCeiling) {
  Backoff backoff(1s, 300s, 7);
  for (int i = 0; i < 5; ++i) backoff.Next();
  EXPECT_EQ(backoff.ceiling(), 32s);
  backoff.Reset();
  EXPECT_EQ(backoff.ceiling(), 1s);
  EXPECT_LE(backoff.Next(), 1s);
}

TEST(BackoffTest, DelaysAreSpreadOverTheWholeRange) {
  // Full jitter: kiosks cut off together must not come back together.
  Backoff backoff(300s, 300s, 1234);
  std::chrono::milliseconds low = 300s, high = 0ms;
  for (int i = 0; i < 1000; ++i) {
    const auto delay = backoff.Next();
    low = std::min(low, delay);
    high = std::max(high, delay);
  }
  EXPECT_LT(low, 30s);
  EXPECT_GT(high, 270s);
}

TEST(BackoffTest, ARetryIsNeverImmediate) {
  // The bridge publishes retry_in and a zero would read as "not retrying"; a link failing at
  // once must not spin either.
  Backoff backoff(1ms, 2ms, 99);
  for (int i = 0; i < 1000; ++i) EXPECT_GE(backoff.Next(), 1ms);
}

TEST(BackoffTest, HugeFailureCountsDoNotOverflow) {
  Backoff backoff(1ms, std::chrono::milliseconds(INT64_MAX / 2), 1);
  for (int i = 0; i < 200; ++i) {
    EXPECT_GE(backoff.Next(), 1ms);
  }
  EXPECT_GT(backoff.ceiling(), 0ms);
}

TEST(BackoffTest, AMaximumAboveHalfTheRangeIsReachedWithoutOverflow) {
  // Doubling a ceiling past milliseconds::max() / 2 would wrap to a negative one.
  const auto max = std::chrono::milliseconds::max();
  Backoff backoff(1ms, max, 5);
  for (int i = 0; i < 200; ++i) {
    EXPECT_GE(backoff.Next(), 1ms);
    EXPECT_GT(backoff.ceiling(), 0ms);
  }
  EXPECT_EQ(backoff.ceiling(), max);
}

}  // namespace
}  // namespace minegate::base
