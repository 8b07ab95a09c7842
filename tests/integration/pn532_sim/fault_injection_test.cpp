// Each fault makes a libnfc tool fail (or notice) within its timeout, and the emulator keeps
// serving the next run: what the reader daemon's own fault tests will rely on.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "tests/support/emulator_harness.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

/// Faults must surface within libnfc's own timeouts, far below the tool timeout.
constexpr milliseconds kFailureBudget{10'000};

const std::string kUid = "UID (NFCID1): " + LibnfcHex("04A1B2C3D4E5F6");

std::unique_ptr<EmulatorHarness> StartWithNtag() {
  std::string error;
  std::unique_ptr<EmulatorHarness> harness = EmulatorHarness::Start({"--tag", "ntag213"}, error);
  EXPECT_NE(harness, nullptr) << error;
  return harness;
}

/// nfc-list fails to open the device (it still exits 0, so the output is what counts).
void ExpectListFailsQuickly(const EmulatorHarness& sim) {
  const Clock::time_point start = Clock::now();
  const RunResult run = sim.RunTool({ToolPaths::List()});
  EXPECT_FALSE(run.timed_out) << "nfc-list hung";
  EXPECT_LT(Clock::now() - start, kFailureBudget);
  EXPECT_NE(run.err.find("Unable to open NFC device"), std::string::npos) << run.out << run.err;
  EXPECT_EQ(run.out.find(kUid), std::string::npos) << run.out;
}

void ExpectListSeesTheTag(const EmulatorHarness& sim) {
  const RunResult run = sim.RunTool({ToolPaths::List()});
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.out.find(kUid), std::string::npos) << run.out << run.err << sim.Log();
}

TEST(Pn532SimFaults, DropNextReplyFailsOneRunThenTheNextRunWorks) {
  auto sim = StartWithNtag();
  ASSERT_NE(sim, nullptr);
  ASSERT_EQ(sim->Control("fault drop-next-reply"), "ok armed drop-next-reply");
  ExpectListFailsQuickly(*sim);
  EXPECT_NE(sim->Control("status").find("faults=none"), std::string::npos);
  ExpectListSeesTheTag(*sim);
}

TEST(Pn532SimFaults, GarbageBeforeAckFailsOneRunThenTheNextRunWorks) {
  auto sim = StartWithNtag();
  ASSERT_NE(sim, nullptr);
  ASSERT_EQ(sim->Control("fault garbage-before-ack"), "ok armed garbage-before-ack");
  ExpectListFailsQuickly(*sim);
  ExpectListSeesTheTag(*sim);
}

TEST(Pn532SimFaults, StallHoldsAcrossRunsUntilCleared) {
  auto sim = StartWithNtag();
  ASSERT_NE(sim, nullptr);
  ASSERT_EQ(sim->Control("fault stall"), "ok armed stall");
  ExpectListFailsQuickly(*sim);
  EXPECT_NE(sim->Control("status").find("faults=stalled"), std::string::npos);
  // Unlike drop-next-reply, a hung chip stays hung: the next run fails too.
  ExpectListFailsQuickly(*sim);
  ASSERT_EQ(sim->Control("fault clear"), "ok faults cleared");
  ExpectListSeesTheTag(*sim);
}

TEST(Pn532SimFaults, StallEndsWithAPowerCycle) {
  auto sim = StartWithNtag();
  ASSERT_NE(sim, nullptr);
  ASSERT_EQ(sim->Control("fault stall"), "ok armed stall");
  ExpectListFailsQuickly(*sim);
  ASSERT_EQ(sim->Control("unplug"), "ok unplugged");
  ASSERT_EQ(sim->Control("replug"), "ok replugged");
  EXPECT_NE(sim->Control("status").find("faults=none"), std::string::npos);
  ExpectListSeesTheTag(*sim);
}

TEST(Pn532SimFaults, StallForADurationEndsByItself) {
  auto sim = StartWithNtag();
  ASSERT_NE(sim, nullptr);
  // Long enough for nfc-list to give up while the chip is still hung.
  ASSERT_EQ(sim->Control("fault stall for 3000"), "ok armed stall for 3000");
  ExpectListFailsQuickly(*sim);
  // No one clears it: the chip restarts on its own once the duration has passed.
  EXPECT_TRUE(
      WaitUntil([&] { return sim->Control("status").find("faults=none") != std::string::npos; },
                milliseconds(10'000)))
      << sim->Control("status");
  ExpectListSeesTheTag(*sim);
}

TEST(Pn532SimFaults, UnplugMakesOpeningFailAndReplugRestoresTheReader) {
  auto sim = StartWithNtag();
  ASSERT_NE(sim, nullptr);
  ASSERT_EQ(sim->Control("fault unplug"), "ok unplugged");
  EXPECT_FALSE(std::filesystem::is_symlink(sim->link_path()));
  ExpectListFailsQuickly(*sim);
  EXPECT_NE(sim->Control("status").find("plugged=no"), std::string::npos);
  ASSERT_EQ(sim->Control("replug"), "ok replugged");
  EXPECT_TRUE(std::filesystem::is_symlink(sim->link_path()));
  ExpectListSeesTheTag(*sim);
}

TEST(Pn532SimFaults, UnplugWhilePollingGivesTheClientAnIoError) {
  std::string error;
  auto sim = EmulatorHarness::Start({}, error);
  ASSERT_NE(sim, nullptr) << error;
  std::optional<Process> poll = sim->SpawnTool({ToolPaths::Poll()}, "poll", error);
  ASSERT_TRUE(poll.has_value()) << error;
  ASSERT_TRUE(
      WaitUntil([&] { return sim->Control("status").find("polling=yes") != std::string::npos; },
                milliseconds(10'000)));
  ASSERT_EQ(sim->Control("unplug"), "ok unplugged");
  const std::optional<ExitStatus> status = poll->Wait(kFailureBudget);
  ASSERT_TRUE(status.has_value()) << "nfc-poll hung after the unplug";
  EXPECT_FALSE(status->Succeeded());
  EXPECT_NE(ReadFile(sim->dir().File("poll.err")).find("Input / Output Error"), std::string::npos)
      << ReadFile(sim->dir().File("poll.err"));
  ASSERT_EQ(sim->Control("replug"), "ok replugged");
  ASSERT_EQ(sim->Control("place ntag213"), "ok placed ntag213 04A1B2C3D4E5F6");
  ExpectListSeesTheTag(*sim);
}

TEST(Pn532SimFaults, TagLeavesTheFieldRightAfterTheNthWrite) {
  auto sim = StartWithNtag();
  ASSERT_NE(sim, nullptr);
  const std::string blank_path = sim->dir().File("blank.mfd");
  RunResult run = sim->RunTool({ToolPaths::Mfultralight(), "r", blank_path});
  ASSERT_TRUE(run.status.Succeeded()) << run.out << run.err;
  std::string image = ReadFile(blank_path);
  ASSERT_EQ(image.size(), 45U * 4);
  image.replace(16, 8, std::string("\xAA\xAA\xAA\xAA\xBB\xBB\xBB\xBB", 8));  // pages 4 and 5
  const std::string image_path = sim->dir().File("image.mfd");
  const std::string answers = sim->dir().File("answers");
  {
    std::FILE* out = std::fopen(image_path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    std::fwrite(image.data(), 1, image.size(), out);
    std::fclose(out);
    out = std::fopen(answers.c_str(), "w");
    ASSERT_NE(out, nullptr);
    std::fputs("n\n", out);
    std::fclose(out);
  }
  // Writes go to pages 2 (locks), 3 (CC), 4, 5...: the third is page 4.
  ASSERT_EQ(sim->Control("fault remove-after-writes 3"), "ok armed remove-after-writes 3");
  run = sim->RunTool({ToolPaths::Mfultralight(), "w", image_path, "--otp", "--lock", "--dynlock"},
                     EmulatorHarness::kToolTimeout, answers);
  ASSERT_FALSE(run.timed_out) << run.out << run.err;
  EXPECT_NE(run.err.find("tag was removed"), std::string::npos) << run.out << run.err;
  EXPECT_NE(sim->Control("status").find("tag=none"), std::string::npos);

  ASSERT_EQ(sim->Control("place ntag213"), "ok placed ntag213 04A1B2C3D4E5F6");
  const std::string dump = sim->Control("dump");
  ASSERT_EQ(dump.size(), 3 + 45U * 8) << dump;
  EXPECT_EQ(dump.substr(3 + 4 * 8, 8), "AAAAAAAA") << "page 4, the 3rd write, is committed";
  EXPECT_EQ(dump.substr(3 + 5 * 8, 8), "00000000") << "page 5 was never written";
}

}  // namespace
}  // namespace minegate::test
