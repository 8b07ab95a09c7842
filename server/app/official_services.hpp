#pragma once
/// The officials' side of minegate-server: the database workers, the audit writer, the web
/// application and the gateway in front of every officials' route (server/gateway), with the
/// routes of the route table registered on the app's router.

#include <memory>

#include "db/worker_pool.hpp"
#include "server/app/config.hpp"
#include "server/app/server_app.hpp"
#include "server/app/sync_services.hpp"
#include "server/audit/audit_writer.hpp"
#include "server/gateway/officials_gateway.hpp"
#include "server/web/static_site.hpp"

namespace minegate::server {

class OfficialServices {
 public:
  /// Opens the workers' connections and the audit writer, registers the routes. Throws
  /// (bilingual message) on start-up failure.
  /// `sync` (the kiosks' side) must outlive the returned services.
  static std::unique_ptr<OfficialServices> Start(ServerApp& app, const Config& config,
                                                 SyncServices& sync);
  /// Stops the workers (queued requests still answered), then the audit writer.
  ~OfficialServices();

 private:
  OfficialServices() = default;
  void RegisterRoutes(ServerApp& app, const gateway::GatewayOptions& options, SyncServices& sync);

  std::unique_ptr<web::StaticSite> site_;
  std::unique_ptr<audit::AuditWriter> audit_writer_;
  std::unique_ptr<db::WorkerPool> workers_;
  std::unique_ptr<gateway::OfficialsGateway> gateway_;
};

}  // namespace minegate::server
