#include "kiosk/app/kiosk_app.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>

#include "base/clock.hpp"
#include "base/version.hpp"
#include "kiosk/app/device_key_file.hpp"
#include "kiosk/app/page_url_file.hpp"
#include "kiosk/bridge/bridge_link.hpp"
#include "kiosk/gate/kiosk_controller.hpp"
#include "kiosk/store/identity_store.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/store/kiosk_sync_store.hpp"
#include "kiosk/sync/person_search.hpp"
#include "kiosk/sync/reconcile.hpp"
#include "kiosk/sync/sync_client.hpp"
#include "kiosk/ui/static_files.hpp"
#include "kiosk/ui_server/ui_server.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::app {
namespace {

int CannotStart(const std::string& why) {
  std::cerr << "minegate-kiosk: démarrage impossible / cannot start: " << why << '\n';
  return 1;
}

/// Re-arms itself every second until `stopping` is set (a cancel can miss a
/// tick already queued; the flag cannot).
void Tick(boost::asio::steady_timer& timer, gate::KioskController& controller,
          const bool& stopping) {
  timer.expires_after(std::chrono::seconds(1));
  timer.async_wait([&timer, &controller, &stopping](const boost::system::error_code& error) {
    if (error || stopping) return;
    controller.OnTick();
    Tick(timer, controller, stopping);
  });
}

}  // namespace

int RunKiosk(const Options& options) {
  if (sodium_init() < 0) return CannotStart("libsodium");
  const std::filesystem::path data_dir = options.data_dir;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  ::chmod(data_dir.c_str(), 0700);
  auto connection = store::OpenKioskDb(data_dir / "kiosk.db");
  if (!connection) return CannotStart(connection.error().message());
  auto identity = store::IdentityStore(connection.value()).Load();
  if (!identity) return CannotStart(identity.error().message());

  std::optional<credential::SigningKey> device_key;
  if (identity.value()) {
    std::string error;
    device_key = LoadDeviceKey(data_dir, error);
    if (!device_key) return CannotStart(error);
    if (identity.value()->gate_id == 0) {
      if (options.gate_id == 0) {
        return CannotStart(
            "l'inscription ne donne pas de porte : --gate N / "
            "the enrolment gives no gate: --gate N");
      }
      identity.value()->gate_id = options.gate_id;
      if (auto saved = store::IdentityStore(connection.value()).Save(*identity.value()); !saved) {
        return CannotStart(saved.error().message());
      }
    }
  } else {
    std::cerr << "minegate-kiosk: borne non inscrite, la page le dira (minegate-kiosk enroll) / "
                 "kiosk not enrolled, the page will say so (minegate-kiosk enroll)\n";
  }

  boost::asio::io_context io(1);
  store::KioskSyncStore sync_store(connection.value());
  std::unique_ptr<sync::SyncClient> sync_client;
  sync::ServerAddress server;
  if (identity.value()) {
    server.host = identity.value()->server_host;
    server.port = identity.value()->server_port;
    server.fingerprint = identity.value()->server_fingerprint;
    sync::SyncOptions sync_options;
    sync_options.server = server;
    sync_options.device_id = identity.value()->device_id;
    sync_options.software_version = std::string(base::kVersion);
    sync_client = std::make_unique<sync::SyncClient>(io, sync_store, *device_key, sync_options);
  }

  std::unique_ptr<net::UiServer> ui;
  std::unique_ptr<bridge::BridgeLink> bridge_link;
  std::unique_ptr<gate::KioskController> controller;

  gate::ControllerConfig config;
  config.idle_sign_out = options.idle_sign_out;
  config.sign_in.max_failures = options.max_pin_failures;
  config.sign_in.lock_duration = options.lock_duration;
  config.stale_after_days = options.stale_after_days;
  config.retention = options.retention;
  config.roster_ttl = options.roster_ttl;

  gate::ControllerPorts ports;
  ports.broadcast = [&ui](const v1::UiUpdate& update) { ui->Broadcast(update); };
  ports.send = [&ui](gate::ClientId client, const v1::UiUpdate& update) {
    ui->Send(client, update);
  };
  ports.to_bridge = [&bridge_link](const v1::KioskMessage& message) {
    return bridge_link->Send(message);
  };
  ports.events_recorded = [&sync_client] {
    if (sync_client) sync_client->Notify();
  };
  ports.sync_link = [&sync_client] {
    gate::SyncLinkView view;
    if (sync_client) {
      const sync::SyncStatus& status = sync_client->status();
      view.connected = status.connected;
      view.last_error = status.last_error;
      view.last_attempt_at_ms = status.last_attempt_ms;
    } else {
      view.last_error = "not_enrolled";
    }
    return view;
  };
  ports.fetch_reconcile = [&io, &server, &device_key, &identity](
                              std::function<void(std::optional<v1::ReconcileReport>)> done) {
    if (!device_key || !identity.value()) {
      done(std::nullopt);
      return;
    }
    sync::AsyncReconcile(io, server, *device_key, identity.value()->device_id,
                         [done = std::move(done)](sync::Answer<v1::ReconcileReport> answer) {
                           if (answer) {
                             done(answer.value());
                           } else {
                             done(std::nullopt);
                           }
                         });
  };
  ports.find_candidates = [&io, &server, &device_key, &identity](
                              const v1::PersonCandidatesQuery& query,
                              std::function<void(gate::CandidatesAnswer)> done) {
    if (!device_key || !identity.value()) {
      done({v1::SEARCH_OUTCOME_OFFLINE, {}});
      return;
    }
    sync::AsyncFindCandidates(
        io, server, *device_key, identity.value()->device_id, query,
        [done = std::move(done)](sync::Answer<v1::PersonCandidates> answer) {
          gate::CandidatesAnswer result;
          if (answer) {
            result.candidates = answer.value();
            result.outcome = answer.value().too_many()             ? v1::SEARCH_OUTCOME_TOO_MANY
                             : answer.value().candidates().empty() ? v1::SEARCH_OUTCOME_NONE
                                                                   : v1::SEARCH_OUTCOME_FOUND;
          } else {
            // No answer (or a server that cannot answer now) is "offline": try again later.
            const int status = answer.error().http_status;
            result.outcome = status == 0 || status >= 500 ? v1::SEARCH_OUTCOME_OFFLINE
                                                          : v1::SEARCH_OUTCOME_REFUSED;
          }
          done(std::move(result));
        });
  };
  ports.now_ms = base::NowMs;
  controller = std::make_unique<gate::KioskController>(
      connection.value(), device_key ? &*device_key : nullptr, config, std::move(ports));
  if (auto loaded = controller->Load(); !loaded) return CannotStart(loaded.error().message());

  net::UiServerOptions ui_options;
  ui_options.address = options.ui_address;
  ui_options.port = options.ui_port;
  ui_options.files = ui::StaticFiles();
  // New at each start: a page opened before a restart, or by anyone who saw an older address,
  // cannot reach this daemon.
  ui_options.page_token = MakePageToken();
  net::UiHandlers handlers;
  handlers.on_open = [&controller](net::ClientId client) { controller->OnUiOpen(client); };
  handlers.on_request = [&controller](net::ClientId client, const v1::UiRequest& request) {
    controller->OnUiRequest(client, request);
  };
  ui = std::make_unique<net::UiServer>(io, ui_options, handlers);
  auto port = ui->Start();
  if (!port) return CannotStart("interface / page: " + port.error().message());
  {
    std::string error;
    if (!WritePageUrlFile(
            data_dir, PageUrl(options.ui_address, port.value(), ui_options.page_token), error)) {
      return CannotStart(error);
    }
  }

  bridge::BridgeLinkOptions bridge_options;
  bridge_options.socket_path = options.bridge_socket;
  bridge::BridgeHandlers bridge_handlers;
  bridge_handlers.on_message = [&controller](const v1::BridgeMessage& message) {
    controller->OnBridgeMessage(message);
  };
  bridge_handlers.on_connection = [&controller](bool connected) {
    controller->OnBridgeConnected(connected);
  };
  bridge_link = std::make_unique<bridge::BridgeLink>(io, bridge_options, bridge_handlers);
  bridge_link->Start();

  if (sync_client) {
    sync_client->set_on_change([&controller](sync::SyncChange) { controller->OnSyncChanged(); });
    if (auto started = sync_client->Start(); !started) {
      return CannotStart("synchronisation / sync: " + started.error().message());
    }
  }

  boost::asio::steady_timer tick(io);
  bool stopping = false;
  Tick(tick, *controller, stopping);
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& error, int) {
    if (error) return;
    std::cerr << "minegate-kiosk: arrêt / stopping\n";
    stopping = true;
    tick.cancel();
    if (sync_client) sync_client->Stop();
    bridge_link->Stop();
    ui->Stop();
  });

  // Where the page's full address is (the token itself is written nowhere else), then the
  // address without its token: the line launchers and tests wait for, printed once the file is
  // in place.
  std::cout << "page-url-file: " << PageUrlPath(data_dir).string() << '\n';
  std::cout << "interface: http://"
            << (options.ui_address.find(':') != std::string::npos ? "[" + options.ui_address + "]"
                                                                  : options.ui_address)
            << ':' << port.value() << '/' << std::endl;
  io.run();
  return 0;
}

}  // namespace minegate::kiosk::app
