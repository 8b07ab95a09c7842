// libnfc's own tools, unmodified, against the emulator: the proof that the real pn532_uart
// driver accepts it. Each test owns an emulator process in a private directory.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "tests/support/emulator_harness.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test {
namespace {

using std::chrono::milliseconds;

std::unique_ptr<EmulatorHarness> StartOrFail(const std::vector<std::string>& args) {
  std::string error;
  std::unique_ptr<EmulatorHarness> harness = EmulatorHarness::Start(args, error);
  EXPECT_NE(harness, nullptr) << error;
  return harness;
}

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text;
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0x0F];
  }
  return text;
}

TEST(Pn532SimLibnfcTools, ScanDeviceNamesTheEmulator) {
  auto sim = StartOrFail({});
  ASSERT_NE(sim, nullptr);
  const RunResult run = sim->RunTool({ToolPaths::ScanDevice(), "-v"});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_TRUE(run.status.Succeeded()) << run.out << run.err;
  EXPECT_NE(run.out.find("1 NFC device(s) found"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("pn532_uart:" + sim->link_path()), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("chip: PN532 v1.6"), std::string::npos) << run.out;
}

TEST(Pn532SimLibnfcTools, ListPrintsTheNtag213Uid) {
  auto sim = StartOrFail({"--tag", "ntag213"});
  ASSERT_NE(sim, nullptr);
  const RunResult run = sim->RunTool({ToolPaths::List()});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.out.find("1 ISO14443A passive target(s) found"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ATQA (SENS_RES): 00  44"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("UID (NFCID1): " + LibnfcHex("04A1B2C3D4E5F6")), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("SAK (SEL_RES): 00"), std::string::npos) << run.out;
}

TEST(Pn532SimLibnfcTools, ListPrintsTheDesfireUidAndAts) {
  auto sim = StartOrFail({"--tag", "desfire:04112233445566"});
  ASSERT_NE(sim, nullptr);
  const RunResult run = sim->RunTool({ToolPaths::List(), "-v"});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.out.find("ATQA (SENS_RES): 03  44"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("UID (NFCID1): " + LibnfcHex("04112233445566")), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("SAK (SEL_RES): 20"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ATS: 75  77  81  02  80"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("MIFARE DESFire EV1"), std::string::npos) << run.out;
}

TEST(Pn532SimLibnfcTools, RemovedTagIsNoLongerListed) {
  auto sim = StartOrFail({"--tag", "ntag213"});
  ASSERT_NE(sim, nullptr);
  ASSERT_EQ(sim->Control("remove"), "ok removed");
  const RunResult run = sim->RunTool({ToolPaths::List()});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.out.find("NFC device: user defined device opened"), std::string::npos)
      << run.out << run.err;
  EXPECT_EQ(run.out.find("UID"), std::string::npos) << run.out;
}

TEST(Pn532SimLibnfcTools, PlacedTagWithAnotherUidIsListed) {
  auto sim = StartOrFail({"--tag", "ntag213"});
  ASSERT_NE(sim, nullptr);
  ASSERT_EQ(sim->Control("place ntag215 04AABBCCDDEEFF"), "ok placed ntag215 04AABBCCDDEEFF");
  RunResult run = sim->RunTool({ToolPaths::List()});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.out.find("UID (NFCID1): " + LibnfcHex("04AABBCCDDEEFF")), std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find(LibnfcHex("04A1B2C3D4E5F6")), std::string::npos) << run.out;

  ASSERT_EQ(sim->Control("place desfire 04010203040506"), "ok placed desfire 04010203040506");
  run = sim->RunTool({ToolPaths::List()});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.out.find("UID (NFCID1): " + LibnfcHex("04010203040506")), std::string::npos)
      << run.out;
}

struct NtagCase {
  const char* model;
  const char* type_line;  ///< what nfc-mfultralight prints after GET_VERSION
  unsigned pages;
  std::uint8_t cc_size;
};

class Pn532SimMfultralightRead : public testing::TestWithParam<NtagCase> {};

TEST_P(Pn532SimMfultralightRead, ReadsTheWholeTagAsTheEmulatorHoldsIt) {
  const NtagCase& tag = GetParam();
  auto sim = StartOrFail({"--tag", std::string(tag.model) + ":04C0FFEE123456"});
  ASSERT_NE(sim, nullptr);
  const std::string dump_path = sim->dir().File("dump.mfd");
  const RunResult run = sim->RunTool({ToolPaths::Mfultralight(), "r", dump_path});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_TRUE(run.status.Succeeded()) << run.out << run.err;
  EXPECT_NE(run.out.find(tag.type_line), std::string::npos) << run.out;
  const std::string done = "Done, " + std::to_string(tag.pages) + " of " +
                           std::to_string(tag.pages) + " pages read (0 pages failed)";
  EXPECT_NE(run.out.find(done), std::string::npos) << run.out;

  const std::string dump = ReadFile(dump_path);
  ASSERT_EQ(dump.size(), tag.pages * 4);
  EXPECT_EQ("ok " + Hex(dump), sim->Control("dump"));

  // Page 0: UID0-2 and BCC0 = 88^UID0^UID1^UID2; page 1: UID3-6; page 2: BCC1, 48, locks.
  const auto byte = [&dump](std::size_t i) { return static_cast<std::uint8_t>(dump[i]); };
  EXPECT_EQ(Hex(dump.substr(0, 3)), "04C0FF");
  EXPECT_EQ(byte(3), 0x88 ^ 0x04 ^ 0xC0 ^ 0xFF);
  EXPECT_EQ(Hex(dump.substr(4, 4)), "EE123456");
  EXPECT_EQ(byte(8), 0xEE ^ 0x12 ^ 0x34 ^ 0x56);
  EXPECT_EQ(Hex(dump.substr(9, 3)), "480000");
  // Page 3: capability container; page 4: empty NDEF TLV then terminator.
  EXPECT_EQ(byte(12), 0xE1);
  EXPECT_EQ(byte(13), 0x10);
  EXPECT_EQ(byte(14), tag.cc_size);
  EXPECT_EQ(byte(15), 0x00);
  EXPECT_EQ(Hex(dump.substr(16, 4)), "0300FE00");
}

INSTANTIATE_TEST_SUITE_P(AllNtag, Pn532SimMfultralightRead,
                         testing::Values(NtagCase{"ntag213", "NTAG213", 45, 0x12},
                                         NtagCase{"ntag215", "NTAG215", 135, 0x3E},
                                         NtagCase{"ntag216", "NTAG216", 231, 0x6D}),
                         [](const testing::TestParamInfo<NtagCase>& param_info) {
                           return std::string(param_info.param.model);
                         });

TEST(Pn532SimLibnfcTools, WrittenMemorySurvivesRemovalAndReturn) {
  auto sim = StartOrFail({"--tag", "ntag213"});
  ASSERT_NE(sim, nullptr);
  const std::string blank_path = sim->dir().File("blank.mfd");
  RunResult run = sim->RunTool({ToolPaths::Mfultralight(), "r", blank_path});
  ASSERT_TRUE(run.status.Succeeded()) << run.out << run.err;
  std::string image = ReadFile(blank_path);
  ASSERT_EQ(image.size(), 45U * 4);
  // An NDEF text record "fr" in pages 4-6.
  image.replace(16, 12, std::string("\x03\x08\xD1\x01\x04\x54\x02\x66\x72\x6F\xFE\x00", 12));
  const std::string image_path = sim->dir().File("written.mfd");
  {
    std::FILE* out = std::fopen(image_path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(std::fwrite(image.data(), 1, image.size(), out), image.size());
    std::fclose(out);
  }
  const std::string answers = sim->dir().File("answers");
  {
    std::FILE* out = std::fopen(answers.c_str(), "w");
    ASSERT_NE(out, nullptr);
    std::fputs("n\n", out);  // "Write UID bytes?" no
    std::fclose(out);
  }
  run = sim->RunTool({ToolPaths::Mfultralight(), "w", image_path, "--otp", "--lock", "--dynlock"},
                     EmulatorHarness::kToolTimeout, answers);
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.out.find("Done, 43 of 45 pages written (2 pages skipped, 0 pages failed)"),
            std::string::npos)
      << run.out << run.err;
  EXPECT_EQ(sim->Control("dump"), "ok " + Hex(image));

  ASSERT_EQ(sim->Control("remove"), "ok removed");
  ASSERT_EQ(sim->Control("place ntag213"), "ok placed ntag213 04A1B2C3D4E5F6");
  const std::string again_path = sim->dir().File("again.mfd");
  run = sim->RunTool({ToolPaths::Mfultralight(), "r", again_path});
  ASSERT_TRUE(run.status.Succeeded()) << run.out << run.err;
  EXPECT_EQ(Hex(ReadFile(again_path)), Hex(image));
}

TEST(Pn532SimLibnfcTools, PollSeesAPlacedTagAndItsRemoval) {
  auto sim = StartOrFail({});
  ASSERT_NE(sim, nullptr);
  std::string error;
  std::optional<Process> poll = sim->SpawnTool({ToolPaths::Poll()}, "poll", error);
  ASSERT_TRUE(poll.has_value()) << error;
  // InAutoPoll is held by the chip while the field is empty.
  ASSERT_TRUE(
      WaitUntil([&] { return sim->Control("status").find("polling=yes") != std::string::npos; },
                milliseconds(10'000)))
      << sim->Control("status");
  ASSERT_EQ(sim->Control("place ntag213"), "ok placed ntag213 04A1B2C3D4E5F6");
  const std::string output_path = sim->dir().File("poll.out");
  ASSERT_TRUE(WaitUntil(
      [&] { return ReadFile(output_path).find("Waiting for card removing") != std::string::npos; },
      milliseconds(10'000)))
      << ReadFile(output_path);
  EXPECT_NE(ReadFile(output_path).find("UID (NFCID1): " + LibnfcHex("04A1B2C3D4E5F6")),
            std::string::npos);
  ASSERT_EQ(sim->Control("remove"), "ok removed");
  const std::optional<ExitStatus> status = poll->Wait(milliseconds(10'000));
  ASSERT_TRUE(status.has_value()) << "nfc-poll did not notice the removal";
  EXPECT_TRUE(status->Succeeded()) << ReadFile(sim->dir().File("poll.err"));
  EXPECT_NE(ReadFile(output_path).find("Waiting for card removing...done."), std::string::npos);
}

}  // namespace
}  // namespace minegate::test
