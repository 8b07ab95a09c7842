// The whole gate chain as real processes: the PN532 emulator, minegate-bridge
// on it through libnfc, minegate-server on its data directory, and
// minegate-kiosk enrolled with a one-time code, its page driven over the
// kiosk_ui.proto WebSocket the way the browser drives it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/support/bridge_harness.hpp"
#include "tests/support/kiosk_process.hpp"
#include "tests/support/kiosk_ui_client.hpp"
#include "tests/support/server_process.hpp"

namespace minegate::test {

class KioskChainTest : public ::testing::Test {
 protected:
  static constexpr char kAgent[] = "agent1";
  static constexpr char kPin[] = "4821";

  void SetUp() override;
  void TearDown() override;

  /// Starts (or restarts) the kiosk and connects a page to it.
  void StartKiosk();
  /// Signs agent1 in (the roster must have arrived once).
  void SignIn();
  /// Registers a person on the blank NTAG213 `uid_hex`; returns the outcome.
  v1::TapOutcome Register(const std::string& uid_hex, const std::string& given_name);
  /// Taps the tag `uid_hex` (placed, outcome awaited, removed).
  v1::TapOutcome Tap(const std::string& uid_hex);
  void SetDirection(v1::Direction direction);
  void SetMode(v1::KioskMode mode);
  /// Events the server stored for the kiosk's device (from its database).
  std::int64_t ServerEventCount(const std::string& body_kind = "");
  std::string Diagnostics() const;

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<BridgeHarness> bridge_;
  std::unique_ptr<KioskProcess> kiosk_;
  std::unique_ptr<KioskUiClient> page_;
  std::string device_id_;
  std::uint16_t server_port_ = 0;
};

}  // namespace minegate::test
