#include "server/app/sync_services.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <stdexcept>

#include "base/clock.hpp"
#include "base/log.hpp"
#include "db/transaction.hpp"
#include "server/admin/device_registry.hpp"
#include "server/api/enrolment.hpp"
#include "server/api/person_candidates.hpp"
#include "server/api/reconcile.hpp"
#include "server/app/start_failure.hpp"
#include "server/audit/audit_log.hpp"
#include "server/net/stream.hpp"
#include "server/protection/risk_monitor.hpp"
#include "server/protection/risk_reevaluator.hpp"
#include "server/registry/person_lookup.hpp"
#include "server/security/clone_watch.hpp"

namespace minegate::server {
namespace {

/// Runs `job` on the writer thread, which owns the writes, and waits for it from this I/O
/// thread, at most 10 s (the routes using it are rare and quick). The job is claimed by
/// whichever comes first, the writer or the timeout: a timed-out job never runs.
template <class Answer>
Answer OnWriter(EventWriter& writer, std::function<Answer(db::Connection&)> job) {
  auto promise = std::make_shared<std::promise<Answer>>();
  auto future = promise->get_future();
  auto claimed = std::make_shared<std::atomic<bool>>(false);
  writer.SubmitJob([promise, claimed, job = std::move(job)](db::Connection& connection) {
    if (claimed->exchange(true)) return;
    promise->set_value(job(connection));
  });
  if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready &&
      !claimed->exchange(true)) {
    return Answer(make_error_code(boost::system::errc::timed_out));
  }
  return future.get();
}

std::string AsString(std::span<const std::uint8_t> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

/// A kiosk completes its enrolment, and the audit log says so in the same transaction: the
/// device it became (or the refusal, recorded apart). The code is never recorded.
admin::Result<admin::EnrolledDevice> CompleteEnrolmentAudited(db::Connection& connection,
                                                              const std::string& code,
                                                              std::span<const std::uint8_t> key,
                                                              const std::string& address) {
  audit::AuditEntry entry;
  entry.actor_kind = audit::ActorKind::kAnonymous;
  entry.client_address = address;
  entry.action = "POST /v1/devices/enroll";
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto enrolled = admin::DeviceRegistry(connection).CompleteEnrolment(code, key);
  if (enrolled) {
    entry.actor_kind = audit::ActorKind::kDevice;
    entry.actor_id = enrolled.value().device_id;
    entry.targets.push_back("device:" + enrolled.value().device_id);
    entry.outcome = "ok";
    entry.http_status = 200;
    auto appended = audit::AuditLog().Append(connection, entry);
    if (!appended) return appended.error();
    if (auto committed = transaction.value().Commit(); !committed) return committed.error();
    return enrolled;
  }
  (void)transaction.value().Rollback();
  entry.outcome = audit::OutcomeOf("refused", enrolled.error());
  auto refusal = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (refusal && audit::AuditLog().Append(connection, entry)) (void)refusal.value().Commit();
  return enrolled;
}

/// The sync protocol's view of a network stream.
class PeerAdapter final : public SyncPeer {
 public:
  explicit PeerAdapter(std::shared_ptr<net::StreamPeer> peer) : peer_(std::move(peer)) {}
  void Send(const v1::ServerFrame& frame) override { peer_->SendBinary(frame.SerializeAsString()); }
  void Close() override { peer_->Close("minegate"); }
  void ResumeReading() override { peer_->ResumeReading(); }

 private:
  std::shared_ptr<net::StreamPeer> peer_;
};

/// The network's view of a sync session.
class HandlerAdapter final : public net::StreamHandler {
 public:
  explicit HandlerAdapter(std::shared_ptr<SyncSession> session) : session_(std::move(session)) {}
  void OnOpen() override { session_->OnOpen(); }
  Next OnBinary(std::string_view message) override {
    return session_->OnBinary(message) ? Next::kContinueReading : Next::kPauseReading;
  }
  void OnText() override { session_->OnText(); }
  void OnClosed() override { session_->OnClosed(); }

 private:
  std::shared_ptr<SyncSession> session_;
};

net::HttpResponse ToHttp(const ApiResponse& api) {
  net::HttpResponse response;
  response.status = api.status;
  response.content_type = api.content_type;
  response.body = api.body;
  return response;
}

}  // namespace

std::unique_ptr<SyncServices> SyncServices::Start(ServerApp& app, const Config& config) {
  std::unique_ptr<SyncServices> services(new SyncServices());
  // minegatectl init creates the data directory, its keys and database, and the first
  // administrator: a server never starts on a directory that was not initialised.
  if (!std::filesystem::exists(config.database_path())) {
    throw std::runtime_error("répertoire de données non initialisé (" + config.data_dir.string() +
                             ") : lancez minegatectl init / data directory not initialised: "
                             "run minegatectl init");
  }
  auto keys = admin::ServerKeys::Load(config.data_dir);
  if (!keys) ThrowStartFailure("clés de scellement / sealing keys", keys.error());
  services->keys_.emplace(std::move(keys).value());
  // What sees every event as the writer stores it, inside its transaction
  // (server/ingest/event_observer.hpp).
  std::vector<EventObserverFactory> observers;
  observers.push_back(security::CloneWatchFactory());       // suspected clones
  observers.push_back(protection::RiskMonitor::Factory());  // risk flags, silent (issue 12)
  auto writer = EventWriter::Open(config.database_path(), {}, std::move(observers));
  if (!writer)
    ThrowStartFailure("base de données / database " + config.database_path().string(),
                      writer.error());
  services->writer_ = std::move(writer).value();
  // A rule-set version activated but not yet applied to everyone (the built-in rules on a
  // database from before the risk engine, or a re-evaluation a stop interrupted) resumes on the
  // writer thread, a chunk per job, between the kiosks' batches.
  services->ResumeRiskReevaluation(base::NowMs);
  auto registry = RegistryReader::Open(config.database_path());
  if (!registry) ThrowStartFailure("lecture du registre / registry reader", registry.error());
  services->registry_ = std::move(registry).value();
  services->directory_ = std::make_unique<SessionDirectory>(*services->registry_);

  SyncContext& context = services->context_;
  context.registry = services->registry_.get();
  context.writer = services->writer_.get();
  context.sealing_public_key = AsString(services->keys_->public_key());
  context.sealing_key_id = AsString(services->keys_->key_id());
  context.now_ms = base::NowMs;
  const admin::ServerKeys* sealing = &*services->keys_;
  context.open_sealed = [sealing](std::string_view key_id,
                                  std::string_view box) -> std::optional<std::string> {
    if (key_id != AsString(sealing->key_id())) return std::nullopt;
    auto opened =
        sealing->Open(std::span(reinterpret_cast<const std::uint8_t*>(box.data()), box.size()));
    if (!opened) return std::nullopt;
    return AsString(opened.value());
  };
  services->RegisterMetrics(app);
  services->RegisterRoutes(app);
  services->directory_->Start();
  return services;
}

SyncServices::~SyncServices() {
  if (directory_) directory_->Stop();
  if (writer_) writer_->Stop();
}

void SyncServices::ResumeRiskReevaluation(base::Clock clock) {
  protection::ReevaluateOnWriter(
      *writer_, std::move(clock),
      [](const protection::Result<protection::ReevaluationProgress>& progress) {
        if (!progress) {
          base::LogError("risk_reevaluation_failed", {{"error", progress.error()}});
        } else if (progress.value().finished && !progress.value().rule_set_version.empty()) {
          base::LogInfo("risk_reevaluation_done",
                        {{"persons", progress.value().persons_done},
                         {"rule_set", base::LogText(progress.value().rule_set_version)}});
        }
      });
}

void SyncServices::RegisterMetrics(ServerApp& app) {
  auto& registry = app.metrics();
  auto& events = registry.AddCounter("minegate_events_ingested_total",
                                     "Événements enregistrés / events durably stored");
  auto& batches = registry.AddCounter("minegate_batches_committed_total",
                                      "Lots enregistrés / batches durably stored");
  auto& commits = registry.AddHistogram(
      "minegate_commit_seconds", "Durée d'un commit groupé / group commit duration",
      {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
  auto& refused = app.rejected_frames();
  writer_->SetOnCommit([&events, &batches, &commits](const CommitStats& stats) {
    events.Increment(stats.events_stored);
    batches.Increment(stats.batches);
    commits.Observe(std::chrono::duration<double>(stats.commit_time).count());
  });
  context_.observer.on_refused = [&refused](v1::ErrorCode code) {
    // Text frames are counted by the network layer ("text"), which sees them first.
    if (code == v1::ERROR_CODE_TEXT_FRAME) return;
    if (code == v1::ERROR_CODE_MALFORMED_FRAME) {
      refused.Increment({"malformed"});
      return;
    }
    std::string reason = v1::ErrorCode_Name(code);
    constexpr std::string_view kPrefix = "ERROR_CODE_";
    if (reason.starts_with(kPrefix)) reason = reason.substr(kPrefix.size());
    for (char& c : reason) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    refused.Increment({reason});
  };
}

void SyncServices::RegisterRoutes(ServerApp& app) {
  SessionDirectory* directory = directory_.get();
  const SyncContext* context = &context_;
  app.router().AddStream(
      "/v1/kiosk/stream",
      [directory, context](const net::HttpRequest&, std::shared_ptr<net::StreamPeer> peer)
          -> std::shared_ptr<net::StreamHandler> {
        auto session =
            std::make_shared<SyncSession>(*context, std::make_shared<PeerAdapter>(std::move(peer)));
        directory->Add(session);
        return std::make_shared<HandlerAdapter>(std::move(session));
      });

  RegistryReader* registry = registry_.get();
  app.router().Add("GET", "/v1/devices/{id}/reconcile",
                   [registry](const net::HttpRequest& request, const net::PathParams& params) {
                     const std::string* authorization = request.Header("authorization");
                     return ToHttp(HandleReconcile(*registry, params.at("id"),
                                                   authorization ? *authorization : "",
                                                   request.method, request.path, base::NowMs()));
                   });

  EventWriter* writer = writer_.get();
  app.router().Add(
      "GET", "/v1/devices/{id}/person-candidates",
      [registry, writer](const net::HttpRequest& request, const net::PathParams& params) {
        // The search writes its audit record: it runs on the writer thread.
        const FindCandidates find = [writer](std::string_view device_id,
                                             const v1::PersonCandidatesQuery& query) {
          return OnWriter<registry::Result<v1::PersonCandidates>>(
              *writer, [device = std::string(device_id), query](db::Connection& connection) {
                return registry::PersonLookup(connection)
                    .FindForReplacement(device, query, base::NowMs());
              });
        };
        const std::string* authorization = request.Header("authorization");
        return ToHttp(HandlePersonCandidates(
            *registry, params.at("id"), authorization ? *authorization : "", request.target,
            [&request](std::string_view name) { return request.QueryParam(name); }, find,
            base::NowMs()));
      });
  app.router().Add(
      "POST", "/v1/devices/enroll",
      [writer, context](const net::HttpRequest& request, const net::PathParams&) {
        // Enrolment writes: it runs on the writer thread.
        const CompleteEnrolment complete = [writer, &request](std::string_view code,
                                                              std::span<const std::uint8_t> key) {
          // A timed-out enrolment does nothing, so a retry with the same code still works.
          return OnWriter<admin::Result<admin::EnrolledDevice>>(
              *writer,
              [code = std::string(code), key = std::vector<std::uint8_t>(key.begin(), key.end()),
               address = request.remote_address](db::Connection& connection) {
                return CompleteEnrolmentAudited(connection, code, key, address);
              });
        };
        return ToHttp(HandleEnrolment(request.body, complete, context->sealing_public_key,
                                      context->sealing_key_id, base::NowMs()));
      });
}

}  // namespace minegate::server
