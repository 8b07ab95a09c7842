// The whole gate chain as real processes: the PN532 emulator, minegate-bridge
// on it through libnfc, minegate-server on its data directory (one site, one
// gate, one gate agent with a PIN), and minegate-kiosk enrolled with a
// one-time code, its page driven over the kiosk_ui.proto WebSocket the way the
// browser drives it. Shared by the integration tests and the tap benchmark.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/sync.pb.h"
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
  /// Creates a user of `role` (gate_agent, emape_official) at site 1 with a kiosk PIN and,
  /// when `card_uid_hex` is given, a staff card, through minegatectl. The site's kiosks
  /// receive the agent with the next roster. "" when done, otherwise what went wrong.
  std::string AddAgent(const std::string& user_id, const std::string& display_name,
                       const std::string& role, const std::string& pin,
                       const std::string& card_uid_hex = "");
  /// Signs kAgent in with kPin from the page's PIN pad.
  bool SignIn();
  /// Signs `user_id` in with `pin` from the page's PIN pad; the page's reply.
  std::optional<v1::UiReply> SignIn(const std::string& user_id, const std::string& pin);
  bool SetDirection(v1::Direction direction);
  bool SetMode(v1::KioskMode mode);
  /// A complete draft: arrived alone, protection questions declined, no document.
  static v1::RegistrationDraft SimpleDraft(const std::string& given_name);
  /// Fills SimpleDraft(given_name), submits it and taps the blank NTAG213 `uid_hex`.
  std::optional<v1::TapOutcome> Register(const std::string& uid_hex, const std::string& given_name);
  /// The same with any draft (the page's whole form).
  std::optional<v1::TapOutcome> Register(const std::string& uid_hex,
                                         const v1::RegistrationDraft& draft);
  /// Places the tag `uid_hex` (an emulator model: ntag213, desfire, ...), waits for the
  /// page's outcome, removes the tag.
  std::optional<v1::TapOutcome> Tap(const std::string& uid_hex,
                                    const std::string& model = "ntag213");
  /// A page state predicate: all `count` events recorded and acknowledged by the server.
  static std::function<bool(const v1::KioskState&)> SyncedAt(std::uint64_t count);
  /// The page's reconcile: asks the server (its device-signed reconcile route) and waits for
  /// the new figures the page then shows; nullopt when none arrived.
  std::optional<v1::ReconcileReport> ServerReport();
  /// Events the server stored for this kiosk (of one kind when given), from its database.
  std::int64_t ServerEventCount(const std::string& body_kind = "") const;
  /// The events the server stored for this kiosk, sealed bodies opened, by device_seq, from
  /// its database opened read-only (the server has no route that reads them back yet); empty
  /// on any failure.
  std::vector<v1::Event> ServerEvents() const;
  /// The first column of the first row of `sql` (a count) on the server's database opened
  /// read-only; -1 on any failure. For projections no route or command reads yet.
  std::int64_t ServerCount(const std::string& sql) const;
  /// The credential the server holds for the bracelet `uid_hex` (as the issuing kiosk wrote
  /// it), from its database opened read-only; "" when there is none or on any failure.
  std::string ServerCredential(const std::string& uid_hex) const;
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
