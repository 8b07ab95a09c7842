// Frame parsing and encoding: start-code scanning, checksums, extended frames, bounds.
#include <gtest/gtest.h>

#include <chrono>

#include "tools/pn532-sim/crc_a.hpp"
#include "tools/pn532-sim/frame_parser.hpp"
#include "tools/pn532-sim/frame_writer.hpp"

namespace minegate::pn532sim {
namespace {

using Clock = FrameParser::Clock;

/// A host information frame (TFI D4) around `command`, normal or extended by length.
Bytes HostFrameFor(const Bytes& command) {
  Bytes payload = {kTfiHostToChip};
  payload.insert(payload.end(), command.begin(), command.end());
  Bytes frame = {0x00, 0x00, 0xFF};
  const std::size_t length = payload.size();
  if (length <= 0xFF) {
    frame.push_back(static_cast<std::uint8_t>(length));
    frame.push_back(static_cast<std::uint8_t>(0x100 - length));
  } else {
    const auto high = static_cast<std::uint8_t>(length >> 8);
    const auto low = static_cast<std::uint8_t>(length & 0xFF);
    frame.push_back(0xFF);
    frame.push_back(0xFF);
    frame.push_back(high);
    frame.push_back(low);
    frame.push_back(static_cast<std::uint8_t>(0x100 - ((high + low) & 0xFF)));
  }
  unsigned sum = 0;
  for (std::uint8_t b : payload) {
    frame.push_back(b);
    sum += b;
  }
  frame.push_back(static_cast<std::uint8_t>((0x100 - (sum & 0xFF)) & 0xFF));
  frame.push_back(0x00);
  return frame;
}

TEST(Pn532SimBytes, HexRoundTripAndRejects) {
  EXPECT_EQ(ToHex(Bytes{0x04, 0xA1, 0x0F}), "04A10F");
  EXPECT_EQ(ToSpacedHex(Bytes{0x04, 0xA1}), "04 A1");
  EXPECT_EQ(ParseHex("04a1:0f"), (Bytes{0x04, 0xA1, 0x0F}));
  EXPECT_FALSE(ParseHex("0").has_value());
  EXPECT_FALSE(ParseHex("0g").has_value());
}

TEST(Pn532SimBytes, CrcAMatchesTheKnownGetVersionFrame) {
  // libnfc sends NTAG GET_VERSION in raw mode as 60 F8 32.
  Bytes frame = {0x60};
  AppendCrcA(frame);
  EXPECT_EQ(frame, (Bytes{0x60, 0xF8, 0x32}));
  EXPECT_TRUE(StripCrcA(frame));
  EXPECT_EQ(frame, Bytes{0x60});
  Bytes corrupted = {0x60, 0xF8, 0x33};
  EXPECT_FALSE(StripCrcA(corrupted));
  EXPECT_EQ(corrupted.size(), 3U);
}

TEST(Pn532SimFrameParser, SkipsTheWakeUpPreambleAndReportsIt) {
  FrameParser parser;
  Bytes input = {0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  const Bytes frame = HostFrameFor({0x14, 0x01});
  input.insert(input.end(), frame.begin(), frame.end());
  const auto now = Clock::now();
  parser.Feed(input, now);
  const auto parsed = parser.Next(now);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->kind, HostFrame::Kind::kCommand);
  EXPECT_EQ(parsed->payload, (Bytes{0xD4, 0x14, 0x01}));
  EXPECT_TRUE(parser.TakeWakeUp());
  EXPECT_FALSE(parser.TakeWakeUp());
  EXPECT_FALSE(parser.Next(now).has_value());
}

TEST(Pn532SimFrameParser, DataByte55InsideAFrameIsNotAWakeUp) {
  FrameParser parser;
  const auto now = Clock::now();
  parser.Feed(HostFrameFor({0x08, 0x63, 0x05, 0x55}), now);
  ASSERT_TRUE(parser.Next(now).has_value());
  EXPECT_FALSE(parser.TakeWakeUp());
}

TEST(Pn532SimFrameParser, RecognisesAckAndNack) {
  FrameParser parser;
  const auto now = Clock::now();
  parser.Feed(Bytes{0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00}, now);
  EXPECT_EQ(parser.Next(now)->kind, HostFrame::Kind::kAck);
  EXPECT_EQ(parser.Next(now)->kind, HostFrame::Kind::kNack);
  EXPECT_FALSE(parser.Next(now).has_value());
}

TEST(Pn532SimFrameParser, AssemblesAFrameSplitAcrossReads) {
  FrameParser parser;
  const Bytes frame = HostFrameFor({0x4A, 0x01, 0x00});
  const auto now = Clock::now();
  for (std::uint8_t byte : frame) {
    parser.Feed(Bytes{byte}, now);
    if (auto parsed = parser.Next(now)) {
      EXPECT_EQ(parsed->payload, (Bytes{0xD4, 0x4A, 0x01, 0x00}));
      return;
    }
  }
  FAIL() << "frame never completed";
}

TEST(Pn532SimFrameParser, ParsesExtendedFrames) {
  Bytes command(260, 0xAB);  // TFI + 260 > 255: extended frame
  command[0] = 0x40;
  FrameParser parser;
  const auto now = Clock::now();
  parser.Feed(HostFrameFor(command), now);
  const auto parsed = parser.Next(now);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->kind, HostFrame::Kind::kCommand);
  EXPECT_EQ(parsed->payload.size(), 261U);
}

TEST(Pn532SimFrameParser, BadDataChecksumIsReportedAndAFollowingFrameStillParses) {
  Bytes bad = HostFrameFor({0x02});
  bad[bad.size() - 2] ^= 0x01;  // DCS
  const Bytes good = HostFrameFor({0x02});
  FrameParser parser;
  const auto now = Clock::now();
  parser.Feed(bad, now);
  parser.Feed(good, now);
  EXPECT_EQ(parser.Next(now)->kind, HostFrame::Kind::kBadChecksum);
  const auto parsed = parser.Next(now);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->kind, HostFrame::Kind::kCommand);
}

TEST(Pn532SimFrameParser, BadLengthChecksumIsNotAFrame) {
  FrameParser parser;
  const auto now = Clock::now();
  parser.Feed(Bytes{0x00, 0x00, 0xFF, 0x03, 0x00, 0xD4, 0x02, 0x2A, 0x00}, now);
  EXPECT_FALSE(parser.Next(now).has_value());
}

TEST(Pn532SimFrameParser, GivesUpOnAStaleTruncatedFrame) {
  FrameParser parser;
  const auto start = Clock::now();
  // A host died after announcing 0x20 bytes; the next session's frame must still get through.
  parser.Feed(Bytes{0x00, 0x00, 0xFF, 0x20, 0xE0, 0xD4}, start);
  EXPECT_FALSE(parser.Next(start).has_value());
  const auto later = start + FrameParser::kStaleAfter + std::chrono::milliseconds(1);
  parser.Feed(HostFrameFor({0x14, 0x01}), later);
  const auto parsed = parser.Next(later);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->payload, (Bytes{0xD4, 0x14, 0x01}));
}

TEST(Pn532SimFrameParser, KeepsItsBufferBounded) {
  FrameParser parser;
  const auto now = Clock::now();
  parser.Feed(Bytes(100'000, 0x42), now);
  parser.Feed(HostFrameFor({0x02}), now);
  const auto parsed = parser.Next(now);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->payload, (Bytes{0xD4, 0x02}));
}

TEST(Pn532SimFrameWriter, EncodesNormalAndExtendedResponses) {
  EXPECT_EQ(EncodeAck(), (Bytes{0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00}));
  // GetFirmwareVersion's answer as libnfc logs it: 00 00 ff 06 fa d5 03 32 01 06 07 e8 00.
  EXPECT_EQ(EncodeResponse(Bytes{0x03, 0x32, 0x01, 0x06, 0x07}),
            (Bytes{0x00, 0x00, 0xFF, 0x06, 0xFA, 0xD5, 0x03, 0x32, 0x01, 0x06, 0x07, 0xE8, 0x00}));
  Bytes long_response(300, 0x11);
  const Bytes frame = EncodeResponse(long_response);
  ASSERT_GE(frame.size(), 8U);
  EXPECT_EQ(frame[3], 0xFF);
  EXPECT_EQ(frame[4], 0xFF);
  EXPECT_EQ((frame[5] << 8) | frame[6], 301);
  EXPECT_EQ(static_cast<std::uint8_t>(frame[5] + frame[6] + frame[7]), 0);
  unsigned sum = 0;
  for (std::size_t i = 8; i < frame.size() - 1; ++i) sum += frame[i];  // TFI..DCS
  EXPECT_EQ(sum & 0xFF, 0U);
}

}  // namespace
}  // namespace minegate::pn532sim
