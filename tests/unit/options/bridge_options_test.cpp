// minegate-bridge's options: commands, flags over the file over LIBNFC_DEVICE, refusals.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "firmware-bridge/app/options.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::bridge {
namespace {

class BridgeOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override { ::unsetenv("LIBNFC_DEVICE"); }
  std::string WriteBridgeConfig(const std::string& text) {
    const std::string path = dir_.File("bridge.conf");
    std::ofstream(path) << text;
    return path;
  }
  test::TempDir dir_{"mg-bridge-options"};
  std::string error_;
};

TEST_F(BridgeOptionsTest, CommandsAndDefaults) {
  auto options = ParseOptions({"--device", "pn532_uart:/tmp/x"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::run);
  EXPECT_EQ(options->socket, "/run/minegate/bridge.sock");
  EXPECT_EQ(options->poll_interval, std::chrono::milliseconds(40));
  EXPECT_EQ(options->log_level, base::LogLevel::info);
  options = ParseOptions({"probe", "--device", "d", "--wait-seconds", "5"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::probe);
  EXPECT_EQ(options->probe_wait, std::chrono::seconds(5));
  for (const auto& help : {std::vector<std::string>{"help"}, {"--help"}, {"run", "-h"}}) {
    options = ParseOptions(help, error_);
    ASSERT_TRUE(options) << error_;
    EXPECT_EQ(options->command, Command::help);
  }
  options = ParseOptions({"--version"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::version);
}

TEST_F(BridgeOptionsTest, FlagsOverrideTheFileWhichOverridesTheEnvironment) {
  ::setenv("LIBNFC_DEVICE", "from-env", 1);
  const std::string file = WriteBridgeConfig(
      "device = from-file\n"
      "socket = /tmp/file.sock\n"
      "poll-ms = 25\n"
      "log-level = warning\n");
  auto options = ParseOptions({"run", "--config", file, "--socket", "/tmp/flag.sock"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->device, "from-file");
  EXPECT_EQ(options->socket, "/tmp/flag.sock");
  EXPECT_EQ(options->poll_interval, std::chrono::milliseconds(25));
  EXPECT_EQ(options->log_level, base::LogLevel::warning);
  options = ParseOptions({"--config", file, "--device", "from-flag", "--poll-ms", "10"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->device, "from-flag");
  EXPECT_EQ(options->poll_interval, std::chrono::milliseconds(10));
  options = ParseOptions({}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->device, "from-env");
}

TEST_F(BridgeOptionsTest, TheOldPollKeyIsStillReadFromFiles) {
  const std::string file = WriteBridgeConfig("device = d\npoll_interval_ms = 15\n");
  auto options = ParseOptions({"--config", file}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->poll_interval, std::chrono::milliseconds(15));
  options = ParseOptions({"--config", file, "--poll-ms", "30"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->poll_interval, std::chrono::milliseconds(30));
  // A file key only: not a flag.
  EXPECT_FALSE(ParseOptions({"--device", "d", "--poll_interval_ms", "15"}, error_));
  EXPECT_EQ(error_, "option inconnue / unknown option: --poll_interval_ms");
}

TEST_F(BridgeOptionsTest, RefusalsNameTheKey) {
  EXPECT_FALSE(ParseOptions({"--config", WriteBridgeConfig("device = d\nspeed = 3\n")}, error_));
  EXPECT_NE(error_.find("option inconnue / unknown option: speed"), std::string::npos) << error_;
  EXPECT_FALSE(ParseOptions({"--config", WriteBridgeConfig("device = d\npoll-ms = 0\n")}, error_));
  EXPECT_NE(error_.find("invalid value for poll-ms (1..60000): 0"), std::string::npos) << error_;
  EXPECT_FALSE(ParseOptions({"--device", "d", "--wait-seconds", "-3"}, error_));
  EXPECT_NE(error_.find("invalid value for --wait-seconds"), std::string::npos) << error_;
  EXPECT_FALSE(ParseOptions({}, error_));
  EXPECT_NE(error_.find("no reader: --device, device= or LIBNFC_DEVICE"), std::string::npos);
  EXPECT_FALSE(ParseOptions({"probe", "stray"}, error_));
  EXPECT_EQ(error_, "argument inattendu / unexpected argument: stray");
}

TEST_F(BridgeOptionsTest, HelpListsEveryOption) {
  const std::string usage = Usage();
  for (const char* option : {"--device CONNSTRING", "--socket PATH", "--config FILE", "--poll-ms N",
                             "--wait-seconds N", "--log-level", "--version", "probe"}) {
    EXPECT_NE(usage.find(option), std::string::npos) << option << "\n" << usage;
  }
  EXPECT_EQ(usage.find("poll_interval_ms"), std::string::npos);
}

}  // namespace
}  // namespace minegate::bridge
