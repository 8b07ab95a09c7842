// NTAG21x memory model and command set, without the chip around it.
#include "tools/pn532-sim/ntag21x.hpp"

#include <gtest/gtest.h>

namespace minegate::pn532sim {
namespace {

const Bytes kNtagUid = {0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};

Ntag21x ActiveTag(TagModel model = TagModel::kNtag213) {
  Ntag21x tag(model, kNtagUid);
  tag.Activate();
  return tag;
}

TagReply Send(Ntag21x& tag, const Bytes& frame) { return tag.Exchange(frame, Link::kChipManaged); }

TEST(Pn532SimNtag21x, BlankImageFollowsTheDatasheet) {
  const Ntag21x tag(TagModel::kNtag213, kNtagUid);
  const Bytes image = tag.RawImage();
  ASSERT_EQ(image.size(), 45U * 4);
  EXPECT_EQ(Bytes(image.begin(), image.begin() + 20), (Bytes{0x04,
                                                             0xA1,
                                                             0xB2,
                                                             0x88 ^ 0x04 ^ 0xA1 ^ 0xB2,
                                                             0xC3,
                                                             0xD4,
                                                             0xE5,
                                                             0xF6,
                                                             0xC3 ^ 0xD4 ^ 0xE5 ^ 0xF6,
                                                             0x48,
                                                             0x00,
                                                             0x00,
                                                             0xE1,
                                                             0x10,
                                                             0x12,
                                                             0x00,
                                                             0x03,
                                                             0x00,
                                                             0xFE,
                                                             0x00}));
  EXPECT_EQ(Bytes(image.begin() + 0x29 * 4, image.begin() + 0x2A * 4),
            (Bytes{0x04, 0x00, 0x00, 0xFF}));  // CFG0: AUTH0 = FF, no protection
  EXPECT_EQ(Bytes(image.begin() + 0x2B * 4, image.begin() + 0x2C * 4),
            (Bytes{0xFF, 0xFF, 0xFF, 0xFF}));  // PWD
  const Bytes readable = tag.ReadableImage();
  EXPECT_EQ(Bytes(readable.begin() + 0x2B * 4, readable.begin() + 0x2C * 4),
            (Bytes{0x00, 0x00, 0x00, 0x00}));  // PWD reads as zeros
}

TEST(Pn532SimNtag21x, CapabilityContainerAndVersionPerModel) {
  for (auto [model, cc, storage, pages] : {std::tuple{TagModel::kNtag213, 0x12, 0x0F, 45},
                                           std::tuple{TagModel::kNtag215, 0x3E, 0x11, 135},
                                           std::tuple{TagModel::kNtag216, 0x6D, 0x13, 231}}) {
    Ntag21x tag = ActiveTag(model);
    EXPECT_EQ(tag.RawImage().size(), static_cast<std::size_t>(pages) * 4);
    EXPECT_EQ(tag.RawImage()[14], cc);
    const TagReply version = Send(tag, {0x60});
    ASSERT_EQ(version.kind, TagReply::Kind::kData);
    EXPECT_EQ(version.data, (Bytes{0x00, 0x04, 0x04, 0x02, 0x01, 0x00,
                                   static_cast<std::uint8_t>(storage), 0x03}));
  }
}

TEST(Pn532SimNtag21x, ReadReturnsFourPagesAndRollsOver) {
  Ntag21x tag = ActiveTag();
  TagReply reply = Send(tag, {0x30, 0x03});
  ASSERT_EQ(reply.kind, TagReply::Kind::kData);
  EXPECT_EQ(reply.data.size(), 16U);
  EXPECT_EQ(reply.data[0], 0xE1);
  reply = Send(tag, {0x30, 0x2C});  // last page, then pages 0, 1, 2
  ASSERT_EQ(reply.kind, TagReply::Kind::kData);
  EXPECT_EQ(Bytes(reply.data.begin() + 4, reply.data.begin() + 7), (Bytes{0x04, 0xA1, 0xB2}));
}

TEST(Pn532SimNtag21x, FastReadCoversARangeAndRefusesABadOne) {
  Ntag21x tag = ActiveTag();
  TagReply reply = Send(tag, {0x3A, 0x00, 0x2C});
  ASSERT_EQ(reply.kind, TagReply::Kind::kData);
  EXPECT_EQ(reply.data, tag.ReadableImage());
  EXPECT_EQ(Send(tag, {0x3A, 0x05, 0x04}).kind, TagReply::Kind::kNak);
}

TEST(Pn532SimNtag21x, WriteUpdatesUserMemoryAndCountsAsAWrite) {
  Ntag21x tag = ActiveTag();
  const TagReply reply = Send(tag, {0xA2, 0x04, 0x03, 0x03, 0xD0, 0x00});
  EXPECT_EQ(reply.kind, TagReply::Kind::kAck);
  EXPECT_TRUE(reply.wrote_memory);
  const Bytes image = tag.RawImage();
  EXPECT_EQ(Bytes(image.begin() + 16, image.begin() + 20), (Bytes{0x03, 0x03, 0xD0, 0x00}));
}

TEST(Pn532SimNtag21x, RefusedWritesNakAndSendTheTagBackToIdle) {
  for (int page_number : {0x00, 0x01, 0x2D, 0xFF}) {
    const auto page = static_cast<std::uint8_t>(page_number);
    Ntag21x tag = ActiveTag();
    const TagReply reply = Send(tag, {0xA2, page, 1, 2, 3, 4});
    EXPECT_EQ(reply.kind, TagReply::Kind::kNak) << int{page};
    EXPECT_FALSE(reply.wrote_memory);
    EXPECT_FALSE(tag.IsActive());
    EXPECT_EQ(Send(tag, {0x30, 0x00}).kind, TagReply::Kind::kSilent) << "must be re-selected";
  }
}

TEST(Pn532SimNtag21x, StaticLockBitsAreOneTimeAndProtectTheirPages) {
  Ntag21x tag = ActiveTag();
  ASSERT_EQ(Send(tag, {0xA2, 0x02, 0xFF, 0xFF, 0x10, 0x00}).kind, TagReply::Kind::kAck);  // L4
  EXPECT_EQ(tag.RawImage()[8], 0xC3 ^ 0xD4 ^ 0xE5 ^ 0xF6) << "BCC1 is read-only";
  EXPECT_EQ(tag.RawImage()[9], 0x48) << "so is the internal byte";
  ASSERT_EQ(Send(tag, {0xA2, 0x02, 0x00, 0x00, 0x00, 0x00}).kind, TagReply::Kind::kAck);
  EXPECT_EQ(tag.RawImage()[10], 0x10) << "lock bits cannot be cleared";
  EXPECT_EQ(Send(tag, {0xA2, 0x04, 1, 2, 3, 4}).kind, TagReply::Kind::kNak);
  tag.Activate();
  EXPECT_EQ(Send(tag, {0xA2, 0x05, 1, 2, 3, 4}).kind, TagReply::Kind::kAck);
}

TEST(Pn532SimNtag21x, DynamicLockBitsProtectHigherPages) {
  Ntag21x tag = ActiveTag();
  ASSERT_EQ(Send(tag, {0xA2, 0x28, 0x01, 0x00, 0x00, 0x00}).kind, TagReply::Kind::kAck);
  EXPECT_EQ(Send(tag, {0xA2, 0x11, 1, 2, 3, 4}).kind, TagReply::Kind::kNak);  // page 17
  tag.Activate();
  EXPECT_EQ(Send(tag, {0xA2, 0x12, 1, 2, 3, 4}).kind, TagReply::Kind::kAck);  // page 18
}

TEST(Pn532SimNtag21x, CompatibilityWriteInOneOrTwoFrames) {
  Ntag21x tag = ActiveTag();
  Bytes one_frame = {0xA0, 0x06, 9, 8, 7, 6};
  one_frame.resize(18, 0x00);
  EXPECT_EQ(Send(tag, one_frame).kind, TagReply::Kind::kAck);
  EXPECT_EQ(tag.RawImage()[24], 9);
  EXPECT_EQ(tag.Exchange(Bytes{0xA0, 0x07}, Link::kRaw).kind, TagReply::Kind::kAck);
  Bytes data(16, 0x00);
  data[0] = 0x55;
  const TagReply second = tag.Exchange(data, Link::kRaw);
  EXPECT_EQ(second.kind, TagReply::Kind::kAck);
  EXPECT_TRUE(second.wrote_memory);
  EXPECT_EQ(tag.RawImage()[28], 0x55);
}

TEST(Pn532SimNtag21x, PasswordProtectsPagesFromAuth0) {
  Ntag21x tag = ActiveTag();
  ASSERT_EQ(Send(tag, {0xA2, 0x2B, 0x11, 0x22, 0x33, 0x44}).kind, TagReply::Kind::kAck);  // PWD
  ASSERT_EQ(Send(tag, {0xA2, 0x2C, 0xAB, 0xCD, 0x00, 0x00}).kind, TagReply::Kind::kAck);  // PACK
  ASSERT_EQ(Send(tag, {0xA2, 0x29, 0x04, 0x00, 0x00, 0x10}).kind, TagReply::Kind::kAck);  // AUTH0
  EXPECT_EQ(Send(tag, {0xA2, 0x10, 1, 2, 3, 4}).kind, TagReply::Kind::kNak);
  tag.Activate();
  EXPECT_EQ(Send(tag, {0x30, 0x10}).kind, TagReply::Kind::kData) << "PROT=0: reads stay free";
  EXPECT_EQ(Send(tag, {0x1B, 0xFF, 0xFF, 0xFF, 0xFF}).kind, TagReply::Kind::kNak);
  tag.Activate();
  const TagReply pack = Send(tag, {0x1B, 0x11, 0x22, 0x33, 0x44});
  ASSERT_EQ(pack.kind, TagReply::Kind::kData);
  EXPECT_EQ(pack.data, (Bytes{0xAB, 0xCD}));
  EXPECT_EQ(Send(tag, {0xA2, 0x10, 1, 2, 3, 4}).kind, TagReply::Kind::kAck);
  tag.Activate();
  EXPECT_EQ(Send(tag, {0xA2, 0x10, 1, 2, 3, 4}).kind, TagReply::Kind::kNak)
      << "authentication ends with the selection";
}

TEST(Pn532SimNtag21x, DefaultPasswordIsAllOnes) {
  Ntag21x tag = ActiveTag();
  const TagReply pack = Send(tag, {0x1B, 0xFF, 0xFF, 0xFF, 0xFF});
  ASSERT_EQ(pack.kind, TagReply::Kind::kData);
  EXPECT_EQ(pack.data, (Bytes{0x00, 0x00}));
}

TEST(Pn532SimNtag21x, SignatureIsStableAndHaltSilencesTheTag) {
  Ntag21x tag = ActiveTag();
  const TagReply first = Send(tag, {0x3C, 0x00});
  ASSERT_EQ(first.kind, TagReply::Kind::kData);
  EXPECT_EQ(first.data.size(), 32U);
  EXPECT_EQ(Send(tag, {0x3C, 0x00}).data, first.data);
  EXPECT_EQ(Send(tag, {0x50, 0x00}).kind, TagReply::Kind::kSilent);
  EXPECT_FALSE(tag.IsActive());
}

}  // namespace
}  // namespace minegate::pn532sim
