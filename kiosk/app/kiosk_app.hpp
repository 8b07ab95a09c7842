#pragma once
/// minegate-kiosk run's process: one I/O thread drives everything — the page's server, the
/// bridge link, the sync client, a one-second tick — and the controller decides what each
/// message means. Like ServerApp:
///
///   KioskApp app(options);
///   app.HandleStopSignals();
///   app.Start();   // throws std::runtime_error (bilingual) when the kiosk cannot start
///   app.Run();     // until Stop() or SIGINT/SIGTERM
///
/// Start() prints the two lines launchers and tests wait for on stdout,
/// "page-url-file: DATA_DIR/page-url" then "interface: http://ADDRESS:PORT/", once the page-url
/// file is in place; everything else goes to the log (base/log.hpp).

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "kiosk/app/options.hpp"
#include "kiosk/bridge/bridge_link.hpp"
#include "kiosk/gate/kiosk_controller.hpp"
#include "kiosk/store/identity_store.hpp"
#include "kiosk/store/kiosk_sync_store.hpp"
#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_client.hpp"
#include "kiosk/ui_server/ui_server.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::db {
class Connection;
}

namespace minegate::kiosk::app {

class KioskApp {
 public:
  /// Does no I/O.
  explicit KioskApp(Options options);
  ~KioskApp();
  KioskApp(const KioskApp&) = delete;
  KioskApp& operator=(const KioskApp&) = delete;

  /// Opens the data directory, the database, the device key (when enrolled) and the controller;
  /// binds the page's server, writes the page-url file, starts the bridge link and the sync
  /// client. Throws std::runtime_error with a bilingual reason; call once.
  void Start();
  /// SIGINT and SIGTERM call Stop(). Call before Run().
  void HandleStopSignals();
  /// Runs the I/O thread until Stop() has closed the page's connections, the bridge link and
  /// the sync client. Requires Start().
  void Run();
  /// Stops the tick, the sync client, the bridge link and the page's server, after which Run()
  /// returns. Thread-safe, idempotent; also fine before Run().
  void Stop();

  /// The page server's bound port (the actual one when options.ui_port is 0). After Start().
  std::uint16_t ui_port() const { return ui_port_; }

 private:
  void OpenStore();
  void MakeSyncClient();
  void MakeController();
  void StartUi();
  void StartLinks();
  void Tick();
  /// On the I/O thread.
  void StopServices();
  gate::ControllerPorts Ports();

  const Options options_;
  const std::filesystem::path data_dir_;
  /// The kiosk database (kiosk/store opens it; this library does not use db/ itself).
  std::unique_ptr<db::Connection> connection_;
  std::optional<store::Identity> identity_;
  std::optional<credential::SigningKey> device_key_;
  std::optional<store::KioskSyncStore> sync_store_;
  sync::ServerAddress server_;
  /// Declared before the I/O context: the handlers of the page, the bridge and the sync client
  /// call it until the context is gone.
  std::unique_ptr<gate::KioskController> controller_;
  boost::asio::io_context io_{1};
  /// Declared after the I/O context, so destroyed while it still exists (not running).
  std::unique_ptr<sync::SyncClient> sync_client_;
  std::unique_ptr<net::UiServer> ui_;
  std::unique_ptr<bridge::BridgeLink> bridge_link_;
  std::optional<boost::asio::steady_timer> tick_;
  std::optional<boost::asio::signal_set> signals_;
  std::uint16_t ui_port_ = 0;
  /// Set on the I/O thread when stopping: a tick already queued does not re-arm.
  bool stopping_ = false;
  std::atomic<bool> stop_requested_{false};
};

/// minegate-kiosk run: Start() and Run() a KioskApp (main configures the log, with the level
/// the options give). Exit code: 0 after a signal, 1 when it cannot start (the reason in the log).
int RunKiosk(const Options& options);

}  // namespace minegate::kiosk::app
