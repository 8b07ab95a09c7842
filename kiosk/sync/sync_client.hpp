#pragma once
/// The kiosk's sync client: the protocol state machine (SyncMachine) driven over a TLS
/// WebSocket to the server (kiosk/server_link's SyncSocket) and Asio timers. Everything the
/// protocol decides is in SyncMachine; this only connects, reads, writes and waits.
///
/// Threading: construct, call and destroy on the io_context's one thread; the store and
/// on_change are called on it too. Nothing blocks.

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>

#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_error.hpp"
#include "kiosk/sync/sync_options.hpp"
#include "kiosk/sync/sync_status.hpp"
#include "kiosk/sync/sync_store.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::sync {

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
  /// A police-history or miner's-card-holder question, on the connected session only
  /// (SyncMachine::Ask); false when offline. The answer comes to set_on_answer's handler on the
  /// io thread.
  bool Ask(const v1::KioskFrame& question);
  void set_on_answer(std::function<void(const v1::ServerFrame&)> handler);

  const SyncStatus& status() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace minegate::kiosk::sync
