// minegate-bridge as a real process, reading a real minegate-pn532-sim through libnfc.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware-bridge/client/bridge_client.hpp"
#include "tests/support/emulator_harness.hpp"
#include "tests/support/process.hpp"

namespace minegate::test {

using bridge::BridgeClient;
using bridge::IsReaderState;
using bridge::IsTagPresented;
using bridge::IsTagRemoved;

class BridgeHarness {
 public:
  static constexpr std::chrono::milliseconds kTimeout{10'000};

  /// Starts the emulator with `emulator_args`, then the bridge on it.
  static std::unique_ptr<BridgeHarness> Start(const std::vector<std::string>& emulator_args,
                                              std::string& error);
  ~BridgeHarness();

  EmulatorHarness& emulator() { return *emulator_; }
  Process& bridge() { return *bridge_; }
  std::string socket_path() const { return emulator_->dir().File("bridge.sock"); }
  std::string BridgeLog() const;
  /// A new client, connected once the bridge listens; nullopt after kTimeout.
  std::optional<BridgeClient> Connect() const;
  /// Places a tag of `model` with `uid` on the emulator, has the bridge write
  /// `credential` on it (overwriting), and removes it again, as a kiosk that
  /// ignores the tag would see it. "" when done, otherwise what went wrong.
  std::string PlaceAndWrite(const std::string& model, const std::string& uid,
                            const std::string& credential);
  /// Places a tag of `model` with `uid`, takes what the bridge reports of it into
  /// `presented` (its credential, as any client of the bridge reads it), and removes it.
  /// "" when done, otherwise what went wrong.
  std::string PlaceAndRead(const std::string& model, const std::string& uid,
                           v1::TagPresented& presented);

  static const char* BridgeBinary();

 private:
  BridgeHarness() = default;
  /// Places the tag and waits until `client` is told of this one (the bridge may still
  /// report the tag placed before); "" when done, otherwise what went wrong.
  std::string Place(BridgeClient& client, const std::string& model, const std::string& uid,
                    v1::TagPresented* presented = nullptr);
  std::string Remove(BridgeClient& client);

  std::unique_ptr<EmulatorHarness> emulator_;
  std::optional<Process> bridge_;
};

}  // namespace minegate::test
