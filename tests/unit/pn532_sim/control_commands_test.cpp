// The control language against a fake emulator.
#include "tools/pn532-sim/control_commands.hpp"

#include <gtest/gtest.h>

#include "tools/pn532-sim/rf_field.hpp"

namespace minegate::pn532sim {
namespace {

class FakeEmulator : public EmulatorControl {
 public:
  Status PlaceTag(TagModel model, std::optional<Bytes> uid,
                  const std::optional<Bytes>& image) override {
    return field.Place(model, std::move(uid), image);
  }
  bool RemoveTag() override { return field.Remove(); }
  std::optional<Bytes> DumpTag(bool raw) const override {
    if (field.present() == nullptr) return std::nullopt;
    return raw ? field.present()->RawImage() : field.present()->ReadableImage();
  }
  FaultPlan& faults() override { return fault_plan; }
  Status Unplug() override {
    if (!plugged) return Status::Error("already unplugged");
    plugged = false;
    return Status::Ok();
  }
  Status Replug() override {
    if (plugged) return Status::Error("already plugged in");
    plugged = true;
    return Status::Ok();
  }
  std::string Describe() const override { return plugged ? "plugged=yes" : "plugged=no"; }

  RfField field;
  FaultPlan fault_plan;
  bool plugged = true;
};

bool IsError(const std::string& reply) { return reply.rfind("error ", 0) == 0; }

TEST(Pn532SimControl, PlaceRemoveAndDump) {
  FakeEmulator emulator;
  EXPECT_EQ(ExecuteControlLine("place ntag213", emulator), "ok placed ntag213 04A1B2C3D4E5F6");
  EXPECT_EQ(ExecuteControlLine("  place   desfire 04:01:02:03:04:05:06 ", emulator),
            "ok placed desfire 04010203040506");
  EXPECT_EQ(ExecuteControlLine("dump", emulator), "ok 0000");
  EXPECT_EQ(ExecuteControlLine("dump raw", emulator).size(), 3U + 2048 * 2);
  EXPECT_EQ(ExecuteControlLine("remove", emulator), "ok removed");
  EXPECT_EQ(ExecuteControlLine("remove", emulator), "ok field already empty");
  EXPECT_TRUE(IsError(ExecuteControlLine("dump", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place ntag214", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place ntag213 04A1", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place ntag213 zz", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place", emulator)));
}

TEST(Pn532SimControl, TagMemoryIsKeptPerModelAndUid) {
  FakeEmulator emulator;
  ExecuteControlLine("place ntag213", emulator);
  ASSERT_EQ(emulator.field.present()->Model(), TagModel::kNtag213);
  emulator.field.present()->Activate();
  ASSERT_EQ(
      emulator.field.present()->Exchange(Bytes{0xA2, 0x04, 1, 2, 3, 4}, Link::kChipManaged).kind,
      TagReply::Kind::kAck);
  ExecuteControlLine("place ntag216", emulator);  // same default UID, another tag
  EXPECT_EQ(ExecuteControlLine("dump", emulator).substr(3 + 32, 8), "0300FE00");
  ExecuteControlLine("place ntag213", emulator);
  EXPECT_EQ(ExecuteControlLine("dump", emulator).substr(3 + 32, 8), "01020304");
}

// A copy of a tag on another emulator: "dump raw" of the original placed with its UID on a second
// emulator gives the same memory there, secrets included; a wrong size, another UID's image, a
// DESFire card or bad hex are refused and leave the field as it was.
TEST(Pn532SimControl, PlaceCopyGivesTheSameMemoryOnAnotherEmulator) {
  FakeEmulator original;
  ExecuteControlLine("place ntag213 04C1D2E3F4A5B6", original);
  original.field.present()->Activate();
  ASSERT_EQ(
      original.field.present()->Exchange(Bytes{0xA2, 0x05, 9, 8, 7, 6}, Link::kChipManaged).kind,
      TagReply::Kind::kAck);
  const std::string raw = ExecuteControlLine("dump raw", original).substr(3);

  FakeEmulator other;
  EXPECT_EQ(ExecuteControlLine("place ntag213 04C1D2E3F4A5B6 " + raw, other),
            "ok placed copy ntag213 04C1D2E3F4A5B6");
  EXPECT_EQ(ExecuteControlLine("dump raw", other), "ok " + raw);
  EXPECT_EQ(ExecuteControlLine("dump", other), ExecuteControlLine("dump", original));
  // Taken away and put back without an image: the copy keeps its memory.
  ExecuteControlLine("remove", other);
  ExecuteControlLine("place ntag213 04C1D2E3F4A5B6", other);
  EXPECT_EQ(ExecuteControlLine("dump raw", other), "ok " + raw);

  FakeEmulator refusing;
  ExecuteControlLine("place ntag213", refusing);
  const std::string before = ExecuteControlLine("dump raw", refusing);
  EXPECT_TRUE(
      IsError(ExecuteControlLine("place ntag213 04C1D2E3F4A5B6 " + raw.substr(2), refusing)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place ntag213 04C1D2E3F4A5B7 " + raw, refusing)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place ntag215 04C1D2E3F4A5B6 " + raw, refusing)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place desfire 04C1D2E3F4A5B6 00", refusing)));
  EXPECT_TRUE(IsError(ExecuteControlLine("place ntag213 04C1D2E3F4A5B6 zz", refusing)));
  EXPECT_EQ(ExecuteControlLine("dump raw", refusing), before);
  // A refused copy of an unseen UID leaves no blank tag under that UID.
  ExecuteControlLine("place ntag213 04C1D2E3F4A5B7", refusing);
  EXPECT_EQ(ExecuteControlLine("dump", refusing).substr(3 + 32, 8), "0300FE00");
}

TEST(Pn532SimControl, FaultsAreArmedAndDescribed) {
  FakeEmulator emulator;
  EXPECT_EQ(ExecuteControlLine("fault drop-next-reply", emulator), "ok armed drop-next-reply");
  EXPECT_EQ(ExecuteControlLine("fault garbage-before-ack", emulator),
            "ok armed garbage-before-ack");
  EXPECT_EQ(ExecuteControlLine("fault remove-after-writes 2", emulator),
            "ok armed remove-after-writes 2");
  EXPECT_EQ(emulator.fault_plan.Describe(),
            "drop-next-reply,garbage-before-ack,remove-after-writes=2");
  EXPECT_TRUE(IsError(ExecuteControlLine("fault remove-after-writes 0", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("fault remove-after-writes x", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("fault", emulator)));
  EXPECT_EQ(ExecuteControlLine("fault clear", emulator), "ok faults cleared");
  EXPECT_EQ(emulator.fault_plan.Describe(), "none");
}

TEST(Pn532SimControl, StallIsArmedWithItsCommandAndDuration) {
  FakeEmulator emulator;
  EXPECT_EQ(ExecuteControlLine("fault stall", emulator), "ok armed stall");
  EXPECT_EQ(emulator.fault_plan.Describe(), "stall");
  EXPECT_EQ(ExecuteControlLine("fault stall on 4a", emulator), "ok armed stall on 4A");
  EXPECT_EQ(emulator.fault_plan.Describe(), "stall-on=4A");
  EXPECT_EQ(ExecuteControlLine("fault stall for 2500", emulator), "ok armed stall for 2500");
  EXPECT_EQ(emulator.fault_plan.Describe(), "stall-for=2500ms") << "re-arming replaces";
  EXPECT_EQ(ExecuteControlLine("fault  stall on 40  for 1 ", emulator),
            "ok armed stall on 40 for 1");
  EXPECT_EQ(emulator.fault_plan.Describe(), "stall-on=40-for=1ms");
  EXPECT_EQ(ExecuteControlLine("fault clear", emulator), "ok faults cleared");
  EXPECT_EQ(emulator.fault_plan.Describe(), "none");
}

TEST(Pn532SimControl, RejectsMalformedStalls) {
  FakeEmulator emulator;
  for (const char* line :
       {"fault stall on", "fault stall on 4", "fault stall on 4A40", "fault stall on zz",
        "fault stall for", "fault stall for 0", "fault stall for -5", "fault stall for 1.5",
        "fault stall for 3600001", "fault stall for 10 on 40", "fault stall on 40 on 41",
        "fault stall now", "fault stall on 40 for 10 extra"}) {
    EXPECT_TRUE(IsError(ExecuteControlLine(line, emulator))) << line;
  }
  EXPECT_EQ(emulator.fault_plan.Describe(), "none") << "nothing armed by a refused line";
  EXPECT_EQ(ExecuteControlLine("fault stall for 3600000", emulator), "ok armed stall for 3600000");
}

TEST(Pn532SimControl, UnplugAndReplug) {
  FakeEmulator emulator;
  EXPECT_EQ(ExecuteControlLine("fault unplug", emulator), "ok unplugged");
  EXPECT_TRUE(IsError(ExecuteControlLine("unplug", emulator)));
  EXPECT_EQ(ExecuteControlLine("status", emulator), "ok plugged=no");
  EXPECT_EQ(ExecuteControlLine("replug", emulator), "ok replugged");
  EXPECT_TRUE(IsError(ExecuteControlLine("replug", emulator)));
}

TEST(Pn532SimControl, RejectsUnknownAndMalformedCommands) {
  FakeEmulator emulator;
  EXPECT_TRUE(IsError(ExecuteControlLine("", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("frobnicate", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("status now", emulator)));
  EXPECT_TRUE(IsError(ExecuteControlLine("dump cooked", emulator)));
  EXPECT_EQ(ExecuteControlLine("help", emulator).rfind("ok place MODEL", 0), 0U);
}

}  // namespace
}  // namespace minegate::pn532sim
