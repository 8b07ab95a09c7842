#include "tests/support/bridge_harness.hpp"

#include <csignal>

namespace minegate::test {

const char* BridgeHarness::BridgeBinary() { return MINEGATE_BRIDGE_BIN; }

std::unique_ptr<BridgeHarness> BridgeHarness::Start(const std::vector<std::string>& emulator_args,
                                                    std::string& error) {
  std::unique_ptr<BridgeHarness> harness(new BridgeHarness());
  harness->emulator_ = EmulatorHarness::Start(emulator_args, error);
  if (!harness->emulator_) return nullptr;
  ProcessOptions options;
  options.argv = {BridgeBinary(), "run",
                  "--device",     "pn532_uart:" + harness->emulator_->link_path(),
                  "--socket",     harness->socket_path()};
  options.env = {{"LIBNFC_AUTO_SCAN", "false"}};
  options.stderr_path = harness->emulator_->dir().File("bridge.log");
  harness->bridge_ = Process::Spawn(options, error);
  if (!harness->bridge_) return nullptr;
  return harness;
}

BridgeHarness::~BridgeHarness() {
  if (bridge_ && bridge_->Running()) {
    bridge_->Signal(SIGTERM);
    if (!bridge_->Wait(std::chrono::seconds(5))) bridge_->Kill();
  }
}

std::string BridgeHarness::BridgeLog() const {
  return ReadFile(emulator_->dir().File("bridge.log"));
}

std::optional<BridgeClient> BridgeHarness::Connect() const {
  return BridgeClient::Connect(socket_path(), kTimeout);
}

}  // namespace minegate::test
