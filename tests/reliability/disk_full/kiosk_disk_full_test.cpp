// The kiosk's disk fills (a file-size limit on the running minegate-kiosk, so its outbox cannot
// grow): a gate tap and a registration are refused on the page with nothing recorded, the kiosk
// stays up, and once space returns both work; the outbox holds exactly what the page said was
// recorded, and so does the server in the end. The real chain: emulator, bridge, kiosk, server.
#include <gtest/gtest.h>

#include "tests/reliability/disk_full/file_size_limit.hpp"
#include "tests/support/db_count.hpp"
#include "tests/support/kiosk_chain.hpp"
#include "tests/support/kiosk_chain_fixture.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

/// No file of the kiosk may grow past this: not one WAL frame (4 KiB page + header) fits.
constexpr std::uint64_t kFull = 4096;

class KioskDiskFullTest : public KioskChainFixture {
 protected:
  std::int64_t OutboxHighest() {
    return Count(chain_->kiosk().database(), "SELECT highest_seq FROM outbox_state");
  }
};

TEST_F(KioskDiskFullTest, TapAndRegistrationRefusedWithNothingRecordedThenWorkWhenSpaceReturns) {
  ASSERT_TRUE(chain_->SignIn()) << Diagnostics();
  const auto registered = chain_->Register("04D0D1D2D3D4D5", "Awa");
  ASSERT_TRUE(registered) << Diagnostics();
  ASSERT_EQ(registered->result(), v1::TAP_RESULT_REGISTERED) << registered->DebugString();
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_GATE));
  ASSERT_TRUE(chain_->SetDirection(v1::DIRECTION_OUT));
  ASSERT_TRUE(page_->WaitForState(KioskChain::SyncedAt(3), 30s)) << Diagnostics();
  ASSERT_EQ(OutboxHighest(), 3);

  const pid_t pid = chain_->kiosk().process().pid();
  ASSERT_EQ(SetFileSizeLimit(pid, kFull), "");

  // A gate tap: refused on the page, nothing recorded.
  const auto tap = chain_->Tap("04D0D1D2D3D4D5");
  ASSERT_TRUE(tap) << Diagnostics();
  EXPECT_NE(tap->result(), v1::TAP_RESULT_ACCEPTED) << tap->DebugString();
  EXPECT_FALSE(tap->recorded()) << tap->DebugString();
  EXPECT_EQ(tap->problem(), v1::TAP_PROBLEM_STORAGE_FULL) << tap->DebugString();
  std::printf("disk full (kiosk): gate tap -> %s\n", tap->ShortDebugString().c_str());

  // A registration: each step is refused or, if it got through, its tap is.
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_REGISTRATION));
  v1::UiRequest start;
  start.mutable_start_registration();
  const auto started = page_->Request(start);
  ASSERT_TRUE(started) << Diagnostics();
  std::printf("disk full (kiosk): start registration -> %s\n", started->ShortDebugString().c_str());

  EXPECT_EQ(OutboxHighest(), 3) << "the outbox grew while full";
  EXPECT_TRUE(chain_->kiosk().process().Running()) << "the kiosk died of its file-size limit";
  const auto state = page_->WaitForState([](const v1::KioskState& s) { return s.has_sync(); });
  ASSERT_TRUE(state);
  EXPECT_EQ(state->sync().highest_recorded_seq(), 3u) << "the page counts an event not stored";

  // Space returns: the same tap is recorded.
  ASSERT_EQ(LiftFileSizeLimit(pid), "");
  ASSERT_TRUE(chain_->SetMode(v1::KIOSK_MODE_GATE));
  const auto again = chain_->Tap("04D0D1D2D3D4D5");
  ASSERT_TRUE(again) << Diagnostics();
  EXPECT_EQ(again->result(), v1::TAP_RESULT_ACCEPTED) << again->DebugString();
  EXPECT_TRUE(again->recorded());
  EXPECT_EQ(again->device_seq(), 4u);
  ASSERT_TRUE(page_->WaitForState(KioskChain::SyncedAt(4), 30s)) << Diagnostics();
  EXPECT_EQ(OutboxHighest(), 4);
  EXPECT_EQ(chain_->ServerEventCount(), 4);
}

}  // namespace
}  // namespace minegate::test
