// The emulator as a process: start-up checks, control protocol errors, clean shutdown.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/emulator_harness.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test {
namespace {

using std::chrono::milliseconds;
namespace fs = std::filesystem;

TEST(Pn532SimLifecycle, SigtermRemovesTheSymlinkAndTheSocket) {
  std::string error;
  auto sim = EmulatorHarness::Start({}, error);
  ASSERT_NE(sim, nullptr) << error;
  ASSERT_TRUE(fs::is_symlink(sim->link_path()));
  ASSERT_TRUE(fs::exists(sim->control_path()));
  ASSERT_TRUE(sim->process().Signal(SIGTERM));
  const std::optional<ExitStatus> status = sim->process().Wait(milliseconds(5000));
  ASSERT_TRUE(status.has_value()) << "the emulator ignored SIGTERM";
  EXPECT_EQ(status->exit_code, 0) << sim->Log();
  EXPECT_FALSE(fs::is_symlink(sim->link_path()));
  EXPECT_FALSE(fs::exists(sim->control_path()));
}

TEST(Pn532SimLifecycle, ReplacesAStaleSymlink) {
  TempDir dir("pn532sim");
  ASSERT_TRUE(dir.ok());
  std::string error;
  auto sim = EmulatorHarness::Start({}, error);
  ASSERT_NE(sim, nullptr) << error;
  ASSERT_TRUE(sim->process().Signal(SIGKILL));  // dies without cleaning up: stale link left
  ASSERT_TRUE(sim->process().Wait(milliseconds(5000)).has_value());
  ASSERT_TRUE(fs::is_symlink(sim->link_path()));
  // Nothing may open the stale link now: its pty number can already belong to another
  // emulator (tests run in parallel).

  ProcessOptions options;
  const std::string control = dir.File("control.sock");
  options.argv = {ToolPaths::Emulator(), "--link", sim->link_path(), "--tag", "ntag213",
                  "--control",           control};
  options.stderr_path = dir.File("second.log");
  std::optional<Process> second = Process::Spawn(options, error);
  ASSERT_TRUE(second.has_value()) << error;
  // The control socket is created after the link is replaced.
  ASSERT_TRUE(WaitUntil([&] { return fs::exists(control); }, milliseconds(5000)))
      << ReadFile(dir.File("second.log"));
  const RunResult run = sim->RunTool({ToolPaths::List()});
  EXPECT_NE(run.out.find("UID (NFCID1): " + LibnfcHex("04A1B2C3D4E5F6")), std::string::npos)
      << run.out << run.err << ReadFile(dir.File("second.log"));
  second->Signal(SIGTERM);
  const std::optional<ExitStatus> status = second->Wait(milliseconds(5000));
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->exit_code, 0);
  EXPECT_FALSE(fs::is_symlink(sim->link_path()));
}

TEST(Pn532SimLifecycle, RefusesToReplaceSomethingThatIsNotASymlink) {
  TempDir dir("pn532sim");
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("pn532");
  std::ofstream(path) << "precious";
  const RunResult run =
      RunToCompletion({ToolPaths::Emulator(), "--link", path}, {}, milliseconds(5000));
  ASSERT_FALSE(run.timed_out);
  EXPECT_EQ(run.status.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("not a symlink"), std::string::npos) << run.err;
  EXPECT_EQ(ReadFile(path), "precious");
}

TEST(Pn532SimLifecycle, HelpIsBilingualAndBadOptionsAreRefused) {
  RunResult run = RunToCompletion({ToolPaths::Emulator(), "--help"}, {}, milliseconds(5000));
  ASSERT_FALSE(run.timed_out);
  EXPECT_EQ(run.status.exit_code, 0);
  EXPECT_NE(run.out.find("émulateur"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("emulator"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("--control"), std::string::npos) << run.out;

  run = RunToCompletion({ToolPaths::Emulator(), "--tag", "ntag999", "--link", "/tmp/x"}, {},
                        milliseconds(5000));
  EXPECT_EQ(run.status.exit_code, 2);
  EXPECT_NE(run.err.find("unknown model"), std::string::npos) << run.err;
  run = RunToCompletion({ToolPaths::Emulator()}, {}, milliseconds(5000));
  EXPECT_EQ(run.status.exit_code, 2);
  EXPECT_NE(run.err.find("--link is required"), std::string::npos) << run.err;
}

TEST(Pn532SimLifecycle, ControlAnswersEveryLineWithOkOrError) {
  std::string error;
  auto sim = EmulatorHarness::Start({"--tag", "desfire"}, error);
  ASSERT_NE(sim, nullptr) << error;
  EXPECT_EQ(sim->Control("status").rfind("ok plugged=yes link=" + sim->link_path(), 0), 0U)
      << sim->Control("status");
  EXPECT_NE(sim->Control("status").find("tag=desfire uid=04DE5F1E7A2B80"), std::string::npos);
  EXPECT_EQ(sim->Control("bogus").rfind("error ", 0), 0U);
  EXPECT_EQ(sim->Control("place ntag999").rfind("error ", 0), 0U);
  EXPECT_EQ(sim->Control("place ntag213 0411").rfind("error ", 0), 0U);
  EXPECT_EQ(sim->Control("fault remove-after-writes 0").rfind("error ", 0), 0U);
  EXPECT_EQ(sim->Control("fault explode").rfind("error ", 0), 0U);
  EXPECT_EQ(sim->Control("replug").rfind("error ", 0), 0U);
  // A blank DESFire NDEF file: NLEN 0000.
  EXPECT_EQ(sim->Control("dump"), "ok 0000");
  EXPECT_EQ(sim->Control("remove"), "ok removed");
  EXPECT_EQ(sim->Control("remove"), "ok field already empty");
  EXPECT_EQ(sim->Control("dump").rfind("error ", 0), 0U);
}

}  // namespace
}  // namespace minegate::test
