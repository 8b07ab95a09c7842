#pragma once
/// The kiosk's side of the sync protocol (docs/protocol.md §3-6): connects to the server,
/// answers its challenge with a Hello signed by the device key, streams the outbox from where
/// the server's Welcome says, applies the down-stream lists it receives, and reconnects with
/// backoff after any failure. Events are never dropped here: the store keeps them until an
/// acknowledgement covers them, whatever the server refuses.
///
/// Threading: construct, call and destroy on the io_context's one thread; the store and
/// on_change are called on it too. Nothing blocks.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_error.hpp"
#include "kiosk/sync/sync_status.hpp"
#include "kiosk/sync/sync_store.hpp"
#include "proto/credential/signing_key.hpp"

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
};

class SyncClient {
 public:
  using OnChange = std::function<void(SyncChange)>;

  SyncClient(boost::asio::io_context& io, SyncStore& store, const credential::SigningKey& key,
             SyncOptions options);
  /// Stops (without calling on_change).
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  /// Called on the io thread after a status change, an Ack or an applied list.
  void set_on_change(OnChange on_change);

  /// Starts connecting. Errors: Errc::bad_options (no device id, host or port),
  /// LinkErrc::bad_fingerprint (no valid pin); nothing is attempted then.
  Result<void> Start();
  /// Closes the connection and cancels every timer; Start() may be called again.
  void Stop();
  /// New events were recorded: sent at once if connected (otherwise at the next session).
  void Notify();

  const SyncStatus& status() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace minegate::kiosk::sync
