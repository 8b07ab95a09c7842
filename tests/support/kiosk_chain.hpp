// The whole gate chain as real processes: the PN532 emulator, minegate-bridge
// on it through libnfc, minegate-server on its data directory (one site, one
// gate, one gate agent with a PIN), and minegate-kiosk enrolled with a
// one-time code, its page driven over the kiosk_ui.proto WebSocket the way the
// browser drives it. Shared by the integration tests and the tap benchmark.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "tests/support/bridge_harness.hpp"
#include "tests/support/kiosk_process.hpp"
#include "tests/support/kiosk_ui_client.hpp"
#include "tests/support/server_process.hpp"

namespace minegate::test {

class KioskChain {
 public:
  static constexpr char kAgent[] = "agent1";
  static constexpr char kPin[] = "482915";

  /// Everything started, the kiosk enrolled and its page connected with the
  /// agent roster received; nullptr and `error` otherwise.
  static std::unique_ptr<KioskChain> Start(std::string& error);
  ~KioskChain();

  /// Starts (or restarts) the kiosk and connects a page to it.
  bool StartKiosk(std::string& error);
  bool SignIn();
  bool SetDirection(v1::Direction direction);
  bool SetMode(v1::KioskMode mode);
  /// A complete draft: arrived alone, protection questions declined, no document.
  static v1::RegistrationDraft SimpleDraft(const std::string& given_name);
  /// Fills SimpleDraft(given_name), submits it and taps the blank NTAG213 `uid_hex`.
  std::optional<v1::TapOutcome> Register(const std::string& uid_hex, const std::string& given_name);
  /// The same with any draft (the page's whole form).
  std::optional<v1::TapOutcome> Register(const std::string& uid_hex,
                                         const v1::RegistrationDraft& draft);
  /// Places the tag `uid_hex`, waits for the page's outcome, removes the tag.
  std::optional<v1::TapOutcome> Tap(const std::string& uid_hex);
  /// Events the server stored for this kiosk (of one kind when given), from its database.
  std::int64_t ServerEventCount(const std::string& body_kind = "") const;
  std::string Diagnostics() const;

  ServerProcess& server() { return *server_; }
  BridgeHarness& bridge() { return *bridge_; }
  KioskProcess& kiosk() { return *kiosk_; }
  KioskUiClient& page() { return *page_; }
  const std::string& device_id() const { return device_id_; }

 private:
  KioskChain() = default;
  bool Ok(const std::optional<v1::UiReply>& reply) const { return reply && reply->ok(); }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<BridgeHarness> bridge_;
  std::unique_ptr<KioskProcess> kiosk_;
  std::unique_ptr<KioskUiClient> page_;
  std::string device_id_;
};

}  // namespace minegate::test
