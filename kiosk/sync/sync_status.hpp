#pragma once
/// What the kiosk shows about its link to the server, and what changed.

#include <cstdint>
#include <string>

namespace minegate::kiosk::sync {

struct SyncStatus {
  bool running = false;
  /// Authenticated: the server's Welcome arrived on the current connection.
  bool connected = false;
  /// Short stable code of the last failure, "" when none or cleared by progress since:
  /// a server error ("DEVICE_REVOKED", "INVALID_EVENT", "SERVER_BUSY", ...), a link failure
  /// ("connect_failed", "tls_fingerprint_mismatch", "connection_lost", "timed_out", ...), or
  /// "store_failed", "bad_frame", "unexpected_frame".
  std::string last_error;
  /// "français / English" explanation of last_error (the server's words for its errors).
  std::string last_error_message;
  /// The device_seq the server's error named (0 when none).
  std::uint64_t last_error_seq = 0;
  /// ms since the epoch; 0 = never.
  std::int64_t last_attempt_ms = 0;
  std::int64_t last_connected_ms = 0;
  std::int64_t last_ack_ms = 0;
  /// Last Heartbeat sent (not announced through on_change: nothing to redraw).
  std::int64_t last_heartbeat_ms = 0;
  /// When the next connection attempt is due while disconnected (0 when none is planned).
  std::int64_t next_attempt_ms = 0;
  /// Highest device_seq the server is known to hold (the outbox's acknowledged position).
  std::uint64_t acked_seq = 0;
  /// The kiosk's clock against the server's, measured at the last Welcome that gave the
  /// server's time: kiosk minus server in ms (positive: the kiosk is ahead).
  bool clock_skew_known = false;
  std::int64_t clock_skew_ms = 0;
  /// |clock_skew_ms| is beyond SyncOptions::clock_skew_warning: the page warns the agent.
  bool clock_skew_warning = false;
};

/// Why on_change was called.
enum class SyncChange {
  kStatus,     ///< connected, disconnected, an error, a planned attempt
  kAck,        ///< events were acknowledged (acked_seq moved)
  kTrustList,  ///< a list was applied to the store: the UI may reread it
  kRevokedBracelets,
  kAlerts,
  kCensusCampaigns,
  kAgentRoster,
};

}  // namespace minegate::kiosk::sync
