// The chip state machine behind the frames: commands libnfc sends and what it needs back.
#include "tools/pn532-sim/pn532_chip.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace minegate::pn532sim {
namespace {

using Clock = Pn532Chip::Clock;
using std::chrono::milliseconds;

class Pn532SimChip : public testing::Test {
 protected:
  Bytes Run(const Bytes& command) {
    const ChipResult result = chip_.Execute(command, now_);
    EXPECT_EQ(result.kind, ChipResult::Kind::kReply) << ToSpacedHex(command);
    return result.response;
  }
  void SelectFirstTag() {
    ASSERT_EQ(Run({0x12, 0x14}), Bytes{0x13});  // auto RATS on, as libnfc sets it
    ASSERT_EQ(Run({0x4A, 0x01, 0x00})[1], 0x01);
  }

  Logger log_;
  RfField field_;
  FaultPlan faults_;
  Pn532Chip chip_{field_, faults_, log_};
  Clock::time_point now_ = Clock::now();
};

TEST_F(Pn532SimChip, AnswersTheOpeningSequence) {
  EXPECT_EQ(Run({0x14, 0x01}), Bytes{0x15});
  EXPECT_EQ(Run({0x00, 0x00, 'l', 'i', 'b', 'n', 'f', 'c'}),
            (Bytes{0x01, 0x00, 'l', 'i', 'b', 'n', 'f', 'c'}));
  EXPECT_EQ(Run({0x02}), (Bytes{0x03, 0x32, 0x01, 0x06, 0x07}));
  EXPECT_EQ(Run({0x12, 0x14}), Bytes{0x13});
  EXPECT_EQ(Run({0x32, 0x01, 0x00}), Bytes{0x33});
  EXPECT_EQ(Run({0x16, 0xF0}), (Bytes{0x17, 0x00}));
  EXPECT_EQ(chip_.Execute(Bytes{0x8C}, now_).kind, ChipResult::Kind::kSyntaxError);
}

TEST_F(Pn532SimChip, RegistersReadBackWhatWasWrittenWithoutStatusByte) {
  EXPECT_EQ(Run({0x06, 0x63, 0x02, 0x63, 0x03}), (Bytes{0x07, 0x80, 0x80}));
  EXPECT_EQ(Run({0x08, 0x63, 0x05, 0x40, 0x63, 0x3D, 0x07}), Bytes{0x09});
  EXPECT_EQ(Run({0x06, 0x63, 0x05, 0x63, 0x3D, 0xFF, 0xB0}), (Bytes{0x07, 0x40, 0x07, 0x00}));
  EXPECT_EQ(chip_.Execute(Bytes{0x06, 0x63}, now_).kind, ChipResult::Kind::kSyntaxError);
}

TEST_F(Pn532SimChip, ListsATypeATagOrNothingPromptly) {
  ASSERT_EQ(Run({0x32, 0x05, 0x00, 0x01, 0x02}), Bytes{0x33});  // no infinite select
  EXPECT_EQ(Run({0x4A, 0x01, 0x00}), (Bytes{0x4B, 0x00}));
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  EXPECT_EQ(Run({0x4A, 0x01, 0x00}), (Bytes{0x4B, 0x01, 0x01, 0x00, 0x44, 0x00, 0x07, 0x04, 0xA1,
                                            0xB2, 0xC3, 0xD4, 0xE5, 0xF6}));
  // FeliCa, type B and Jewel sweeps never find anything.
  EXPECT_EQ(Run({0x4A, 0x01, 0x01, 0x00, 0xFF, 0xFF, 0x01, 0x00}), (Bytes{0x4B, 0x00}));
  EXPECT_EQ(Run({0x4A, 0x01, 0x03, 0x00}), (Bytes{0x4B, 0x00}));
  EXPECT_EQ(Run({0x4A, 0x01, 0x04}), (Bytes{0x4B, 0x00}));
  // A cascaded UID as initiator data selects only that tag.
  EXPECT_EQ(Run({0x4A, 0x01, 0x00, 0x88, 0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06}),
            (Bytes{0x4B, 0x00}));
  EXPECT_EQ(Run({0x4A, 0x01, 0x00, 0x88, 0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6})[1], 0x01);
}

TEST_F(Pn532SimChip, DesfireIsListedWithItsAtsWhenAutoRatsIsOn) {
  ASSERT_TRUE(field_.Place(TagModel::kDesfireEv1, std::nullopt).ok());
  ASSERT_EQ(Run({0x12, 0x14}), Bytes{0x13});
  EXPECT_EQ(Run({0x4A, 0x01, 0x00}),
            (Bytes{0x4B, 0x01, 0x01, 0x03, 0x44, 0x20, 0x07, 0x04, 0xDE, 0x5F,
                   0x1E, 0x7A, 0x2B, 0x80, 0x06, 0x75, 0x77, 0x81, 0x02, 0x80}));
  ASSERT_EQ(Run({0x12, 0x04}), Bytes{0x13});
  EXPECT_EQ(Run({0x4A, 0x01, 0x00}).size(), 14U) << "no RATS, no ATS";
}

TEST_F(Pn532SimChip, InfiniteSelectHoldsUntilATagComes) {
  const ChipResult result = chip_.Execute(Bytes{0x4A, 0x01, 0x00}, now_);
  ASSERT_EQ(result.kind, ChipResult::Kind::kHold);
  EXPECT_FALSE(chip_.ResumeHeld(now_).has_value());
  EXPECT_FALSE(chip_.HeldDeadline().has_value());
  ASSERT_TRUE(field_.Place(TagModel::kNtag215, std::nullopt).ok());
  const auto response = chip_.ResumeHeld(now_);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ((*response)[0], 0x4B);
  EXPECT_EQ((*response)[1], 0x01);
  EXPECT_FALSE(chip_.IsHolding());
}

TEST_F(Pn532SimChip, AutoPollEndsWithNoTargetAfterItsPeriod) {
  // 2 rounds x 1 period x 150 ms x 2 types = 600 ms.
  const ChipResult result = chip_.Execute(Bytes{0x60, 0x02, 0x01, 0x20, 0x10}, now_);
  ASSERT_EQ(result.kind, ChipResult::Kind::kHold);
  ASSERT_TRUE(chip_.HeldDeadline().has_value());
  EXPECT_EQ(*chip_.HeldDeadline() - now_, milliseconds(600));
  EXPECT_FALSE(chip_.ResumeHeld(now_ + milliseconds(599)).has_value());
  EXPECT_EQ(chip_.ResumeHeld(now_ + milliseconds(600)), (Bytes{0x61, 0x00}));
}

TEST_F(Pn532SimChip, AutoPollReportsTheFirstMatchingType) {
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  const Bytes response = Run({0x60, 0x14, 0x02, 0x20, 0x10, 0x03, 0x11, 0x12, 0x04});
  EXPECT_EQ(response, (Bytes{0x61, 0x01, 0x10, 0x0C, 0x01, 0x00, 0x44, 0x00, 0x07, 0x04, 0xA1, 0xB2,
                             0xC3, 0xD4, 0xE5, 0xF6}));
  ASSERT_TRUE(field_.Place(TagModel::kDesfireEv1, std::nullopt).ok());
  ASSERT_EQ(Run({0x12, 0x14}), Bytes{0x13});
  EXPECT_EQ(Run({0x60, 0x14, 0x02, 0x20, 0x10})[2], 0x20);
}

TEST_F(Pn532SimChip, DataExchangeStatusBytes) {
  EXPECT_EQ(Run({0x40, 0x01, 0x30, 0x00}), (Bytes{0x41, 0x27})) << "no target listed";
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  SelectFirstTag();
  Bytes read = Run({0x40, 0x01, 0x30, 0x00});
  ASSERT_EQ(read.size(), 18U);
  EXPECT_EQ(read[1], 0x00);
  EXPECT_EQ(Run({0x40, 0x01, 0xA2, 0x04, 1, 2, 3, 4}), (Bytes{0x41, 0x00}));
  EXPECT_EQ(Run({0x40, 0x01, 0xA2, 0x00, 1, 2, 3, 4}), (Bytes{0x41, 0x14})) << "NAK";
  EXPECT_EQ(Run({0x40, 0x01, 0x30, 0x00}), (Bytes{0x41, 0x01})) << "tag fell back to IDLE";
  SelectFirstTag();
  ASSERT_TRUE(field_.Remove());
  EXPECT_EQ(Run({0x40, 0x01, 0x30, 0x00}), (Bytes{0x41, 0x01})) << "tag gone: timeout";
  EXPECT_EQ(Run({0x00, 0x06}), (Bytes{0x01, 0x01})) << "Diagnose card presence";
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  EXPECT_EQ(Run({0x40, 0x01, 0x30, 0x00}), (Bytes{0x41, 0x01})) << "back, but not selected";
}

TEST_F(Pn532SimChip, RawExchangeHonoursTheCrcRegisters) {
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  SelectFirstTag();
  // CRC off both ways, as nfc-mfultralight does before GET_VERSION.
  ASSERT_EQ(Run({0x08, 0x63, 0x02, 0x00, 0x63, 0x03, 0x00}), Bytes{0x09});
  EXPECT_EQ(Run({0x42, 0x60, 0xF8, 0x32}),
            (Bytes{0x43, 0x00, 0x00, 0x04, 0x04, 0x02, 0x01, 0x00, 0x0F, 0x03, 0x80, 0x91}));
  EXPECT_EQ(Run({0x42, 0x60, 0xF8, 0x33}), (Bytes{0x43, 0x01})) << "bad CRC: no answer";
  // CRC back on: the chip adds and checks it.
  ASSERT_EQ(Run({0x08, 0x63, 0x02, 0x80, 0x63, 0x03, 0x80}), Bytes{0x09});
  SelectFirstTag();
  EXPECT_EQ(Run({0x42, 0x60}).size(), 10U);
  // WRITE answers a 4-bit ACK: one byte 0A and RxLastBits = 4 in CIU_Control.
  EXPECT_EQ(Run({0x42, 0xA2, 0x05, 1, 2, 3, 4}), (Bytes{0x43, 0x00, 0x0A}));
  EXPECT_EQ(Run({0x06, 0x63, 0x3C})[1] & 0x07, 4);
  // Type B framing reaches nobody.
  ASSERT_EQ(Run({0x08, 0x63, 0x02, 0x83}), Bytes{0x09});
  EXPECT_EQ(Run({0x42, 0x30, 0x00}), (Bytes{0x43, 0x01}));
}

TEST_F(Pn532SimChip, RemoveAfterWritesTakesTheTagOutAfterTheNthWrite) {
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  SelectFirstTag();
  faults_.ArmRemoveAfterWrites(2);
  EXPECT_EQ(Run({0x40, 0x01, 0xA2, 0x04, 1, 2, 3, 4}), (Bytes{0x41, 0x00}));
  EXPECT_NE(field_.present(), nullptr);
  EXPECT_EQ(Run({0x40, 0x01, 0xA2, 0x05, 1, 2, 3, 4}), (Bytes{0x41, 0x00})) << "committed";
  EXPECT_EQ(field_.present(), nullptr);
  EXPECT_EQ(Run({0x40, 0x01, 0x30, 0x00}), (Bytes{0x41, 0x01}));
  EXPECT_EQ(faults_.Describe(), "none");
}

TEST_F(Pn532SimChip, FieldOffDeselects) {
  ASSERT_TRUE(field_.Place(TagModel::kNtag213, std::nullopt).ok());
  SelectFirstTag();
  ASSERT_EQ(Run({0x32, 0x01, 0x00}), Bytes{0x33});
  EXPECT_EQ(Run({0x40, 0x01, 0x30, 0x00}), (Bytes{0x41, 0x27}));
  EXPECT_NE(chip_.Describe().find("rf=off target=none"), std::string::npos);
}

}  // namespace
}  // namespace minegate::pn532sim
