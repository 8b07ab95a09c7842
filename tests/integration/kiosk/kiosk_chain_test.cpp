// Register, tap in and out, sync; the server away for a whole scenario; the
// kiosk killed between a tap and its sync. Real processes end to end.
#include "tests/support/kiosk_chain.hpp"

#include <gtest/gtest.h>

#include "tests/support/kiosk_chain_fixture.hpp"

namespace minegate::test {
namespace {

class KioskChainTest : public KioskChainFixture {
 protected:
  void SignIn() { ASSERT_TRUE(chain_->SignIn()) << Diagnostics(); }
  void SetMode(v1::KioskMode mode) { ASSERT_TRUE(chain_->SetMode(mode)); }
  void SetDirection(v1::Direction direction) { ASSERT_TRUE(chain_->SetDirection(direction)); }
  v1::TapOutcome Register(const std::string& uid_hex, const std::string& name) {
    auto outcome = chain_->Register(uid_hex, name);
    EXPECT_TRUE(outcome) << Diagnostics();
    return outcome.value_or(v1::TapOutcome());
  }
  v1::TapOutcome Tap(const std::string& uid_hex) {
    auto outcome = chain_->Tap(uid_hex);
    EXPECT_TRUE(outcome) << Diagnostics();
    return outcome.value_or(v1::TapOutcome());
  }
  void StartKiosk() {
    std::string error;
    ASSERT_TRUE(chain_->StartKiosk(error)) << error;
    page_ = &chain_->page();
  }
  std::int64_t ServerEventCount(const std::string& kind = "") {
    return chain_->ServerEventCount(kind);
  }
};

constexpr auto kSyncWait = std::chrono::seconds(30);

/// Every one of the `count` events recorded is acknowledged.
constexpr auto SyncedAt = &KioskChain::SyncedAt;

TEST_F(KioskChainTest, RegisteredPersonTapsInAndOutAndTheServerHasEveryEvent) {
  SignIn();
  const v1::TapOutcome registered = Register("04B0B1B2B3B4B5", "Mariama");
  ASSERT_EQ(registered.result(), v1::TAP_RESULT_REGISTERED) << registered.DebugString();
  EXPECT_TRUE(registered.recorded());
  EXPECT_EQ(registered.device_seq(), 3u);  // person, bracelet, first entry

  SetMode(v1::KIOSK_MODE_GATE);
  SetDirection(v1::DIRECTION_OUT);
  const v1::TapOutcome out = Tap("04B0B1B2B3B4B5");
  EXPECT_EQ(out.result(), v1::TAP_RESULT_ACCEPTED) << out.DebugString();
  EXPECT_EQ(out.first_name(), "Mariama");
  EXPECT_EQ(out.sex(), v1::SEX_FEMALE);
  EXPECT_EQ(out.birth_year(), 2006u);
  EXPECT_EQ(out.direction(), v1::DIRECTION_OUT);
  SetDirection(v1::DIRECTION_IN);
  const v1::TapOutcome in = Tap("04B0B1B2B3B4B5");
  EXPECT_EQ(in.result(), v1::TAP_RESULT_ACCEPTED);
  const v1::TapOutcome blank = Tap("04C0C1C2C3C4C5");
  EXPECT_EQ(blank.result(), v1::TAP_RESULT_UNKNOWN_BRACELET);

  ASSERT_TRUE(page_->WaitForState(SyncedAt(6), kSyncWait)) << Diagnostics();
  EXPECT_EQ(ServerEventCount(), 6);
  EXPECT_EQ(ServerEventCount("person_registered"), 1);
  EXPECT_EQ(ServerEventCount("bracelet_issued"), 1);
  EXPECT_EQ(ServerEventCount("gate_passed"), 4);

  // The page's reconcile: the server's figures next to the kiosk's own.
  v1::UiRequest refresh;
  refresh.mutable_refresh_sync();
  ASSERT_TRUE(page_->Request(refresh)->ok());
  auto compared =
      page_->WaitForState([](const v1::KioskState& s) { return s.sync().has_server_report(); });
  ASSERT_TRUE(compared) << Diagnostics();
  EXPECT_EQ(compared->sync().server_report().event_count(), 6u);
  EXPECT_EQ(compared->sync().own_event_count(), 6u);
}

TEST_F(KioskChainTest, ServerDownForTheWholeScenarioThenEverythingArrivesOnce) {
  chain_->server().Stop();
  SignIn();
  ASSERT_EQ(Register("04D0D1D2D3D4D5", "Fanta").result(), v1::TAP_RESULT_REGISTERED);
  SetMode(v1::KIOSK_MODE_GATE);
  for (int i = 0; i < 5; ++i) {
    SetDirection(i % 2 == 0 ? v1::DIRECTION_OUT : v1::DIRECTION_IN);
    ASSERT_EQ(Tap("04D0D1D2D3D4D5").result(), v1::TAP_RESULT_ACCEPTED);
  }
  auto waiting =
      page_->WaitForState([](const v1::KioskState& s) { return s.sync().pending_events() == 8; });
  ASSERT_TRUE(waiting) << Diagnostics();
  EXPECT_FALSE(waiting->sync().connected());
  EXPECT_EQ(ServerEventCount(), 0);

  std::string error;
  ASSERT_TRUE(chain_->server().Start(error)) << error;
  ASSERT_TRUE(page_->WaitForState(SyncedAt(8), std::chrono::seconds(60))) << Diagnostics();
  EXPECT_EQ(ServerEventCount(), 8);
  EXPECT_EQ(ServerEventCount("gate_passed"), 6);
}

TEST_F(KioskChainTest, KioskKilledBetweenTapAndSyncLosesNothing) {
  chain_->server().Stop();
  SignIn();
  ASSERT_EQ(Register("04E0E1E2E3E4E5", "Kadiatou").result(), v1::TAP_RESULT_REGISTERED);
  SetMode(v1::KIOSK_MODE_GATE);
  const v1::TapOutcome tap = Tap("04E0E1E2E3E4E5");
  ASSERT_TRUE(tap.recorded());
  ASSERT_EQ(tap.device_seq(), 4u);
  // Power cut right after the screen said "recorded".
  chain_->kiosk().Kill();
  std::string error;
  ASSERT_TRUE(chain_->server().Start(error)) << error;
  StartKiosk();
  ASSERT_TRUE(page_->WaitForState(SyncedAt(4), std::chrono::seconds(60))) << Diagnostics();
  EXPECT_EQ(ServerEventCount(), 4);
  // And the kiosk carries on numbering after a restart, without gaps.
  SignIn();
  SetMode(v1::KIOSK_MODE_GATE);
  EXPECT_EQ(Tap("04E0E1E2E3E4E5").device_seq(), 5u);
  ASSERT_TRUE(page_->WaitForState([](const v1::KioskState& s) { return s.sync().acked_seq() == 5; },
                                  kSyncWait));
  EXPECT_EQ(ServerEventCount(), 5);
}

}  // namespace
}  // namespace minegate::test
