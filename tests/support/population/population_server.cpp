#include "tests/support/population/population_server.hpp"

#include <cctype>
#include <condition_variable>
#include <future>
#include <mutex>

#include "proto/rules/event_rules.hpp"
#include "server/admin/department.hpp"
#include "server/admin/device_registry.hpp"
#include "server/admin/role.hpp"
#include "server/admin/site_registry.hpp"
#include "server/admin/user_registry.hpp"
#include "server/ingest/event_validator.hpp"
#include "server/protection/risk_monitor.hpp"
#include "server/protection/search_notice_store.hpp"
#include "server/security/clone_watch.hpp"
#include "server/store/open_store.hpp"
#include "server/sync/registry_view.hpp"
#include "tests/support/kiosk_seal.hpp"

namespace minegate::test::population {
namespace {

using Clock = std::chrono::steady_clock;

/// Staff accounts are made here only; nobody signs in with it.
constexpr char kPassword[] = "Diouras-de-Kedougou-2026";

std::string AsString(std::span<const std::uint8_t> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

/// "agent." and the site's name in lower-case ASCII letters ("agent.bantako").
std::string AgentId(const std::string& site_name) {
  std::string id = "agent.";
  for (char c : site_name) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      id.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return id;
}

/// The writer's answers to one round.
struct RoundWait {
  std::mutex mutex;
  std::condition_variable done;
  std::size_t pending = 0;
  std::string error;
};

}  // namespace

std::unique_ptr<PopulationServer> PopulationServer::Create(const std::filesystem::path& data_dir,
                                                           const ServerOptions& options,
                                                           std::string& error) {
  std::unique_ptr<PopulationServer> server(new PopulationServer());
  server->data_dir_ = data_dir;
  server->SetNow(options.provisioned_at_ms);
  if (!server->Provision(options, error)) return nullptr;
  std::vector<server::EventObserverFactory> observers;
  if (options.clone_watch)
    observers.push_back(server::security::CloneWatchFactory(server->clock()));
  if (options.risk_monitor) {
    observers.push_back(server::protection::RiskMonitor::Factory(server->clock()));
  }
  auto writer = server::EventWriter::Open(server->database(), {}, std::move(observers));
  if (!writer) {
    error = "EventWriter::Open: " + writer.error().message();
    return nullptr;
  }
  server->writer_ = std::move(writer).value();
  return server;
}

PopulationServer::~PopulationServer() { Stop(); }

void PopulationServer::Stop() {
  if (writer_) writer_->Stop();
}

base::Clock PopulationServer::clock() const {
  return [now = now_] { return now->load(); };
}

bool PopulationServer::Provision(const ServerOptions& options, std::string& error) {
  auto keys = server::admin::ServerKeys::LoadOrCreate(data_dir_);
  if (!keys) {
    error = "ServerKeys: " + keys.error().message();
    return false;
  }
  keys_.emplace(std::move(keys).value());
  sealing_public_key_ = AsString(keys_->public_key());
  sealing_key_id_ = AsString(keys_->key_id());

  auto connection = server::OpenStore(database());
  if (!connection) {
    error = "OpenStore: " + connection.error().message();
    return false;
  }
  db::Connection& db = connection.value();
  server::admin::SiteRegistry sites(db, clock());
  server::admin::UserRegistry users(db, clock());
  server::admin::DeviceRegistry devices(db, clock());
  const auto fail = [&error](const std::string& what, const boost::system::error_code& code) {
    error = what + ": " + code.message();
    return false;
  };
  if (auto added = users.AddUser(kNoticeOfficer, "Fatou Ndiaye",
                                 server::admin::Role::kProtectionOfficer, kPassword);
      !added) {
    return fail("officer", added.error());
  }
  std::size_t kiosk_index = 0;
  for (const SiteLayout& layout : options.sites) {
    const auto department = server::admin::ParseDepartment(layout.department);
    if (!department) {
      error = "department " + layout.department;
      return false;
    }
    auto site = sites.AddSite(layout.name, *department);
    if (!site) return fail("site " + layout.name, site.error());
    if (auto located = sites.SetLocation(site.value(), layout.latitude, layout.longitude);
        !located) {
      return fail("location " + layout.name, located.error());
    }
    const std::string agent = AgentId(layout.name);
    const std::int64_t site_ids[] = {site.value()};
    if (auto added =
            users.AddUser(agent, "Agent de " + layout.name, server::admin::Role::kGateAgent,
                          kPassword, std::nullopt, {}, site_ids);
        !added) {
      return fail("agent " + agent, added.error());
    }
    FleetSite fleet_site;
    fleet_site.site_id = static_cast<std::uint32_t>(site.value());
    fleet_site.name = layout.name;
    for (const std::string& gate_name : layout.gates) {
      auto gate = sites.AddGate(site.value(), gate_name);
      if (!gate) return fail("gate " + gate_name, gate.error());
      auto enrolment = devices.CreateDeviceEnrolment(site.value(), gate.value(),
                                                     "Kiosque " + layout.name + ", " + gate_name);
      if (!enrolment) return fail("enrolment", enrolment.error());
      auto key = credential::SigningKey::FromSeed(KioskKeySeed(options.seed, kiosk_index++));
      if (!key) return fail("device key", key.error());
      auto enrolled = devices.CompleteEnrolment(enrolment.value().code, key.value().public_key());
      if (!enrolled) return fail("CompleteEnrolment", enrolled.error());
      KioskIdentity kiosk;
      kiosk.device_id = enrolled.value().device_id;
      kiosk.site_id = fleet_site.site_id;
      kiosk.gate_id = static_cast<std::uint32_t>(gate.value());
      kiosk.agent_id = agent;
      kiosk.key = std::make_shared<const credential::SigningKey>(std::move(key).value());
      fleet_site.kiosks.push_back(fleet_.kiosks.size());
      fleet_.kiosks.push_back(std::move(kiosk));
    }
    fleet_.sites.push_back(std::move(fleet_site));
  }
  return true;
}

bool PopulationServer::Deliver(const Population& population, const DeliveryRound& round,
                               std::string& error) {
  SetNow(round.at_ms);
  const std::int64_t now = round.at_ms;
  const server::admin::ServerKeys* keys = &*keys_;
  const server::OpenSealed open_sealed =
      [keys](std::string_view, std::string_view box) -> std::optional<std::string> {
    auto opened =
        keys->Open(std::span(reinterpret_cast<const std::uint8_t*>(box.data()), box.size()));
    if (!opened) return std::nullopt;
    return AsString(opened.value());
  };
  auto wait = std::make_shared<RoundWait>();
  const auto started = Clock::now();
  for (const DeliveryBatch& batch : round.batches) {
    const KioskIdentity& kiosk = fleet_.kiosks[batch.kiosk];
    const std::vector<v1::Event>& stream = population.streams[batch.kiosk];
    std::vector<v1::Event> events(
        stream.begin() + static_cast<std::ptrdiff_t>(batch.first),
        stream.begin() + static_cast<std::ptrdiff_t>(batch.first + batch.count));
    const auto sealing = Clock::now();
    for (v1::Event& event : events) {
      if (!rules::MustBeSealed(event.body_case())) continue;
      if (!SealBody(event, sealing_public_key_, sealing_key_id_)) {
        error = "crypto_box_seal";
        return false;
      }
      ++figures_.sealed;
    }
    const auto validating = Clock::now();
    figures_.sealing += validating - sealing;
    server::DeviceContext device{kiosk.device_id, kiosk.site_id, kiosk.key->public_key()};
    if (auto refusal = server::ValidateBatch(events, device, open_sealed, now)) {
      error = kiosk.device_id + " : " + refusal->detail_fr + " / " + refusal->detail_en;
      return false;
    }
    figures_.validating += Clock::now() - validating;

    // Stage 2 on the writer thread, inside the batch's savepoint, as the sync session does.
    auto refused = std::make_shared<std::optional<server::Refusal>>();
    server::IncomingBatch incoming{kiosk.device_id, std::move(events), now, {}};
    incoming.check = [device, refused, now](db::Connection& connection,
                                            const std::vector<v1::Event>& stored) {
      server::WriterRegistryView registry(connection);
      *refused = server::CheckAgainstRegistry(stored, device, registry, now);
      if (*refused) return server::IngestResult<void>((*refused)->code);
      return server::IngestResult<void>(boost::outcome_v2::success());
    };
    const std::uint64_t last_seq = stream[batch.first + batch.count - 1].device_seq();
    const std::size_t count = batch.count;
    const std::string device_id = kiosk.device_id;
    {
      std::lock_guard lock(wait->mutex);
      ++wait->pending;
    }
    writer_->Submit(std::move(incoming), [wait, refused, last_seq, count, device_id](
                                             server::IngestResult<server::BatchOutcome> outcome) {
      std::lock_guard lock(wait->mutex);
      if (wait->error.empty()) {
        if (!outcome) {
          wait->error = device_id + " : " + outcome.error().message();
          if (*refused)
            wait->error += " — " + (*refused)->detail_fr + " / " + (*refused)->detail_en;
        } else if (outcome.value().acked_seq != last_seq || outcome.value().stored != count) {
          wait->error = device_id + " : acquitté / acked " +
                        std::to_string(outcome.value().acked_seq) + ", stored " +
                        std::to_string(outcome.value().stored) + " of " + std::to_string(count);
        }
      }
      --wait->pending;
      wait->done.notify_all();
    });
    ++figures_.batches;
    figures_.events += count;
  }
  const auto submitted = Clock::now();
  std::unique_lock lock(wait->mutex);
  if (!wait->done.wait_for(lock, std::chrono::minutes(2), [&] { return wait->pending == 0; })) {
    error = "le rédacteur n'a pas répondu en 2 min / the writer did not answer within 2 min";
    return false;
  }
  figures_.delivering += Clock::now() - started;
  figures_.waiting += Clock::now() - submitted;
  ++figures_.rounds;
  error = wait->error;
  return error.empty();
}

std::optional<std::int64_t> PopulationServer::CreateNotice(const NoticePlan& notice,
                                                           std::string& error) {
  server::protection::SearchNoticeInput input;
  input.kind = notice.kind;
  input.given_name = notice.given_name;
  input.family_name = notice.family_name;
  input.sex = notice.sex;
  input.birth_year = notice.birth_year;
  input.nationality = notice.nationality;
  input.document_number = notice.document_number;
  input.photo_description = notice.photo_description;
  input.reporting_service = notice.reporting_service;
  using Created = server::protection::Result<server::protection::CreatedNotice>;
  auto promise = std::make_shared<std::promise<Created>>();
  auto future = promise->get_future();
  writer_->SubmitJob([promise, input, clock = clock()](db::Connection& connection) {
    server::protection::SearchNoticeStore store(connection, clock);
    promise->set_value(store.Create(input, kNoticeOfficer));
  });
  if (future.wait_for(std::chrono::minutes(1)) != std::future_status::ready) {
    error = "SearchNoticeStore::Create : pas de réponse en 1 min / no answer within 1 min";
    return std::nullopt;
  }
  auto created = future.get();
  if (!created) {
    error = "SearchNoticeStore::Create : " + created.error().message();
    return std::nullopt;
  }
  return created.value().notice_id;
}

}  // namespace minegate::test::population
