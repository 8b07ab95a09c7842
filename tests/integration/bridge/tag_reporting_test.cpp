// The bridge reports tags placed on and taken off a real (emulated) PN532.
#include "tests/integration/bridge/bridge_test_fixture.hpp"

namespace minegate::test {
namespace {

TEST_F(BridgeTest, PresentRemovePresent) {
  StartBridge();
  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  const auto first = ExpectPresented();
  EXPECT_EQ(first.uid(), kUid);
  EXPECT_EQ(first.tag_type(), v1::TAG_TYPE_NTAG213);
  EXPECT_EQ(first.memory_bytes(), 144u);
  EXPECT_EQ(first.credential_read(), v1::CREDENTIAL_READ_ABSENT);

  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  auto removed = client_->WaitFor(IsTagRemoved, kWait);
  ASSERT_TRUE(removed) << harness_->BridgeLog();
  EXPECT_EQ(removed->tag_removed().presentation_id(), first.presentation_id());

  ASSERT_EQ(Control("place ntag215 04010203040506").rfind("ok", 0), 0u);
  const auto second = ExpectPresented();
  EXPECT_EQ(second.uid(), std::string("\x04\x01\x02\x03\x04\x05\x06", 7));
  EXPECT_EQ(second.tag_type(), v1::TAG_TYPE_NTAG215);
  EXPECT_EQ(second.memory_bytes(), 504u);
  EXPECT_GT(second.presentation_id(), first.presentation_id());
}

TEST_F(BridgeTest, NewClientIsToldTheReaderStateAndTheTagInTheField) {
  StartBridge({"--tag", "ntag216:" + kUidHex});
  ExpectPresented();
  auto late = harness_->Connect();
  ASSERT_TRUE(late);
  EXPECT_TRUE(late->WaitFor(
      [](const v1::BridgeMessage& m) { return IsReaderState(m, v1::READER_STATE_READY); }, kWait));
  auto tag = late->WaitFor(IsTagPresented, kWait);
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->tag_presented().tag_type(), v1::TAG_TYPE_NTAG216);
}

TEST_F(BridgeTest, EveryClientGetsEveryTagEvenWhenOneDoesNotRead) {
  StartBridge();
  auto idle = harness_->Connect();  // connected, never reads
  ASSERT_TRUE(idle);
  auto other = harness_->Connect();
  ASSERT_TRUE(other);
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
    ASSERT_TRUE(other->WaitFor(IsTagPresented, kWait)) << "round " << i;
    ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
    ASSERT_TRUE(other->WaitFor(IsTagRemoved, kWait)) << "round " << i;
  }
  ExpectPresented();  // the fixture's client got them too
}

TEST_F(BridgeTest, ReadsADesfireMinerCard) {
  StartBridge({"--tag", "desfire"});
  const auto card = ExpectPresented();
  EXPECT_EQ(card.tag_type(), v1::TAG_TYPE_DESFIRE_EV1);
  EXPECT_GT(card.memory_bytes(), 0u);
  EXPECT_EQ(card.credential_read(), v1::CREDENTIAL_READ_ABSENT);
}

TEST_F(BridgeTest, MalformedClientFrameClosesOnlyThatClient) {
  StartBridge();
  auto rogue = harness_->Connect();
  ASSERT_TRUE(rogue);
  // A length prefix of 1 GiB: refused before any body is buffered.
  ASSERT_TRUE(rogue->SendRaw(std::string("\x40\x00\x00\x00", 4)));
  EXPECT_TRUE(rogue->WaitForClose(kWait)) << "the bridge kept a corrupt stream open";

  auto garbage = harness_->Connect();
  ASSERT_TRUE(garbage);
  ASSERT_TRUE(garbage->SendRaw(std::string("\x00\x00\x00\x03\xff\xff\xff", 7)));
  EXPECT_TRUE(garbage->WaitForClose(kWait)) << "the bridge kept an unparsable stream open";

  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  ExpectPresented();
  EXPECT_TRUE(harness_->bridge().Running());
}

}  // namespace
}  // namespace minegate::test
