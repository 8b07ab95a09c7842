#pragma once
/// The registry behind minegate-server: the event writer (the one read-write
/// connection), the registry reader, the sealing keys, the live sync sessions,
/// and the routes and stream that expose them. Built at start-up (throws with a
/// bilingual message if the database or keys cannot be opened), torn down after
/// the network has stopped.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.hpp"
#include "server/admin/server_keys.hpp"
#include "server/app/server_app.hpp"
#include "server/ingest/event_writer.hpp"
#include "server/sync/registry_reader.hpp"
#include "server/sync/session_directory.hpp"
#include "server/sync/sync_session.hpp"

namespace minegate::server {

class SyncServices {
 public:
  /// Opens the store (applying migrations), loads the sealing keys (both made by
  /// `minegatectl init`),
  /// starts the writer and the list watcher, and registers on `app`:
  ///   GET  /v1/kiosk/stream                (WebSocket, sync protocol)
  ///   POST /v1/devices/enroll
  ///   GET  /v1/devices/{id}/reconcile
  static std::unique_ptr<SyncServices> Start(ServerApp& app, const Config& config);
  ~SyncServices();
  SyncServices(const SyncServices&) = delete;
  SyncServices& operator=(const SyncServices&) = delete;

  /// The kiosks' open sessions (for the administrators' "connected now").
  SessionDirectory& directory() { return *directory_; }
  /// The sealing keys (their public half goes into enrolment files).
  const admin::ServerKeys& keys() const { return *keys_; }
  /// Runs on the writer thread, a chunk per job between the kiosks' batches, the re-evaluation of
  /// every person that the active rule-set version still owes (after an upload, or one a stop
  /// interrupted); logs when it ends or fails.
  void ResumeRiskReevaluation(base::Clock clock);

 private:
  SyncServices() = default;
  void RegisterMetrics(ServerApp& app);
  void RegisterRoutes(ServerApp& app);

  std::optional<admin::ServerKeys> keys_;
  std::unique_ptr<EventWriter> writer_;
  std::unique_ptr<RegistryReader> registry_;
  std::unique_ptr<SessionDirectory> directory_;
  SyncContext context_;
};

}  // namespace minegate::server
