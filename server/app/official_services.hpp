#pragma once
/// The officials' side of minegate-server: the database workers, the audit writer, the web
/// application and the gateway in front of every officials' route (server/gateway), with the
/// routes of the route table registered on the app's router.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "base/clock.hpp"
#include "db/worker_pool.hpp"
#include "server/app/config.hpp"
#include "server/app/server_app.hpp"
#include "server/app/sync_services.hpp"
#include "server/audit/audit_writer.hpp"
#include "server/gateway/officials_gateway.hpp"
#include "server/web/static_site.hpp"

namespace minegate::server {

/// What only tests and benchmarks change; minegate-server uses the defaults.
struct OfficialServicesOptions {
  /// False only in tests/bench/officials_api_bench, which measures what auditing reads costs
  /// (gateway::GatewayOptions::audit_reads); minegate-server always audits.
  bool audit_reads = true;
  /// The time sessions, tokens, the sign-in throttle and audit entries are dated with: a test
  /// sets it to pass 30 minutes or 12 hours without waiting.
  base::Clock clock = base::NowMs;
};

class OfficialServices {
 public:
  /// Opens the workers' connections and the audit writer, registers the routes. Throws
  /// (bilingual message) on start-up failure.
  /// `sync` (the kiosks' side) must outlive the returned services.
  static std::unique_ptr<OfficialServices> Start(ServerApp& app, const Config& config,
                                                 SyncServices& sync,
                                                 OfficialServicesOptions options = {});
  /// Stops the workers (queued requests still answered), then the audit writer.
  ~OfficialServices();

  /// What the audit writer has committed so far (entries, transactions): its group size.
  audit::AuditWriterStats audit_writer_stats() const { return audit_writer_->stats(); }

 private:
  OfficialServices() = default;
  void RegisterRoutes(ServerApp& app, const gateway::GatewayOptions& options, SyncServices& sync);

  std::unique_ptr<web::StaticSite> site_;
  std::unique_ptr<audit::AuditWriter> audit_writer_;
  std::unique_ptr<db::WorkerPool> workers_;
  std::unique_ptr<gateway::OfficialsGateway> gateway_;
  /// Ends sessions nobody presented again past their limits, every few minutes (a session is
  /// refused when presented late anyway; the sweep keeps the table's "live" sessions honest).
  /// Its own thread rather than an I/O timer: a pending timer would keep the I/O context
  /// running after the server is asked to stop.
  void Sweep(gateway::GatewayOptions options);
  std::mutex sweep_mutex_;
  std::condition_variable sweep_wake_;
  bool sweep_stop_ = false;
  std::thread sweeper_;
};

}  // namespace minegate::server
