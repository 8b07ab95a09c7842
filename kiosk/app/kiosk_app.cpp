#include "kiosk/app/kiosk_app.hpp"

#include <sodium.h>

#include <boost/asio/post.hpp>
#include <chrono>
#include <csignal>
#include <exception>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <system_error>

#include "base/clock.hpp"
#include "base/log.hpp"
#include "base/version.hpp"
#include "kiosk/app/device_key_file.hpp"
#include "kiosk/app/page_url_file.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/sync/person_search.hpp"
#include "kiosk/sync/reconcile.hpp"
#include "kiosk/ui/static_files.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::app {
namespace {

[[noreturn]] void CannotStart(const std::string& why) { throw std::runtime_error(why); }

}  // namespace

KioskApp::KioskApp(Options options) : options_(std::move(options)), data_dir_(options_.data_dir) {}

// The page's server, the bridge link and the sync client stop themselves when destroyed, and
// are declared after io_ and the controller, so they go first.
KioskApp::~KioskApp() = default;

void KioskApp::Start() {
  if (controller_) throw std::logic_error("KioskApp::Start: déjà démarré / already started");
  if (sodium_init() < 0) CannotStart("libsodium");
  OpenStore();
  MakeSyncClient();
  MakeController();
  StartUi();
  StartLinks();
  tick_.emplace(io_);
  Tick();
  base::LogInfo("started", {{"version", base::LogText(base::kVersion)},
                            {"enrolled", device_key_.has_value()},
                            {"ui", base::LogText(HostPort(options_.ui_address, ui_port_))},
                            {"bridge_socket", base::LogText(options_.bridge_socket)}});
  // Where the page's full address is (the token itself is written nowhere else), then the
  // address without its token: the lines launchers and tests wait for on stdout, printed once
  // the file is in place.
  std::cout << "page-url-file: " << PageUrlPath(data_dir_).string() << '\n';
  std::cout << "interface: http://" << HostPort(options_.ui_address, ui_port_) << '/' << std::endl;
}

void KioskApp::OpenStore() {
  auto connection = store::OpenKioskDataDir(data_dir_);
  if (!connection) {
    CannotStart("base de données / database " + (data_dir_ / "kiosk.db").string() + ": " +
                connection.error().message());
  }
  connection_ = std::make_unique<db::Connection>(std::move(connection).value());
  auto identity = store::IdentityStore(*connection_).Load();
  if (!identity) CannotStart(identity.error().message());
  identity_ = identity.value();
  if (!identity_) {
    base::LogWarning("not_enrolled", {{"hint", base::LogText("minegate-kiosk enroll")}});
    return;
  }
  std::string error;
  device_key_ = LoadDeviceKey(data_dir_, error);
  if (!device_key_) CannotStart(error);
  if (identity_->gate_id == 0) {
    if (options_.gate_id == 0) {
      CannotStart(
          "l'inscription ne donne pas de porte : --gate N / "
          "the enrolment gives no gate: --gate N");
    }
    identity_->gate_id = options_.gate_id;
    if (auto saved = store::IdentityStore(*connection_).Save(*identity_); !saved) {
      CannotStart(saved.error().message());
    }
  }
  base::LogInfo("enrolled", {{"device", base::LogText(identity_->device_id)},
                             {"site", identity_->site_id},
                             {"gate", identity_->gate_id}});
}

void KioskApp::MakeSyncClient() {
  sync_store_.emplace(*connection_);
  if (!identity_) return;
  server_.host = identity_->server_host;
  server_.port = identity_->server_port;
  server_.fingerprint = identity_->server_fingerprint;
  sync::SyncOptions sync_options;
  sync_options.server = server_;
  sync_options.device_id = identity_->device_id;
  sync_options.software_version = std::string(base::kVersion);
  sync_options.clock_skew_warning = options_.clock_skew_warning;
  sync_client_ = std::make_unique<sync::SyncClient>(io_, *sync_store_, *device_key_, sync_options);
}

gate::ControllerPorts KioskApp::Ports() {
  gate::ControllerPorts ports;
  ports.broadcast = [this](const v1::UiUpdate& update) { ui_->Broadcast(update); };
  ports.send = [this](gate::ClientId client, const v1::UiUpdate& update) {
    ui_->Send(client, update);
  };
  ports.to_bridge = [this](const v1::KioskMessage& message) { return bridge_link_->Send(message); };
  ports.events_recorded = [this] {
    if (sync_client_) sync_client_->Notify();
  };
  ports.sync_status = [this]() -> const sync::SyncStatus* {
    return sync_client_ ? &sync_client_->status() : nullptr;
  };
  ports.fetch_reconcile = [this](std::function<void(std::optional<v1::ReconcileReport>)> done) {
    if (!device_key_ || !identity_) {
      done(std::nullopt);
      return;
    }
    sync::AsyncReconcile(io_, server_, *device_key_, identity_->device_id,
                         [done = std::move(done)](sync::Answer<v1::ReconcileReport> answer) {
                           if (answer) {
                             done(answer.value());
                           } else {
                             done(std::nullopt);
                           }
                         });
  };
  ports.find_candidates = [this](const v1::PersonCandidatesQuery& query,
                                 std::function<void(gate::CandidatesAnswer)> done) {
    if (!device_key_ || !identity_) {
      done({v1::SEARCH_OUTCOME_OFFLINE, {}});
      return;
    }
    sync::AsyncFindCandidates(
        io_, server_, *device_key_, identity_->device_id, query,
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
  ports.ask = [this](const v1::KioskFrame& question) {
    return sync_client_ && sync_client_->Ask(question);
  };
  ports.now_ms = base::NowMs;
  return ports;
}

void KioskApp::MakeController() {
  gate::ControllerConfig config;
  config.idle_sign_out = options_.idle_sign_out;
  config.sign_in.max_failures = options_.max_pin_failures;
  config.sign_in.lock_duration = options_.lock_duration;
  config.stale_after_days = options_.stale_after_days;
  config.retention = options_.retention;
  config.roster_ttl = options_.roster_ttl;
  controller_ = std::make_unique<gate::KioskController>(
      *connection_, device_key_ ? &*device_key_ : nullptr, config, Ports());
  if (auto loaded = controller_->Load(); !loaded) CannotStart(loaded.error().message());
}

void KioskApp::StartUi() {
  net::UiServerOptions ui_options;
  ui_options.address = options_.ui_address;
  ui_options.port = options_.ui_port;
  ui_options.files = ui::StaticFiles();
  // New at each start: a page opened before a restart, or by anyone who saw an older address,
  // cannot reach this daemon.
  ui_options.page_token = MakePageToken();
  net::UiHandlers handlers;
  handlers.on_open = [this](net::ClientId client) { controller_->OnUiOpen(client); };
  handlers.on_request = [this](net::ClientId client, const v1::UiRequest& request) {
    controller_->OnUiRequest(client, request);
  };
  ui_ = std::make_unique<net::UiServer>(io_, ui_options, handlers);
  auto port = ui_->Start();
  if (!port) CannotStart("interface / page: " + port.error().message());
  ui_port_ = port.value();
  std::string error;
  if (!WritePageUrlFile(data_dir_, PageUrl(options_.ui_address, ui_port_, ui_options.page_token),
                        error)) {
    CannotStart(error);
  }
}

void KioskApp::StartLinks() {
  bridge::BridgeLinkOptions bridge_options;
  bridge_options.socket_path = options_.bridge_socket;
  bridge::BridgeHandlers bridge_handlers;
  bridge_handlers.on_message = [this](const v1::BridgeMessage& message) {
    controller_->OnBridgeMessage(message);
  };
  bridge_handlers.on_connection = [this](bool connected) {
    controller_->OnBridgeConnected(connected);
  };
  bridge_link_ = std::make_unique<bridge::BridgeLink>(io_, bridge_options, bridge_handlers);
  bridge_link_->Start();

  if (!sync_client_) return;
  sync_client_->set_on_change([this](sync::SyncChange) { controller_->OnSyncChanged(); });
  sync_client_->set_on_answer(
      [this](const v1::ServerFrame& answer) { controller_->OnServerAnswer(answer); });
  if (auto started = sync_client_->Start(); !started) {
    CannotStart("synchronisation / sync: " + started.error().message());
  }
}

void KioskApp::Tick() {
  tick_->expires_after(std::chrono::seconds(1));
  tick_->async_wait([this](const boost::system::error_code& error) {
    // A cancel can miss a tick already queued; the flag cannot.
    if (error || stopping_) return;
    controller_->OnTick();
    Tick();
  });
}

void KioskApp::HandleStopSignals() {
  if (signals_) return;
  signals_.emplace(io_, SIGINT, SIGTERM);
  signals_->async_wait([this](const boost::system::error_code& error, int signal) {
    if (error) return;  // cancelled by Stop()
    base::LogInfo("stopping", {{"signal", base::LogText(signal == SIGINT ? "SIGINT" : "SIGTERM")}});
    Stop();
  });
}

void KioskApp::Run() {
  if (!controller_) throw std::logic_error("KioskApp::Run avant / before Start");
  // No handler lets an exception escape; should one ever, log it and keep serving.
  while (true) {
    try {
      io_.run();
      return;
    } catch (const std::exception& e) {
      base::LogError("handler_exception", {{"what", base::LogText(e.what())}});
    }
  }
}

void KioskApp::Stop() {
  if (stop_requested_.exchange(true)) return;
  // Everything below belongs to the I/O thread.
  boost::asio::post(io_, [this] { StopServices(); });
}

void KioskApp::StopServices() {
  stopping_ = true;
  if (signals_) signals_->cancel();
  if (tick_) tick_->cancel();
  if (sync_client_) sync_client_->Stop();
  if (bridge_link_) bridge_link_->Stop();
  if (ui_) ui_->Stop();
}

int RunKiosk(const Options& options) {
  try {
    KioskApp app(options);
    app.HandleStopSignals();
    app.Start();
    app.Run();
  } catch (const std::exception& e) {
    // Our own bilingual reasons (paths chosen by the operator, library diagnostics): no
    // personal data can reach them before the kiosk has started.
    base::LogError("cannot_start", {{"reason", base::LogText(e.what())}});
    return 1;
  }
  base::LogInfo("stopped");
  return 0;
}

}  // namespace minegate::kiosk::app
