// `minegate-bridge probe`, the field technician's check, against the emulator.
#include <fstream>

#include "tests/integration/bridge/bridge_test_fixture.hpp"

namespace minegate::test {
namespace {

RunResult Probe(EmulatorHarness& emulator) {
  return RunToCompletion({BridgeHarness::BridgeBinary(), "probe", "--device",
                          "pn532_uart:" + emulator.link_path(), "--wait-seconds", "5"},
                         {{"LIBNFC_AUTO_SCAN", "false"}}, std::chrono::seconds(30));
}

TEST_F(BridgeTest, ProbePrintsTheDecodedCredential) {
  StartBridge({"--tag", "ntag213:" + kUidHex});
  ExpectPresented();
  const std::string credential = Issue();
  ASSERT_EQ(Write(credential).outcome(), v1::WRITE_OUTCOME_OK);
  // The probe needs the reader to itself.
  harness_->bridge().Signal(SIGTERM);
  ASSERT_TRUE(harness_->bridge().Wait(std::chrono::seconds(5)));

  const RunResult probe = Probe(harness_->emulator());
  EXPECT_EQ(probe.status.exit_code, 0) << probe.out << probe.err;
  EXPECT_NE(probe.out.find("PN532 v1.6"), std::string::npos) << probe.out;
  EXPECT_NE(probe.out.find("UID: 04a1b2c3d4e5f6"), std::string::npos) << probe.out;
  EXPECT_NE(probe.out.find("TAG_TYPE_NTAG213"), std::string::npos) << probe.out;
  EXPECT_NE(probe.out.find("144 octets"), std::string::npos) << probe.out;
  EXPECT_NE(probe.out.find("site émetteur / issuing site: 12"), std::string::npos) << probe.out;
}

TEST_F(BridgeTest, ProbeFailsOnABlankTagAndWithoutATag) {
  std::string error;
  auto emulator = EmulatorHarness::Start({"--tag", "ntag213:" + kUidHex}, error);
  ASSERT_NE(emulator, nullptr) << error;
  const RunResult blank = Probe(*emulator);
  EXPECT_EQ(blank.status.exit_code, 1) << blank.out << blank.err;
  EXPECT_NE(blank.out.find("blank tag"), std::string::npos) << blank.out;

  ASSERT_EQ(emulator->Control("remove").rfind("ok", 0), 0u);
  const RunResult none = Probe(*emulator);
  EXPECT_EQ(none.status.exit_code, 1) << none.out << none.err;
  EXPECT_NE(none.out.find("no tag presented"), std::string::npos) << none.out;
}

TEST_F(BridgeTest, ProbeFindsTheReaderFromAConfigFileOrLibnfcDevice) {
  std::string error;
  auto emulator = EmulatorHarness::Start({"--tag", "ntag213:" + kUidHex}, error);
  ASSERT_NE(emulator, nullptr) << error;
  const std::string config = emulator->dir().File("bridge.conf");
  {
    std::ofstream out(config);
    out << "# minegate-bridge\ndevice = pn532_uart:" << emulator->link_path() << "\n";
  }
  const RunResult from_file = RunToCompletion(
      {BridgeHarness::BridgeBinary(), "probe", "--config", config, "--wait-seconds", "5"},
      {{"LIBNFC_AUTO_SCAN", "false"}}, std::chrono::seconds(30));
  EXPECT_NE(from_file.out.find("UID: 04a1b2c3d4e5f6"), std::string::npos)
      << from_file.out << from_file.err;
  const RunResult from_env = RunToCompletion(
      {BridgeHarness::BridgeBinary(), "probe", "--wait-seconds", "5"},
      {{"LIBNFC_AUTO_SCAN", "false"}, {"LIBNFC_DEVICE", "pn532_uart:" + emulator->link_path()}},
      std::chrono::seconds(30));
  EXPECT_NE(from_env.out.find("UID: 04a1b2c3d4e5f6"), std::string::npos)
      << from_env.out << from_env.err;
}

TEST(BridgeProbeTest, FailsClearlyWithoutAReader) {
  const RunResult probe = RunToCompletion(
      {BridgeHarness::BridgeBinary(), "probe", "--device", "pn532_uart:/nonexistent/reader"},
      {{"LIBNFC_AUTO_SCAN", "false"}}, std::chrono::seconds(30));
  EXPECT_EQ(probe.status.exit_code, 1);
  EXPECT_NE(probe.out.find("NFC reader not found"), std::string::npos) << probe.out;
}

}  // namespace
}  // namespace minegate::test
