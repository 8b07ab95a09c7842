#include "firmware-bridge/ndef/type2_tlv.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "firmware-bridge/ndef/record.hpp"

namespace minegate::ndef {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Bytes kMessage = {0xD1, 0x01, 0x08, 0x55, 0x01, 0x6E, 0x66, 0x63, 0x2E, 0x63, 0x6F, 0x6D};

Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

Errc ErrorOf(const Result<Bytes>& result) {
  EXPECT_FALSE(result) << "expected an error";
  return result ? Errc{} : static_cast<Errc>(result.error().value());
}

TEST(NdefType2Test, ShortLengthForm) {
  const Bytes area = EncodeType2Area(kMessage);
  EXPECT_EQ(area, Concat({{0x03, 0x0C}, kMessage, {0xFE}}));
  EXPECT_EQ(Type2AreaSize(kMessage.size()), area.size());
  const auto extracted = ExtractNdefFromType2Area(area);
  ASSERT_TRUE(extracted);
  EXPECT_EQ(extracted.value(), kMessage);
}

TEST(NdefType2Test, LengthFormChangesAt255) {
  const Bytes message254(254, 0x11);
  const Bytes area254 = EncodeType2Area(message254);
  EXPECT_EQ((Bytes{area254.begin(), area254.begin() + 2}), (Bytes{0x03, 0xFE}));
  EXPECT_EQ(area254.size(), Type2AreaSize(254));
  EXPECT_EQ(area254.size(), 257u);

  const Bytes message255(255, 0x22);
  const Bytes area255 = EncodeType2Area(message255);
  EXPECT_EQ((Bytes{area255.begin(), area255.begin() + 4}), (Bytes{0x03, 0xFF, 0x00, 0xFF}));
  EXPECT_EQ(area255.back(), 0xFE);
  EXPECT_EQ(area255.size(), Type2AreaSize(255));
  EXPECT_EQ(area255.size(), 260u);

  for (const Bytes* message : {&message254, &message255}) {
    const auto extracted = ExtractNdefFromType2Area(EncodeType2Area(*message));
    ASSERT_TRUE(extracted);
    EXPECT_EQ(extracted.value(), *message);
  }
}

TEST(NdefType2Test, ThreeByteLengthRoundTripsNtag216SizedMessage) {
  const Bytes message(868, 0x5A);
  const Bytes area = EncodeType2Area(message);
  EXPECT_EQ((Bytes{area.begin(), area.begin() + 4}), (Bytes{0x03, 0xFF, 0x03, 0x64}));
  Bytes memory = area;
  memory.resize(888, 0x00);  // NTAG216 user memory, zero-filled after the terminator
  const auto extracted = ExtractNdefFromType2Area(memory);
  ASSERT_TRUE(extracted);
  EXPECT_EQ(extracted.value(), message);
}

TEST(NdefType2Test, SizeLimits) {
  EXPECT_EQ(Type2AreaSize(141), 144u);  // the largest message an NTAG213 holds
  EXPECT_EQ(Type2AreaSize(0), 3u);
  EXPECT_EQ(Type2AreaSize(kMaxType2Message), kMaxType2Message + 5);
  EXPECT_EQ(Type2AreaSize(kMaxType2Message + 1), std::numeric_limits<std::size_t>::max());
  EXPECT_EQ(EncodeType2Area(Bytes(kMaxType2Message, 0)).size(), kMaxType2Message + 5);
  EXPECT_TRUE(EncodeType2Area(Bytes(kMaxType2Message + 1, 0)).empty());
}

TEST(NdefType2Test, SkipsNullLockAndMemoryControlTlvs) {
  const Bytes memory = Concat({{0x00, 0x00},
                               {0x01, 0x03, 0xA0, 0x0C, 0x44},  // Lock Control
                               {0x00},
                               {0x02, 0x03, 0x00, 0x00, 0x00},  // Memory Control
                               {0xFD, 0x02, 0xAA, 0xBB},        // Proprietary
                               {0x03, 0x0C},
                               kMessage,
                               {0xFE, 0x00, 0x00}});
  const auto extracted = ExtractNdefFromType2Area(memory);
  ASSERT_TRUE(extracted);
  EXPECT_EQ(extracted.value(), kMessage);
}

TEST(NdefType2Test, ReturnsTheFirstNdefTlv) {
  const Bytes memory = Concat({{0x03, 0x03, 0xD0, 0x00, 0x00, 0x03, 0x0C}, kMessage, {0xFE}});
  const auto extracted = ExtractNdefFromType2Area(memory);
  ASSERT_TRUE(extracted);
  EXPECT_EQ(extracted.value(), (Bytes{0xD0, 0x00, 0x00}));
}

TEST(NdefType2Test, TerminatorIsOptionalWhenTheTlvFillsTheArea) {
  const Bytes memory = Concat({{0x03, 0x0C}, kMessage});
  const auto extracted = ExtractNdefFromType2Area(memory);
  ASSERT_TRUE(extracted);
  EXPECT_EQ(extracted.value(), kMessage);
}

TEST(NdefType2Test, ThreeByteFormWithSmallLengthIsAccepted) {
  const auto extracted = ExtractNdefFromType2Area(Bytes{0x03, 0xFF, 0x00, 0x03, 0xD0, 0x00, 0x00});
  ASSERT_TRUE(extracted);
  EXPECT_EQ(extracted.value(), (Bytes{0xD0, 0x00, 0x00}));
}

TEST(NdefType2Test, BlankFormattedTagIsAnEmptyMessage) {
  Bytes memory(144, 0x00);
  memory[0] = 0x03;
  memory[1] = 0x00;
  memory[2] = 0xFE;
  const auto extracted = ExtractNdefFromType2Area(memory);
  ASSERT_TRUE(extracted);
  EXPECT_TRUE(extracted.value().empty());
  // ... and the message layer then says "empty", not "malformed".
  EXPECT_EQ(DecodeMessage(extracted.value()).error(), Errc::empty_message);
}

TEST(NdefType2Test, MemoryWithoutNdefTlvIsNoNdefTlv) {
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes(144, 0x00))), Errc::no_ndef_tlv);
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes{})), Errc::no_ndef_tlv);
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes{0xFE, 0x03, 0x03, 0xD0, 0x00, 0x00})),
            Errc::no_ndef_tlv);
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes{0x01, 0x03, 0xA0, 0x0C, 0x44, 0xFE})),
            Errc::no_ndef_tlv);
}

TEST(NdefType2Test, LengthBeyondAreaIsBadTlvLength) {
  const Bytes one_short = Concat({{0x03, 0x0D}, kMessage});
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(one_short)), Errc::bad_tlv_length);
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes{0x03})), Errc::bad_tlv_length);
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes{0x03, 0xFF, 0x00})), Errc::bad_tlv_length);
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes{0x03, 0xFF, 0x01, 0x00, 0x00})),
            Errc::bad_tlv_length);
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(Bytes{0x01, 0x10, 0xA0, 0x0C, 0x44})),
            Errc::bad_tlv_length);
  Bytes reserved_length = {0x03, 0xFF, 0xFF, 0xFF};
  reserved_length.resize(0x10003, 0x00);  // even when the area is large enough
  EXPECT_EQ(ErrorOf(ExtractNdefFromType2Area(reserved_length)), Errc::bad_tlv_length);
}

}  // namespace
}  // namespace minegate::ndef
