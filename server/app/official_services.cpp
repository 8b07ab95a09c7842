#include "server/app/official_services.hpp"

#include <stdexcept>

#include "server/api/session_routes.hpp"
#include "server/app/start_failure.hpp"
#include "server/store/open_store.hpp"
#include "server/web/embedded_asset.hpp"
#include "server/web/security_headers.hpp"

namespace minegate::server {
namespace {

/// Requests that may wait for a worker, per worker: beyond, 503 at once.
constexpr std::size_t kQueuedRequestsPerWorker = 256;

}  // namespace

std::unique_ptr<OfficialServices> OfficialServices::Start(ServerApp& app, const Config& config) {
  std::unique_ptr<OfficialServices> services(new OfficialServices());
  services->site_ = std::make_unique<web::StaticSite>(web::EmbeddedAssets());
  auto writer = audit::AuditWriter::Open(config.database_path());
  if (!writer) ThrowStartFailure("journal d'audit / audit log", writer.error());
  services->audit_writer_ = std::move(writer).value();
  const std::filesystem::path database = config.database_path();
  auto workers =
      db::WorkerPool::Start(config.api_threads, config.api_threads * kQueuedRequestsPerWorker,
                            [database] { return OpenStore(database); });
  if (!workers) ThrowStartFailure("fils de l'API / API workers", workers.error());
  services->workers_ = std::move(workers).value();

  gateway::GatewayOptions options;
  options.sessions.idle_timeout_ms = std::int64_t{config.session_idle_minutes} * 60 * 1000;
  options.sessions.absolute_timeout_ms = std::int64_t{config.session_hours} * 60 * 60 * 1000;
  services->gateway_ = std::make_unique<gateway::OfficialsGateway>(
      *services->workers_, *services->audit_writer_, *services->site_, options);
  services->RegisterRoutes(app, options);
  return services;
}

OfficialServices::~OfficialServices() {
  if (workers_) workers_->Stop();
  if (audit_writer_) audit_writer_->Stop();
}

void OfficialServices::RegisterRoutes(ServerApp& app, const gateway::GatewayOptions& options) {
  net::Router& router = app.router();
  const gateway::OfficialsGateway& door = *gateway_;
  api::SessionRouteOptions session;
  session.sessions = options.sessions;
  session.throttle = options.throttle;
  session.tokens = options.tokens;
  session.clock = options.clock;

  router.AddAsync("POST", "/v1/session",
                  door.Api("POST", "/v1/session", api::SignInHandler(session)));
  router.AddAsync("GET", "/v1/session",
                  door.Api("GET", "/v1/session", api::SessionInfoHandler(session)));
  router.AddAsync("DELETE", "/v1/session",
                  door.Api("DELETE", "/v1/session", api::SignOutHandler(session)));
  router.AddAsync("POST", "/v1/session/password",
                  door.Api("POST", "/v1/session/password", api::ChangePasswordHandler(session)));
  router.AddAsync("GET", "/v1/tokens",
                  door.Api("GET", "/v1/tokens", api::ListTokensHandler(session)));
  router.AddAsync("POST", "/v1/tokens",
                  door.Api("POST", "/v1/tokens", api::CreateTokenHandler(session)));
  router.AddAsync("DELETE", "/v1/tokens/{id}",
                  door.Api("DELETE", "/v1/tokens/{id}", api::RevokeTokenHandler(session)));

  // The web application: public pages and assets on the I/O thread (no database), workspace
  // pages behind their role check.
  const web::StaticSite* site = site_.get();
  router.Add("GET", "/static/{version}/{path...}",
             [site](const net::HttpRequest& request, const net::PathParams&) {
               return site->Serve(request);
             });
  for (const api::RouteRule& rule : api::RouteTable()) {
    if (rule.page) router.AddAsync("GET", rule.pattern, door.Page(rule.pattern));
  }
}

}  // namespace minegate::server
