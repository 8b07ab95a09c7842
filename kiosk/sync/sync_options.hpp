#pragma once
/// How the kiosk's sync client connects and paces itself (docs/protocol.md §3-4).

#include <chrono>
#include <cstddef>
#include <string>

#include "kiosk/sync/server_address.hpp"

namespace minegate::kiosk::sync {

struct SyncOptions {
  ServerAddress server;
  std::string device_id;
  std::string software_version;
  /// The protocol's limits: 256 events and 1 MiB per batch, 4 batches before the first Ack.
  std::size_t max_events_per_batch = 256;
  std::size_t max_batch_bytes = 960 * 1024;  ///< leaves room for framing under 1 MiB
  std::size_t batches_in_flight = 4;
  /// A Heartbeat goes out when nothing else was sent for this long.
  std::chrono::milliseconds heartbeat{30000};
  /// Reconnection: from backoff_initial, doubling to backoff_max, full jitter.
  std::chrono::milliseconds backoff_initial{1000};
  std::chrono::milliseconds backoff_max{300000};
  /// After the server refused the device itself (unknown, revoked, bad signature): retrying
  /// soon cannot help, an administrator has to act.
  std::chrono::milliseconds auth_backoff{300000};
  /// A connection with nothing received (no message, no pong) for this long is dead.
  std::chrono::milliseconds idle_timeout{90000};
  /// The kiosk's clock differs from the server's by more than this at a connection: the page
  /// warns the agent (events keep the kiosk's time; a wrong clock misdates them).
  std::chrono::milliseconds clock_skew_warning{120000};
};

}  // namespace minegate::kiosk::sync
