// The link protocol around the chip: ACKs, aborts, NACK, faults, wake-up.
#include "tools/pn532-sim/host_protocol.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "tools/pn532-sim/frame_writer.hpp"

namespace minegate::pn532sim {
namespace {

using Clock = HostProtocol::Clock;

Bytes ProtocolFrameFor(const Bytes& command) {
  Bytes payload = {kTfiHostToChip};
  payload.insert(payload.end(), command.begin(), command.end());
  Bytes frame = {0x00, 0x00, 0xFF, static_cast<std::uint8_t>(payload.size()),
                 static_cast<std::uint8_t>(0x100 - payload.size())};
  unsigned sum = 0;
  for (std::uint8_t b : payload) {
    frame.push_back(b);
    sum += b;
  }
  frame.push_back(static_cast<std::uint8_t>((0x100 - (sum & 0xFF)) & 0xFF));
  frame.push_back(0x00);
  return frame;
}

Bytes Concat(const Bytes& a, const Bytes& b) {
  Bytes out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

class Pn532SimHostProtocol : public testing::Test {
 protected:
  Bytes Send(const Bytes& bytes) { return protocol_.OnHostBytes(bytes, now_); }
  /// The firmware version answer: what a chip that is not stalled always gives.
  static Bytes FirmwareAnswer() {
    return Concat(EncodeAck(), EncodeResponse(Bytes{0x03, 0x32, 0x01, 0x06, 0x07}));
  }
  void PlaceAndSelectTag() {
    ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
    const Bytes selected = Send(HostFrameFor({0x4A, 0x01, 0x00}));
    ASSERT_GT(selected.size(), 13U);
    ASSERT_EQ(selected[13], 0x01) << "one target listed";
  }
  /// Page 4 of the tag in the field, as the READ command would see it.
  Bytes Page4() const {
    const Bytes image = field_.present()->ReadableImage();
    return Bytes(image.begin() + 16, image.begin() + 20);
  }

  Logger log_;
  RfField field_;
  FaultPlan faults_;
  Pn532Chip chip_{field_, faults_, log_};
  HostProtocol protocol_{chip_, faults_, log_};
  Clock::time_point now_ = Clock::now();
};

TEST_F(Pn532SimHostProtocol, AcksThenAnswers) {
  const Bytes firmware = EncodeResponse(Bytes{0x03, 0x32, 0x01, 0x06, 0x07});
  EXPECT_EQ(Send(ProtocolFrameFor({0x02})), Concat(EncodeAck(), firmware));
}

TEST_F(Pn532SimHostProtocol, IgnoresFramesWithBadChecksums) {
  Bytes frame = ProtocolFrameFor({0x02});
  frame[frame.size() - 2] ^= 0xFF;
  EXPECT_TRUE(Send(frame).empty());
}

TEST_F(Pn532SimHostProtocol, AnswersASyntaxErrorWithTheErrorFrame) {
  EXPECT_EQ(Send(ProtocolFrameFor({0x8C})), Concat(EncodeAck(), EncodeErrorFrame()));
}

TEST_F(Pn532SimHostProtocol, HostNackRepeatsTheLastResponse) {
  const Bytes first = Send(ProtocolFrameFor({0x02}));
  const Bytes repeat = Send(Bytes{0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00});
  EXPECT_EQ(repeat, EncodeResponse(Bytes{0x03, 0x32, 0x01, 0x06, 0x07}));
}

TEST_F(Pn532SimHostProtocol, HostAckAbortsAHeldCommand) {
  EXPECT_EQ(Send(ProtocolFrameFor({0x4A, 0x01, 0x00})), EncodeAck());
  EXPECT_TRUE(Send(EncodeAck()).empty());
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  EXPECT_TRUE(protocol_.OnFieldChanged(now_).empty()) << "aborted: no late reply";
}

TEST_F(Pn532SimHostProtocol, HeldCommandAnswersWhenATagComes) {
  EXPECT_EQ(Send(ProtocolFrameFor({0x4A, 0x01, 0x00})), EncodeAck());
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  const Bytes reply = protocol_.OnFieldChanged(now_);
  ASSERT_GT(reply.size(), 7U);
  EXPECT_EQ(reply[5], 0xD5);
  EXPECT_EQ(reply[6], 0x4B);
}

TEST_F(Pn532SimHostProtocol, NewCommandSupersedesAHeldOne) {
  EXPECT_EQ(Send(ProtocolFrameFor({0x4A, 0x01, 0x00})), EncodeAck());
  EXPECT_EQ(Send(ProtocolFrameFor({0x02})),
            Concat(EncodeAck(), EncodeResponse(Bytes{0x03, 0x32, 0x01, 0x06, 0x07})));
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  EXPECT_TRUE(protocol_.OnFieldChanged(now_).empty());
}

TEST_F(Pn532SimHostProtocol, DropNextReplyAcksButNeverAnswersOnce) {
  faults_.ArmDropNextReply();
  EXPECT_EQ(Send(ProtocolFrameFor({0x02})), EncodeAck());
  EXPECT_EQ(Send(ProtocolFrameFor({0x02})).size(), EncodeAck().size() + 13);
}

TEST_F(Pn532SimHostProtocol, GarbageBeforeAckPrecedesTheNextAckOnce) {
  faults_.ArmGarbageBeforeAck();
  const Bytes out = Send(ProtocolFrameFor({0x02}));
  const Bytes clean = Concat(EncodeAck(), EncodeResponse(Bytes{0x03, 0x32, 0x01, 0x06, 0x07}));
  ASSERT_GT(out.size(), clean.size());
  EXPECT_EQ(Bytes(out.end() - static_cast<long>(clean.size()), out.end()), clean);
  EXPECT_NE(Bytes(out.begin(), out.begin() + 6), EncodeAck());
  EXPECT_EQ(Send(ProtocolFrameFor({0x02})), clean);
}

TEST_F(Pn532SimHostProtocol, StallAcksThenIgnoresEverythingUntilCleared) {
  faults_.ArmStall(std::nullopt, std::nullopt);
  EXPECT_EQ(Send(HostFrameFor({0x02})), EncodeAck());
  EXPECT_TRUE(Send(HostFrameFor({0x02})).empty()) << "no ACK for the next command either";
  EXPECT_TRUE(Send(EncodeAck()).empty()) << "the host's abort does not wake it";
  EXPECT_TRUE(Send(Bytes{0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00}).empty()) << "nor a NACK";
  const Bytes wake_up = {0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  EXPECT_TRUE(Send(Concat(wake_up, HostFrameFor({0x14, 0x01}))).empty()) << "nor a wake-up";
  EXPECT_EQ(protocol_.NextDeadline(), std::nullopt) << "no end of its own";
  faults_ = FaultPlan();  // fault clear
  EXPECT_EQ(Send(HostFrameFor({0x02})), FirmwareAnswer());
}

TEST_F(Pn532SimHostProtocol, StallWaitsForItsCommandAndDropsWhatFollowsInTheSameRead) {
  ASSERT_NO_FATAL_FAILURE(PlaceAndSelectTag());
  faults_.ArmStall(0x40, std::nullopt);
  EXPECT_EQ(Send(HostFrameFor({0x02})), FirmwareAnswer()) << "another command: served";
  const Bytes read_page_0 = HostFrameFor({0x40, 0x01, 0x30, 0x00});
  EXPECT_EQ(Send(Concat(read_page_0, HostFrameFor({0x02}))), EncodeAck());
  EXPECT_EQ(faults_.Describe(), "stalled");
  faults_ = FaultPlan();
  EXPECT_EQ(Send(HostFrameFor({0x02})), FirmwareAnswer()) << "the dropped frame left no trace";
}

TEST_F(Pn532SimHostProtocol, StalledCommandIsNeverRun) {
  ASSERT_NO_FATAL_FAILURE(PlaceAndSelectTag());
  const Bytes before = Page4();
  faults_.ArmStall(0x40, std::nullopt);
  EXPECT_EQ(Send(HostFrameFor({0x40, 0x01, 0xA2, 0x04, 0xDE, 0xAD, 0xBE, 0xEF})), EncodeAck());
  EXPECT_EQ(Page4(), before) << "the WRITE the chip hung on never reached the tag";
}

TEST_F(Pn532SimHostProtocol, StalledSelectionNeverAnswersWhenATagComes) {
  faults_.ArmStall(0x4A, std::nullopt);
  EXPECT_EQ(Send(HostFrameFor({0x4A, 0x01, 0x00})), EncodeAck());
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  EXPECT_TRUE(protocol_.OnFieldChanged(now_).empty());
  EXPECT_TRUE(protocol_.OnTimer(now_ + std::chrono::seconds(10)).empty());
}

TEST_F(Pn532SimHostProtocol, StallForADurationEndsWithTheChipRestarted) {
  ASSERT_NO_FATAL_FAILURE(PlaceAndSelectTag());
  ASSERT_NE(chip_.Describe().find("target=04A1B2C3D4E5F6"), std::string::npos);
  faults_.ArmStall(std::nullopt, std::chrono::milliseconds(200));
  EXPECT_EQ(Send(HostFrameFor({0x02})), EncodeAck());
  ASSERT_EQ(protocol_.NextDeadline(), now_ + std::chrono::milliseconds(200))
      << "the emulator's loop wakes up when the stall ends";
  EXPECT_TRUE(protocol_.OnTimer(now_ + std::chrono::milliseconds(199)).empty());
  EXPECT_EQ(faults_.Describe(), "stalled");
  EXPECT_TRUE(protocol_.OnTimer(now_ + std::chrono::milliseconds(200)).empty());
  EXPECT_EQ(faults_.Describe(), "none");
  EXPECT_EQ(protocol_.NextDeadline(), std::nullopt);
  // Only a reset unwedges a PN532: field off, target forgotten, as after power-on.
  EXPECT_EQ(chip_.Describe(), "rf=off target=none");
  now_ += std::chrono::milliseconds(200);
  EXPECT_EQ(Send(HostFrameFor({0x02})), FirmwareAnswer());
}

TEST_F(Pn532SimHostProtocol, PowerCycleEndsAStall) {
  faults_.ArmStall(std::nullopt, std::nullopt);
  EXPECT_EQ(Send(HostFrameFor({0x02})), EncodeAck());
  protocol_.Reset();  // unplug
  EXPECT_EQ(faults_.Describe(), "none");
  EXPECT_EQ(Send(HostFrameFor({0x02})), FirmwareAnswer());
}

TEST_F(Pn532SimHostProtocol, WakeUpPreambleRestoresPowerOnRegisters) {
  Send(ProtocolFrameFor({0x08, 0x63, 0x02, 0x00}));  // CRC off, then the client dies
  const Bytes wake_up = {0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  const Bytes reply = Send(Concat(wake_up, ProtocolFrameFor({0x06, 0x63, 0x02})));
  EXPECT_EQ(reply, Concat(EncodeAck(), EncodeResponse(Bytes{0x07, 0x80})));
}

}  // namespace
}  // namespace minegate::pn532sim
