// A population driven through the server's real ingest path, in this process: a fresh data
// directory with its database and sealing keys; the sites, gates, kiosks and gate agents of a
// layout made through the administration registries (each kiosk enrolled with its one-time code
// and its device key); the EventWriter with the observers minegate-server gives it (the risk
// monitor, the clone watch), on a clock the caller sets. Each batch is sealed as a kiosk seals
// it (the bodies events.proto says are personal), validated as the sync session validates it
// (stage 1 on the caller's thread, stage 2 against the registry on the writer thread) and
// submitted to the writer; a round waits for every acknowledgement (a durable commit).
// Not thread-safe: one caller.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "server/admin/server_keys.hpp"
#include "server/ingest/event_writer.hpp"
#include "tests/support/population/delivery.hpp"
#include "tests/support/population/fleet.hpp"
#include "tests/support/population/population.hpp"

namespace minegate::test::population {

/// The protection officer who enters the search notices.
inline constexpr char kNoticeOfficer[] = "officer.ndiaye";

struct ServerOptions {
  std::vector<SiteLayout> sites = KedougouSites();
  /// Kiosk keys come from it (KioskKeySeed).
  std::uint64_t seed = 20261207;
  /// When the administrator made the sites, kiosks and agents (before the scenario).
  std::int64_t provisioned_at_ms = 0;
  /// The observers of minegate-server's writer; off only to measure what they cost.
  bool risk_monitor = true;
  bool clone_watch = true;
};

/// Where the time of a run went.
struct DeliveryFigures {
  std::size_t rounds = 0;
  std::size_t batches = 0;
  std::size_t events = 0;
  std::size_t sealed = 0;
  std::chrono::nanoseconds sealing{0};
  std::chrono::nanoseconds validating{0};
  /// Rounds from their first submission to their last acknowledgement (the writer stores while
  /// the next batches are sealed and validated).
  std::chrono::nanoseconds delivering{0};
  /// Of which waiting for the writer once every batch of the round was submitted.
  std::chrono::nanoseconds waiting{0};
};

class PopulationServer {
 public:
  /// Provisions `data_dir` (which must exist and be empty) and opens the writer.
  static std::unique_ptr<PopulationServer> Create(const std::filesystem::path& data_dir,
                                                  const ServerOptions& options, std::string& error);
  ~PopulationServer();
  PopulationServer(const PopulationServer&) = delete;
  PopulationServer& operator=(const PopulationServer&) = delete;

  const Fleet& fleet() const { return fleet_; }
  std::filesystem::path database() const { return data_dir_ / "minegate.db"; }
  /// The server's clock (the writer's observers and the validator read it).
  void SetNow(std::int64_t ms) { now_->store(ms); }
  std::int64_t now() const { return now_->load(); }
  base::Clock clock() const;

  /// Sends the round's batches at the round's time; false (and why) on the first refusal.
  bool Deliver(const Population& population, const DeliveryRound& round, std::string& error);
  /// Enters a search notice as an officer's request does (SearchNoticeStore::Create, on the
  /// writer thread); its id, or nullopt (and why).
  std::optional<std::int64_t> CreateNotice(const NoticePlan& notice, std::string& error);
  /// Stores everything queued and stops the writer.
  void Stop();

  const DeliveryFigures& figures() const { return figures_; }

 private:
  PopulationServer() = default;
  bool Provision(const ServerOptions& options, std::string& error);

  std::filesystem::path data_dir_;
  std::optional<server::admin::ServerKeys> keys_;
  std::string sealing_public_key_;
  std::string sealing_key_id_;
  Fleet fleet_;
  std::shared_ptr<std::atomic<std::int64_t>> now_ = std::make_shared<std::atomic<std::int64_t>>(0);
  std::unique_ptr<server::EventWriter> writer_;
  DeliveryFigures figures_;
};

}  // namespace minegate::test::population
