#pragma once
/// The one place where minegate-server's services are wired onto the ServerApp.

#include <memory>

#include "server/app/config.hpp"
#include "server/app/server_app.hpp"
#include "server/app/sync_services.hpp"

namespace minegate::server {

/// Opens the registry and registers the server's routes and streams (the kiosk
/// sync stream, enrolment, reconcile) on `app` before it starts; /healthz and
/// /metrics are the ServerApp's own. The returned services must outlive app.Run()
/// and be destroyed before `app`. Throws (bilingual message) on start-up failure.
std::unique_ptr<SyncServices> RegisterServices(ServerApp& app, const Config& config);

}  // namespace minegate::server
