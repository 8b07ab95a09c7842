// The reader misbehaving or vanishing: the bridge reports it, recovers, never hangs.
#include <algorithm>

#include "tests/integration/bridge/bridge_test_fixture.hpp"

namespace minegate::test {
namespace {

TEST_F(BridgeTest, ReaderUnpluggedAndBack) {
  StartBridge();
  ASSERT_EQ(Control("unplug").rfind("ok", 0), 0u);
  const auto lost = client_->WaitFor(IsNotReady, kWait);
  ASSERT_TRUE(lost) << harness_->BridgeLog();
  EXPECT_FALSE(lost->reader_status().detail().fr().empty());
  EXPECT_FALSE(lost->reader_status().detail().en().empty());

  // While unplugged the bridge retries with growing pauses.
  const auto retry = client_->WaitFor(
      [](const v1::BridgeMessage& m) {
        return IsReaderState(m, v1::READER_STATE_DISCONNECTED) &&
               m.reader_status().retry_in_ms() > 0;
      },
      kWait);
  EXPECT_TRUE(retry) << harness_->BridgeLog();

  ASSERT_EQ(Control("replug").rfind("ok", 0), 0u);
  ASSERT_TRUE(client_->WaitFor(IsReady, std::chrono::seconds(20))) << harness_->BridgeLog();
  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  EXPECT_EQ(ExpectPresented().uid(), kUid);
}

TEST_F(BridgeTest, UnpluggedWhileATagIsInTheFieldReportsItGone) {
  StartBridge({"--tag", "ntag213:" + kUidHex});
  ExpectPresented();
  ASSERT_EQ(Control("unplug").rfind("ok", 0), 0u);
  ExpectRemoved();
  ASSERT_EQ(Control("replug").rfind("ok", 0), 0u);
  ASSERT_TRUE(client_->WaitFor(IsReady, std::chrono::seconds(20))) << harness_->BridgeLog();
  EXPECT_EQ(ExpectPresented().uid(), kUid);
}

// Each emulator fault makes the bridge report a fault (or ride it out), and the
// next tap is still seen: no hang, no crash.
class ReaderFaultTest : public BridgeTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(ReaderFaultTest, RecoversAndKeepsServing) {
  StartBridge();
  ASSERT_EQ(Control(std::string("fault ") + GetParam()).rfind("ok", 0), 0u);
  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  // Either the fault hit a poll (status FAULT, then READY again) or the read; in
  // all cases the tag is reported within the bound.
  EXPECT_TRUE(client_->WaitFor(IsTagPresented, std::chrono::seconds(20))) << harness_->BridgeLog();
  EXPECT_TRUE(harness_->bridge().Running());
  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  ASSERT_EQ(Control("place ntag213 04010203040506").rfind("ok", 0), 0u);
  const auto next = client_->WaitFor(
      [](const v1::BridgeMessage& m) {
        return m.has_tag_presented() &&
               m.tag_presented().uid() == std::string("\x04\x01\x02\x03\x04\x05\x06", 7);
      },
      std::chrono::seconds(20));
  EXPECT_TRUE(next) << harness_->BridgeLog();
}

INSTANTIATE_TEST_SUITE_P(Faults, ReaderFaultTest,
                         ::testing::Values("drop-next-reply", "garbage-before-ack"),
                         [](const ::testing::TestParamInfo<const char*>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST_F(BridgeTest, DroppedReplyIsReportedAsAFault) {
  StartBridge();
  ASSERT_EQ(Control("fault drop-next-reply").rfind("ok", 0), 0u);
  // The next poll gets no answer: libnfc times out and the bridge says so.
  const auto fault = client_->WaitFor(IsNotReady, kWait);
  ASSERT_TRUE(fault) << harness_->BridgeLog();
  EXPECT_TRUE(client_->WaitFor(IsReady, std::chrono::seconds(20))) << harness_->BridgeLog();
}

TEST_F(BridgeTest, StopsPromptlyOnSigterm) {
  StartBridge();
  harness_->bridge().Signal(SIGTERM);
  const auto status = harness_->bridge().Wait(std::chrono::seconds(5));
  ASSERT_TRUE(status) << "the bridge did not stop within 5 s";
  EXPECT_TRUE(status->Succeeded());
}

}  // namespace
}  // namespace minegate::test
