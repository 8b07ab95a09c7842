// Length-prefixed frames on the bridge <-> kiosk socket.
#include "proto/framing/length_prefixed.hpp"

#include <gtest/gtest.h>

#include "minegate/v1/reader.pb.h"

namespace minegate::framing {
namespace {

v1::BridgeMessage TagMessage(std::uint64_t id) {
  v1::BridgeMessage message;
  auto* tag = message.mutable_tag_presented();
  tag->set_presentation_id(id);
  tag->set_uid(std::string("\x04\xA1\xB2\xC3\xD4\xE5\xF6", 7));
  tag->set_tag_type(v1::TAG_TYPE_NTAG213);
  return message;
}

TEST(LengthPrefixedTest, HeaderIsBigEndianLength) {
  const auto frame = EncodeFrame(TagMessage(1)).value();
  const std::size_t body = TagMessage(1).ByteSizeLong();
  ASSERT_EQ(frame.size(), kHeaderSize + body);
  EXPECT_EQ(frame[0], 0);
  EXPECT_EQ(frame[1], 0);
  EXPECT_EQ(frame[2], static_cast<std::uint8_t>(body >> 8));
  EXPECT_EQ(frame[3], static_cast<std::uint8_t>(body));
}

TEST(LengthPrefixedTest, ReassemblesFramesSplitAnywhere) {
  std::vector<std::uint8_t> stream;
  for (std::uint64_t id = 1; id <= 3; ++id) {
    const auto frame = EncodeFrame(TagMessage(id)).value();
    stream.insert(stream.end(), frame.begin(), frame.end());
  }
  // Feed one byte at a time: the worst split a socket can produce.
  FrameDecoder decoder;
  std::vector<std::uint64_t> ids;
  for (std::uint8_t byte : stream) {
    decoder.Feed(std::span(&byte, 1));
    while (true) {
      auto next = decoder.Next();
      ASSERT_TRUE(next);
      if (!next.value()) break;
      v1::BridgeMessage message;
      ASSERT_TRUE(ParseFrame(*next.value(), message));
      ids.push_back(message.tag_presented().presentation_id());
    }
  }
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(decoder.buffered(), 0u);
}

TEST(LengthPrefixedTest, ZeroLengthPoisonsTheStream) {
  FrameDecoder decoder;
  const std::vector<std::uint8_t> zero = {0, 0, 0, 0};
  decoder.Feed(zero);
  EXPECT_EQ(decoder.Next().error(), make_error_code(Errc::empty_frame));
  const auto good = EncodeFrame(TagMessage(1)).value();
  decoder.Feed(good);
  EXPECT_EQ(decoder.Next().error(), make_error_code(Errc::empty_frame));
}

TEST(LengthPrefixedTest, OversizedLengthRefusedBeforeTheBodyArrives) {
  FrameDecoder decoder;
  const std::vector<std::uint8_t> header = {0x00, 0x01, 0x00, 0x01};  // 65537
  decoder.Feed(header);
  EXPECT_EQ(decoder.Next().error(), make_error_code(Errc::frame_too_large));
  const std::vector<std::uint8_t> huge = {0xFF, 0xFF, 0xFF, 0xFF};
  FrameDecoder other;
  other.Feed(huge);
  EXPECT_EQ(other.Next().error(), make_error_code(Errc::frame_too_large));
}

TEST(LengthPrefixedTest, IncompleteFrameWaitsForMore) {
  const auto frame = EncodeFrame(TagMessage(9)).value();
  FrameDecoder decoder;
  decoder.Feed(std::span(frame).first(frame.size() - 1));
  auto next = decoder.Next();
  ASSERT_TRUE(next);
  EXPECT_FALSE(next.value().has_value());
  EXPECT_EQ(decoder.buffered(), frame.size() - 1);
}

TEST(LengthPrefixedTest, GarbageBodyIsUnparsable) {
  const std::vector<std::uint8_t> garbage = {0xFF, 0xFF, 0xFF};
  v1::BridgeMessage message;
  EXPECT_EQ(ParseFrame(garbage, message).error(), make_error_code(Errc::unparsable));
  EXPECT_EQ(ParseFrame({}, message).error(), make_error_code(Errc::empty_frame));
}

TEST(LengthPrefixedTest, EmptyMessageCannotBeFramed) {
  EXPECT_EQ(EncodeFrame(v1::BridgeMessage()).error(), make_error_code(Errc::empty_frame));
}

}  // namespace
}  // namespace minegate::framing
