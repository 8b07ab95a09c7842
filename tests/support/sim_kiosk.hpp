// A kiosk as the server sees it, for tests and benchmarks: enrols with a
// one-time code, authenticates on the sync stream, sends batches and reads
// what the server answers. Real TLS, real WebSocket, real protocol; no UI, no
// outbox. Every wait is bounded. Not thread-safe: one per thread.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "minegate/v1/sync.pb.h"
#include "proto/credential/signing_key.hpp"
#include "tests/support/net/ws_test_client.hpp"

namespace minegate::test {

class SimulatedKiosk {
 public:
  /// A kiosk with a fresh device key, not yet enrolled.
  explicit SimulatedKiosk(ClientOptions options);
  /// A kiosk with the given device key (a fleet's key from a seed, so that bracelet credentials
  /// signed with it ahead of time verify once it is enrolled), not yet enrolled.
  SimulatedKiosk(ClientOptions options, credential::SigningKey key);

  /// POST /v1/devices/enroll with `code`; learns device id, site and gate.
  Result<v1::EnrolmentResponse> Enrol(const std::string& code);

  /// Connects the sync stream: Challenge, signed Hello, Welcome. Down-stream list
  /// frames that follow are kept in pending().
  Result<v1::Welcome> Connect(std::uint64_t last_acked_seq = 0);
  /// Sends a batch frame (does not wait).
  boost::system::error_code Send(const std::vector<v1::Event>& events);
  /// The next frame from the server, skipping none.
  Result<v1::ServerFrame> Next(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Sends a batch and waits for its Ack (or returns the Error frame's code as failure text).
  Result<v1::Ack> SendAndWaitAck(const std::vector<v1::Event>& events,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Sends `events` in batches of `batch`, keeping up to `window` batches in
  /// flight as the protocol allows, and waits for every Ack. False on any error.
  bool StreamPipelined(const std::vector<v1::Event>& events, std::size_t batch, int window,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30));
  /// GET /v1/devices/{id}/reconcile, signed.
  Result<v1::ReconcileReport> Reconcile();
  void Disconnect();

  /// A valid GatePassed event with this kiosk's identity at `seq`.
  v1::Event GatePassed(std::uint64_t seq) const;
  /// `event` with its body sealed to the server's key from the last Welcome (or Enrol), as a
  /// kiosk sends personal data: the inner Event repeats the event id and holds only the body.
  v1::Event Seal(const v1::Event& event) const;

  WsClient* ws() { return ws_.get(); }
  const std::string& device_id() const { return device_id_; }
  const credential::SigningKey& key() const { return key_; }
  std::vector<v1::ServerFrame>& pending() { return pending_; }
  /// Overrides the identity (for tests of refused devices).
  void SetIdentity(std::string device_id, std::uint32_t site_id, std::uint32_t gate_id) {
    device_id_ = std::move(device_id);
    site_id_ = site_id;
    gate_id_ = gate_id;
  }

 private:
  ClientOptions options_;
  credential::SigningKey key_;
  std::string device_id_;
  std::uint32_t site_id_ = 0;
  std::uint32_t gate_id_ = 0;
  std::string sealing_public_key_;
  std::string sealing_key_id_;
  std::unique_ptr<WsClient> ws_;
  std::vector<v1::ServerFrame> pending_;
};

/// A random UUIDv7 (time-ordered) event id.
std::string NewEventId();

}  // namespace minegate::test
