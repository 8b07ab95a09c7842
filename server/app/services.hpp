#pragma once
/// The one place where minegate-server's services are wired onto the ServerApp.

#include <memory>

#include "server/app/config.hpp"
#include "server/app/official_services.hpp"
#include "server/app/server_app.hpp"
#include "server/app/sync_services.hpp"

namespace minegate::server {

/// Everything RegisterServices started; destroyed in reverse order (officials first).
struct Services {
  std::unique_ptr<SyncServices> sync;
  std::unique_ptr<OfficialServices> officials;
};

/// Opens the registry and registers the server's routes and streams on `app` before it
/// starts: the kiosks' (sync stream, enrolment, reconcile) and the officials' (sessions, web
/// application); /healthz and /metrics are the ServerApp's own. Then checks that every route
/// served is declared in the route table and every declared one is served. The returned
/// services must outlive app.Run() and be destroyed before `app`. Throws (bilingual message)
/// on start-up failure.
std::unique_ptr<Services> RegisterServices(ServerApp& app, const Config& config);

}  // namespace minegate::server
