// Writing credentials through the bridge, reading them back from the tag.
#include "tests/integration/bridge/bridge_test_fixture.hpp"

namespace minegate::test {
namespace {

TEST_F(BridgeTest, WriteThenReadBackOnAnotherPresentation) {
  StartBridge({"--tag", "ntag213:" + kUidHex});
  ASSERT_EQ(ExpectPresented().credential_read(), v1::CREDENTIAL_READ_ABSENT);

  const std::string credential = Issue();
  const auto result = Write(credential);
  EXPECT_EQ(result.outcome(), v1::WRITE_OUTCOME_OK) << result.detail().en();
  EXPECT_EQ(result.uid(), kUid);

  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  ExpectRemoved();
  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  const auto again = ExpectPresented();
  ASSERT_EQ(again.credential_read(), v1::CREDENTIAL_READ_OK);
  EXPECT_EQ(again.credential(), credential);
  EXPECT_TRUE(Verifies(again.credential()));
}

TEST_F(BridgeTest, RefusesToOverwriteAnotherCredentialUnlessTold) {
  StartBridge({"--tag", "ntag213:" + kUidHex});
  ExpectPresented();
  const std::string first = Issue();
  ASSERT_EQ(Write(first).outcome(), v1::WRITE_OUTCOME_OK);

  const std::string second = Issue();
  EXPECT_EQ(Write(second).outcome(), v1::WRITE_OUTCOME_HOLDS_CREDENTIAL);
  EXPECT_EQ(Write(first).outcome(), v1::WRITE_OUTCOME_OK) << "rewriting the same bytes is a no-op";
  EXPECT_EQ(Write(second, /*overwrite=*/true).outcome(), v1::WRITE_OUTCOME_OK);

  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  ExpectRemoved();
  ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
  EXPECT_EQ(ExpectPresented().credential(), second);
}

TEST_F(BridgeTest, RefusesTheWrongTagNoTagAndGarbage) {
  StartBridge();
  EXPECT_EQ(Write(Issue()).outcome(), v1::WRITE_OUTCOME_NO_TAG);

  ASSERT_EQ(Control("place ntag213 04010203040506").rfind("ok", 0), 0u);
  ExpectPresented();
  EXPECT_EQ(Write(Issue()).outcome(), v1::WRITE_OUTCOME_WRONG_TAG);

  const std::string other_uid("\x04\x01\x02\x03\x04\x05\x06", 7);
  EXPECT_EQ(Write("not a credential", false, other_uid).outcome(),
            v1::WRITE_OUTCOME_INVALID_REQUEST);
}

TEST_F(BridgeTest, WritesAndReadsAMinerCardOnDesfire) {
  StartBridge({"--tag", "desfire"});
  const auto blank = ExpectPresented();
  ASSERT_EQ(blank.tag_type(), v1::TAG_TYPE_DESFIRE_EV1);
  const std::string card = Issue(credential::Kind::miner_card, blank.uid());
  const auto result = Write(card, false, blank.uid());
  ASSERT_EQ(result.outcome(), v1::WRITE_OUTCOME_OK) << result.detail().en();

  ASSERT_EQ(Control("remove").rfind("ok", 0), 0u);
  ExpectRemoved();
  ASSERT_EQ(Control("place desfire").rfind("ok", 0), 0u);
  const auto again = ExpectPresented();
  ASSERT_EQ(again.credential_read(), v1::CREDENTIAL_READ_OK);
  EXPECT_EQ(again.credential(), card);
  EXPECT_TRUE(Verifies(again.credential(), blank.uid()));
}

// Whatever page a write is torn at, the tag afterwards verifies as the old
// credential, as the new one, or not at all; never as anything else.
TEST_F(BridgeTest, TagRemovedMidWriteNeverVerifiesAsAnythingElse) {
  StartBridge({"--tag", "ntag213:" + kUidHex});
  ExpectPresented();
  const std::string baseline = Issue();

  // The credential's TLV spans 31 pages: one write with the length zeroed, 30
  // pages, then the first page again: 32 writes. Tear after each of them.
  for (int torn_after = 1; torn_after <= 32; ++torn_after) {
    SCOPED_TRACE("torn after write " + std::to_string(torn_after));
    const auto restored = Write(baseline, /*overwrite=*/true);
    ASSERT_EQ(restored.outcome(), v1::WRITE_OUTCOME_OK) << restored.detail().en();

    const std::string replacement = Issue();
    ASSERT_EQ(Control("fault remove-after-writes " + std::to_string(torn_after)).rfind("ok", 0),
              0u);
    const auto result = Write(replacement, /*overwrite=*/true);
    ExpectRemoved();
    ASSERT_EQ(Control("fault clear").rfind("ok", 0), 0u);
    ASSERT_EQ(Control("place ntag213 " + kUidHex).rfind("ok", 0), 0u);
    const auto after = ExpectPresented();

    if (after.credential_read() == v1::CREDENTIAL_READ_OK && Verifies(after.credential())) {
      EXPECT_TRUE(after.credential() == baseline || after.credential() == replacement);
    }
    if (result.outcome() == v1::WRITE_OUTCOME_OK) {
      EXPECT_EQ(after.credential(), replacement) << "reported OK but the tag differs";
    }
  }
}

}  // namespace
}  // namespace minegate::test
