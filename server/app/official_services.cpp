#include "server/app/official_services.hpp"

#include <stdexcept>

#include "base/log.hpp"
#include "server/api/audit_routes.hpp"
#include "server/api/census_card_routes.hpp"
#include "server/api/census_export.hpp"
#include "server/api/census_routes.hpp"
#include "server/api/device_routes.hpp"
#include "server/api/police_export.hpp"
#include "server/api/police_routes.hpp"
#include "server/api/protection_cases.hpp"
#include "server/api/protection_notices.hpp"
#include "server/api/protection_referrals.hpp"
#include "server/api/rule_set_routes.hpp"
#include "server/api/security_routes.hpp"
#include "server/api/session_routes.hpp"
#include "server/api/site_routes.hpp"
#include "server/api/user_routes.hpp"
#include "server/app/start_failure.hpp"
#include "server/auth/session_service.hpp"
#include "server/store/open_store.hpp"
#include "server/web/embedded_asset.hpp"
#include "server/web/security_headers.hpp"

namespace minegate::server {
namespace {

constexpr std::chrono::minutes kSweepPeriod{5};

/// Requests that may wait for a worker, per worker: beyond, 503 at once.
constexpr std::size_t kQueuedRequestsPerWorker = 256;

}  // namespace

std::unique_ptr<OfficialServices> OfficialServices::Start(ServerApp& app, const Config& config,
                                                          SyncServices& sync,
                                                          OfficialServicesOptions tuning) {
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
  options.audit_reads = tuning.audit_reads;
  options.clock = tuning.clock;
  services->gateway_ = std::make_unique<gateway::OfficialsGateway>(
      *services->workers_, *services->audit_writer_, *services->site_, options);
  services->RegisterRoutes(app, options, sync);
  services->sweeper_ = std::thread([raw = services.get(), options] { raw->Sweep(options); });
  return services;
}

OfficialServices::~OfficialServices() {
  {
    std::lock_guard lock(sweep_mutex_);
    sweep_stop_ = true;
  }
  sweep_wake_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  if (workers_) workers_->Stop();
  if (audit_writer_) audit_writer_->Stop();
}

void OfficialServices::Sweep(gateway::GatewayOptions options) {
  std::unique_lock lock(sweep_mutex_);
  while (!sweep_wake_.wait_for(lock, kSweepPeriod, [this] { return sweep_stop_; })) {
    // On a worker, like every database access; a full queue skips this round.
    (void)workers_->Submit([options](db::Connection& connection) {
      auto ended =
          auth::SessionService(connection, options.sessions, options.throttle, options.clock)
              .EndExpiredSessions();
      if (!ended) {
        base::LogWarning("session_sweep_failed", {{"error", ended.error()}});
      } else if (ended.value() > 0) {
        base::LogInfo("sessions_expired", {{"count", ended.value()}});
      }
    });
  }
}

void OfficialServices::RegisterRoutes(ServerApp& app, const gateway::GatewayOptions& options,
                                      SyncServices& sync) {
  net::Router& router = app.router();
  const gateway::OfficialsGateway& door = *gateway_;
  api::SessionRouteOptions session;
  session.sessions = options.sessions;
  session.throttle = options.throttle;
  session.tokens = options.tokens;
  session.clock = options.clock;

  // Every API route behind the gateway: the route table says who may call it.
  const auto serve = [&router, &door](std::string_view method, std::string_view pattern,
                                      api::ApiHandler handler) {
    router.AddAsync(std::string(method), pattern, door.Api(method, pattern, std::move(handler)));
  };
  serve("POST", "/v1/session", api::SignInHandler(session));
  serve("GET", "/v1/session", api::SessionInfoHandler(session));
  serve("DELETE", "/v1/session", api::SignOutHandler(session));
  serve("POST", "/v1/session/password", api::ChangePasswordHandler(session));
  serve("GET", "/v1/tokens", api::ListTokensHandler(session));
  serve("POST", "/v1/tokens", api::CreateTokenHandler(session));
  serve("DELETE", "/v1/tokens/{id}", api::RevokeTokenHandler(session));

  // Administrators: accounts, sites, devices.
  serve("GET", "/v1/users", api::ListUsersHandler());
  serve("POST", "/v1/users", api::CreateUserHandler());
  serve("POST", "/v1/users/{id}/disable", api::DisableUserHandler());
  serve("POST", "/v1/users/{id}/password-reset", api::ResetPasswordHandler());
  serve("PUT", "/v1/users/{id}/pin", api::SetPinHandler());
  serve("PUT", "/v1/users/{id}/staff-card", api::SetStaffCardHandler());
  serve("PUT", "/v1/users/{id}/sites", api::SetUserSitesHandler());
  serve("GET", "/v1/sites", api::ListSitesHandler());
  serve("POST", "/v1/sites", api::CreateSiteHandler());
  serve("POST", "/v1/sites/{id}/gates", api::CreateGateHandler());
  serve("PUT", "/v1/sites/{id}/location", api::SetSiteLocationHandler());
  api::DeviceRouteContext devices;
  SessionDirectory* directory = &sync.directory();
  devices.connected_devices = [directory] { return directory->ConnectedDevices(); };
  devices.keys = &sync.keys();
  devices.certificate_sha256 = [&app] { return app.certificate_fingerprint(); };
  serve("GET", "/v1/devices", api::ListDevicesHandler(devices));
  serve("POST", "/v1/devices", api::CreateDeviceHandler(devices));
  serve("POST", "/v1/devices/{id}/revoke", api::RevokeDeviceHandler());
  // Administrators: security events (suspected clones).
  serve("GET", "/v1/security/events", api::ListSecurityEventsHandler());
  serve("POST", "/v1/security/events/{id}/revoke", api::RevokeSecurityEventHandler());
  serve("POST", "/v1/security/events/{id}/dismiss", api::DismissSecurityEventHandler());
  serve("GET", "/v1/security/settings", api::SecuritySettingsHandler());
  serve("PUT", "/v1/security/settings", api::SetSecuritySettingsHandler());
  // Protection officers: the queue and cases, referrals and care services, search notices.
  serve("GET", "/v1/protection/queue", api::ProtectionQueueHandler());
  serve("GET", "/v1/protection/cases/{id}", api::CaseFileHandler());
  serve("POST", "/v1/protection/cases/{id}/open", api::OpenCaseHandler());
  serve("POST", "/v1/protection/cases/{id}/assign", api::AssignCaseHandler());
  serve("POST", "/v1/protection/cases/{id}/dismiss", api::DismissCaseHandler());
  serve("POST", "/v1/protection/cases/{id}/close", api::CloseCaseHandler());
  serve("POST", "/v1/protection/cases/{id}/reopen", api::ReopenCaseHandler());
  serve("POST", "/v1/protection/cases/{id}/referrals", api::ReferCaseHandler());
  serve("POST", "/v1/protection/referrals/{id}/acknowledgement", api::AcknowledgeReferralHandler());
  serve("POST", "/v1/protection/referrals/{id}/outcome", api::ReferralOutcomeHandler());
  serve("GET", "/v1/protection/referrals/{id}/summary", api::ReferralSummaryHandler());
  serve("GET", "/v1/protection/services", api::ListCareServicesHandler());
  serve("POST", "/v1/protection/services", api::CreateCareServiceHandler());
  serve("PUT", "/v1/protection/services/{id}", api::UpdateCareServiceHandler());
  serve("GET", "/v1/protection/notices", api::ListSearchNoticesHandler());
  serve("POST", "/v1/protection/notices", api::CreateSearchNoticeHandler());
  serve("POST", "/v1/protection/notices/{id}/close", api::CloseSearchNoticeHandler());
  // EMAPE officials: the census (campaigns reach the site's kiosks through the list versions).
  serve("GET", "/v1/census/campaigns", api::ListCensusCampaignsHandler());
  serve("POST", "/v1/census/campaigns", api::CreateCensusCampaignHandler());
  serve("POST", "/v1/census/campaigns/{id}/open", api::OpenCensusCampaignHandler());
  serve("POST", "/v1/census/campaigns/{id}/close", api::CloseCensusCampaignHandler());
  serve("GET", "/v1/census/campaigns/{id}/results", api::CensusResultsHandler());
  serve("GET", "/v1/census/campaigns/{id}/minors", api::CensusMinorsHandler());
  serve("GET", "/v1/census/campaigns/{id}/card-candidates", api::CensusCardCandidatesHandler());
  serve("GET", "/v1/census/populations", api::CensusPopulationsHandler());
  serve("GET", "/v1/census/sites/{id}/daily", api::CensusSiteDailyHandler());
  serve("GET", "/v1/census/arrivals", api::CensusArrivalsHandler());
  serve("GET", "/v1/census/campaigns/{id}/results.csv", api::CensusTableExportHandler());
  serve("GET", "/v1/census/campaigns/{id}/minors.csv", api::CensusMinorsExportHandler());
  serve("GET", "/v1/census/campaigns/{id}/card-candidates.csv",
        api::CensusCardCandidatesExportHandler());
  serve("GET", "/v1/census/populations.csv", api::CensusPopulationsExportHandler());
  serve("GET", "/v1/census/sites/{id}/daily.csv", api::CensusSiteDailyExportHandler());
  serve("GET", "/v1/census/arrivals.csv", api::CensusArrivalsExportHandler());
  serve("GET", "/v1/census/settings", api::CensusSettingsHandler());
  serve("PUT", "/v1/census/settings", api::SetCensusSettingsHandler());
  serve("POST", "/v1/census/cards/{number}/revoke", api::RevokeMinerCardHandler());
  // Administrators: the risk rule sets. An upload's re-evaluation runs on the writer thread
  // (SyncServices owns the writer), queued once the upload is committed.
  api::RuleSetRouteContext rules;
  rules.reevaluate = [&sync, clock = options.clock] { sync.ResumeRiskReevaluation(clock); };
  serve("GET", "/v1/risk/rule-sets", api::ListRuleSetsHandler());
  serve("GET", "/v1/risk/rule-sets/{version}", api::RuleSetTextHandler());
  serve("POST", "/v1/risk/rule-sets", api::UploadRuleSetHandler(std::move(rules)));
  // Border police: person search and histories (reason and case reference: the gateway).
  serve("GET", "/v1/police/persons", api::PoliceSearchHandler());
  serve("GET", "/v1/police/persons/{id}/timeline", api::PoliceTimelineHandler());
  serve("GET", "/v1/police/persons.csv", api::PoliceSearchExportHandler());
  serve("GET", "/v1/police/persons/{id}/timeline.csv", api::PoliceTimelineExportHandler());
  // Auditors (and the head for administrators).
  serve("GET", "/v1/audit/head", api::AuditHeadHandler());
  serve("GET", "/v1/audit/entries", api::AuditEntriesHandler());
  serve("GET", "/v1/audit/verification", api::AuditVerificationHandler());
  serve("GET", "/v1/audit/export.csv", api::AuditExportHandler());

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
