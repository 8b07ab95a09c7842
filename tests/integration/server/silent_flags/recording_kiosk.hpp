// A kiosk as the server sees it that keeps every byte the server sends down to it: the
// enrolment answer, every ServerFrame of its sync sessions (Challenge, Welcome, acks, list
// updates, errors, the answers to its police and miner's card questions) and its device-signed
// HTTPS answers (reconcile, person-candidates). Real TLS, real WebSocket, real protocol
// (docs/protocol.md), its own Ed25519 device key; the silent-flag test reads what it kept.
// Written apart from SimulatedKiosk because that one parses frames before a caller could see
// their bytes. Every wait is bounded; one per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "minegate/v1/sync.pb.h"
#include "proto/credential/signing_key.hpp"
#include "tests/support/net/ws_test_client.hpp"

namespace minegate::test {

/// One message the server sent down to a kiosk, as received.
struct DownMessage {
  std::string kiosk;    ///< the kiosk's name in the test ("Bantako")
  std::string channel;  ///< "stream", or the HTTPS request ("GET /v1/devices/{id}/reconcile")
  std::string bytes;    ///< the WebSocket message, or the HTTP body
  /// The HTTP answer's headers, "name: value" each (empty for a stream message).
  std::vector<std::string> headers;
  int http_status = 0;
};

class RecordingKiosk {
 public:
  RecordingKiosk(ClientOptions options, std::string name);

  /// POST /v1/devices/enroll with `code`; learns its device id, site, gate and the server's
  /// sealing key. False (with the answer kept) when refused.
  bool Enrol(const std::string& code);
  /// Opens a sync session: Challenge, the signed Hello naming `list_versions` for every
  /// down-stream list (0: none held, so whole lists come), Welcome.
  bool Connect(std::uint64_t list_versions = 0);
  /// Sends one batch and reads until its Ack; false on an Error frame or a timeout.
  bool SendAndWaitAck(const std::vector<v1::Event>& events);
  /// Sends a kiosk's question on its sync link (a police history in police mode, a miner's card
  /// holder in the EMAPE mode: docs/protocol.md §7.2, §7.3) and reads until the answer naming
  /// its request id, keeping it and every list update read meanwhile like any other frame.
  /// False on an Error frame or a timeout.
  bool Ask(const v1::KioskFrame& request, v1::ServerFrame& answer);
  /// Reads what the server pushes until it stays quiet for `quiet` (at most `bound`).
  void Drain(std::chrono::milliseconds quiet, std::chrono::milliseconds bound);
  /// A device-signed GET of `target` (the path and query, as signed).
  HttpResult SignedGet(const std::string& target, const std::string& channel);
  void Disconnect() { ws_.reset(); }

  /// The envelope of this kiosk's next event at `at_ms` (its own consecutive sequence).
  v1::Event NextEvent(std::int64_t at_ms);
  /// `event` with its body sealed to the server's key, as a kiosk sends personal data.
  v1::Event Seal(const v1::Event& event) const;

  const std::string& name() const { return name_; }
  const std::string& device_id() const { return device_id_; }
  std::uint32_t site_id() const { return site_id_; }
  const credential::SigningKey& key() const { return key_; }
  const std::vector<DownMessage>& received() const { return received_; }
  /// Stream frames only, parsed.
  std::vector<v1::ServerFrame> Frames() const;
  /// The last refusal or failure, for assertion messages.
  const std::string& last_error() const { return last_error_; }

 private:
  bool Receive(std::chrono::milliseconds timeout, v1::ServerFrame& frame);
  void Keep(const std::string& channel, const HttpResult& answer);

  ClientOptions options_;
  std::string name_;
  credential::SigningKey key_;
  std::string device_id_;
  std::uint32_t site_id_ = 0;
  std::uint32_t gate_id_ = 0;
  std::string sealing_public_key_;
  std::string sealing_key_id_;
  std::uint64_t seq_ = 0;
  std::unique_ptr<WsClient> ws_;
  std::vector<DownMessage> received_;
  std::string last_error_;
};

/// A random UUIDv7 event id (16 bytes).
std::string RandomEventId();

}  // namespace minegate::test
