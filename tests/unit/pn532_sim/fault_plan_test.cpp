// The fault plan on its own: what is armed, when it fires, when a stall ends.
#include "tools/pn532-sim/fault_plan.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace minegate::pn532sim {
namespace {

using Clock = FaultPlan::Clock;
using std::chrono::milliseconds;

constexpr std::uint8_t kGetFirmwareVersion = 0x02;
constexpr std::uint8_t kInDataExchange = 0x40;

TEST(Pn532SimFaultPlan, StallFiresOnTheNextCommandOnce) {
  FaultPlan faults;
  const Clock::time_point now = Clock::now();
  EXPECT_FALSE(faults.TakeStall(kGetFirmwareVersion, now)) << "nothing armed";
  faults.ArmStall(std::nullopt, std::nullopt);
  EXPECT_EQ(faults.Describe(), "stall");
  EXPECT_FALSE(faults.Stalled(now)) << "armed is not yet stalled";
  EXPECT_TRUE(faults.TakeStall(kGetFirmwareVersion, now));
  EXPECT_FALSE(faults.TakeStall(kGetFirmwareVersion, now)) << "one-shot";
  EXPECT_TRUE(faults.Stalled(now));
  EXPECT_TRUE(faults.Stalled(now + std::chrono::hours(1))) << "lasts until cleared";
  EXPECT_EQ(faults.StallEnd(), std::nullopt);
  EXPECT_EQ(faults.Describe(), "stalled");
}

TEST(Pn532SimFaultPlan, StallWaitsForItsCommand) {
  FaultPlan faults;
  const Clock::time_point now = Clock::now();
  faults.ArmStall(kInDataExchange, std::nullopt);
  EXPECT_EQ(faults.Describe(), "stall-on=40");
  EXPECT_FALSE(faults.TakeStall(kGetFirmwareVersion, now));
  EXPECT_FALSE(faults.Stalled(now));
  EXPECT_EQ(faults.Describe(), "stall-on=40") << "still armed after another command";
  EXPECT_TRUE(faults.TakeStall(kInDataExchange, now));
  EXPECT_TRUE(faults.Stalled(now));
}

TEST(Pn532SimFaultPlan, StallWithADurationEndsByItself) {
  FaultPlan faults;
  const Clock::time_point fired = Clock::now();
  faults.ArmStall(kInDataExchange, milliseconds(1500));
  EXPECT_EQ(faults.Describe(), "stall-on=40-for=1500ms");
  EXPECT_TRUE(faults.TakeStall(kInDataExchange, fired));
  ASSERT_EQ(faults.StallEnd(), fired + milliseconds(1500));
  EXPECT_TRUE(faults.Stalled(fired + milliseconds(1499)));
  EXPECT_FALSE(faults.Stalled(fired + milliseconds(1500)));
  EXPECT_EQ(faults.StallEnd(), std::nullopt);
  EXPECT_EQ(faults.Describe(), "none");
}

TEST(Pn532SimFaultPlan, PowerCycleEndsAnActiveStallOnly) {
  FaultPlan faults;
  const Clock::time_point now = Clock::now();
  faults.ArmStall(std::nullopt, std::nullopt);
  ASSERT_TRUE(faults.TakeStall(kGetFirmwareVersion, now));
  faults.EndStall();
  EXPECT_FALSE(faults.Stalled(now));
  faults.ArmStall(kInDataExchange, std::nullopt);
  faults.EndStall();
  EXPECT_EQ(faults.Describe(), "stall-on=40") << "an armed stall waits for its command";
}

TEST(Pn532SimFaultPlan, ClearingEndsAStall) {
  FaultPlan faults;
  const Clock::time_point now = Clock::now();
  faults.ArmStall(std::nullopt, std::nullopt);
  faults.ArmDropNextReply();
  ASSERT_TRUE(faults.TakeStall(kGetFirmwareVersion, now));
  EXPECT_EQ(faults.Describe(), "drop-next-reply,stalled");
  faults = FaultPlan();  // what "fault clear" does
  EXPECT_FALSE(faults.Stalled(now));
  EXPECT_EQ(faults.Describe(), "none");
}

}  // namespace
}  // namespace minegate::pn532sim
