// A PN532 that hangs mid-exchange (the emulator's "stall"), through real libnfc: the bridge
// must see it within its bounded timeouts, tell its clients the reader is unavailable,
// reopen the device, and read tags again once the chip is back.
#include <chrono>
#include <string>

#include "tests/integration/bridge/bridge_test_fixture.hpp"

namespace minegate::test {
namespace {

/// How long the bridge may take to report a hung reader. Each libnfc call ends within its
/// own timeout (300 ms to select, 200 ms per NTAG exchange, libnfc's 350 ms default for the
/// rest) or the watchdog aborts it 1.5 s later; detection takes at most a selection and an
/// exchange (or a presence check, a deselect and a selection), then closing the hung
/// device. About 1 s is usual; the rest is headroom for a loaded 2-core machine.
constexpr std::chrono::milliseconds kStallDetected{5'000};
/// Reopening waits for the backoff (up to 8 s) plus one failed open.
constexpr std::chrono::milliseconds kReopened{20'000};

bool IsDisconnected(const v1::BridgeMessage& m) {
  return IsReaderState(m, v1::READER_STATE_DISCONNECTED);
}

class ReaderStallTest : public BridgeTest {
 protected:
  /// How many of the messages received since index `from` presented a tag.
  int PresentationsSince(std::size_t from) const {
    int count = 0;
    const auto& received = client_->received();
    for (std::size_t i = from; i < received.size(); ++i) count += IsTagPresented(received[i]);
    return count;
  }
};

TEST_F(ReaderStallTest, HungMidReadIsReportedReopenedAndReadAgain) {
  StartBridge();
  // A bracelet with a credential, so that reading again is checked down to its bytes.
  const std::string credential = Issue();
  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  ExpectPresented();
  ASSERT_EQ(Write(credential).outcome(), v1::WRITE_OUTCOME_OK);
  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  ExpectRemoved();

  // The chip hangs on the first InDataExchange of the next read (GET_VERSION), after its ACK.
  ASSERT_EQ(Control("fault stall on 40"), "ok armed stall on 40");
  const std::size_t before = client_->received().size();
  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  const auto fault = client_->WaitFor(IsNotReady, kStallDetected);
  ASSERT_TRUE(fault) << "no fault reported within " << kStallDetected.count() << " ms\n"
                     << harness_->BridgeLog();
  EXPECT_EQ(fault->reader_status().state(), v1::READER_STATE_FAULT);
  EXPECT_FALSE(fault->reader_status().detail().fr().empty());
  EXPECT_FALSE(fault->reader_status().detail().en().empty());
  EXPECT_GT(fault->reader_status().retry_in_ms(), 0u);
  // The read the reader hung in is not passed off as a tag (e.g. one without a credential).
  EXPECT_EQ(PresentationsSince(before), 0);
  EXPECT_NE(Control("status").find("faults=stalled"), std::string::npos)
      << "the stall fired mid-read and still holds";

  // While the chip stays hung, reopening fails: the reader is unavailable, writes too.
  ASSERT_TRUE(client_->WaitFor(IsDisconnected, kReopened)) << harness_->BridgeLog();
  EXPECT_EQ(Write(credential).outcome(), v1::WRITE_OUTCOME_READER_UNAVAILABLE);
  EXPECT_EQ(PresentationsSince(before), 0);

  // The chip restarts: the bridge reopens it and reads the bracelet, credential and all.
  ASSERT_EQ(Control("fault clear"), "ok faults cleared");
  ASSERT_TRUE(client_->WaitFor(IsReady, kReopened)) << harness_->BridgeLog();
  const v1::TagPresented again = ExpectPresented();
  EXPECT_EQ(again.uid(), kUid);
  EXPECT_EQ(again.credential_read(), v1::CREDENTIAL_READ_OK);
  EXPECT_EQ(again.credential(), credential);
}

TEST_F(ReaderStallTest, HungWhileWatchingATagReportsItGoneAndRecoversWhenTheChipDoes) {
  StartBridge({"--tag", "ntag213:" + kUidHex});
  const v1::TagPresented first = ExpectPresented();

  // The next presence check (READ 00 over InDataExchange) hangs. The stall outlasts the
  // detection bound, so the fault is seen while it holds, then ends with no one clearing it.
  ASSERT_EQ(Control("fault stall on 40 for 6000"), "ok armed stall on 40 for 6000");
  const auto removed = client_->WaitFor(IsTagRemoved, kStallDetected);
  ASSERT_TRUE(removed) << harness_->BridgeLog();
  EXPECT_EQ(removed->tag_removed().presentation_id(), first.presentation_id());
  ASSERT_TRUE(client_->WaitFor(IsNotReady, kStallDetected)) << harness_->BridgeLog();

  ASSERT_TRUE(client_->WaitFor(IsReady, kReopened)) << harness_->BridgeLog();
  const v1::TagPresented again = ExpectPresented();
  EXPECT_EQ(again.uid(), kUid);
  EXPECT_NE(again.presentation_id(), first.presentation_id());
  EXPECT_EQ(again.tag_type(), v1::TAG_TYPE_NTAG213);
  EXPECT_EQ(Control("status").find("faults=stalled"), std::string::npos);
}

}  // namespace
}  // namespace minegate::test
