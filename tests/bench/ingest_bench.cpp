// Benchmark: durable events per second through minegate-server, from N
// simulated kiosks over real TLS WebSockets, against the ceiling of the same
// storage on this machine: the same rows inserted straight into SQLite (same
// schema, WAL, synchronous=FULL, the writer's connection settings) with prepared
// statements in batched transactions. Both run in this one process run, and the
// ratio is printed, with how the server grouped its commits (from its /metrics).
//
// Run: build/bench/bench_ingest [kiosks] [events_per_kiosk] [batch]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "db/bind.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/ingest/event_validator.hpp"
#include "server/ingest/event_writer.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/net/ws_test_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;

/// Batches a kiosk keeps in flight: the protocol's bound (docs/protocol.md §4).
constexpr int kWindow = 4;

/// How the server grouped the batches into commits, from its /metrics.
struct GroupCommits {
  double commits = 0;
  double batches = 0;
  double seconds = 0;  ///< inside the commits (the group's SQL and its fsync)
};

/// A sample's value in Prometheus text ("name value" on a line of its own); 0 when absent.
double Sample(const std::string& text, const std::string& name) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + " ", 0) == 0) return std::strtod(line.c_str() + name.size() + 1, nullptr);
  }
  return 0;
}

/// Server: every kiosk streams its events in batches, up to kWindow in flight,
/// as a kiosk emptying its outbox does.
double ServerEventsPerSecond(int kiosks, std::uint64_t per_kiosk, std::uint64_t batch,
                             std::vector<std::vector<v1::Event>>& generated, GroupCommits& groups) {
  std::string error;
  auto server = test::ServerProcess::Create(error);
  if (!server) {
    std::fprintf(stderr, "server: %s\n", error.c_str());
    std::exit(1);
  }
  std::vector<std::unique_ptr<test::SimulatedKiosk>> fleet;
  for (int k = 0; k < kiosks; ++k) {
    auto kiosk = std::make_unique<test::SimulatedKiosk>(server->client());
    if (!kiosk->Enrol(server->NewEnrolmentCode()) || !kiosk->Connect()) {
      std::fprintf(stderr, "kiosk %d could not connect\n%s\n", k, server->Log().c_str());
      std::exit(1);
    }
    fleet.push_back(std::move(kiosk));
  }
  // Events made before the clock starts: the benchmark measures the server.
  generated.assign(static_cast<std::size_t>(kiosks), {});
  for (int k = 0; k < kiosks; ++k) {
    for (std::uint64_t seq = 1; seq <= per_kiosk; ++seq) {
      generated[static_cast<std::size_t>(k)].push_back(
          fleet[static_cast<std::size_t>(k)]->GatePassed(seq));
    }
  }
  std::atomic<bool> failed{false};
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k) {
    threads.emplace_back([&, k] {
      auto& kiosk = *fleet[static_cast<std::size_t>(k)];
      const auto& events = generated[static_cast<std::size_t>(k)];
      if (!kiosk.StreamPipelined(events, batch, kWindow)) failed = true;
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (failed) {
    std::fprintf(stderr, "a batch was not acknowledged\n%s\n", server->Log().c_str());
    std::exit(1);
  }
  auto report = fleet[0]->Reconcile();
  if (!report || report.value().event_count() != per_kiosk) {
    std::fprintf(stderr, "reconcile disagrees\n");
    std::exit(1);
  }
  auto metrics = test::HttpGet(server->client(), "/metrics");
  if (metrics) {
    groups.commits = Sample(metrics.value().body, "minegate_commit_seconds_count");
    groups.seconds = Sample(metrics.value().body, "minegate_commit_seconds_sum");
    groups.batches = Sample(metrics.value().body, "minegate_batches_committed_total");
  }
  server->Stop();
  return static_cast<double>(kiosks) * static_cast<double>(per_kiosk) / seconds;
}

/// Ceiling: the rows the server writes for these events (event log, passages,
/// presence, per-device sync state), straight in, in transactions as large as
/// the server's group commits can be.
double CeilingEventsPerSecond(const std::vector<std::vector<v1::Event>>& generated,
                              std::size_t transaction_events) {
  test::TempDir dir("ceiling");
  // With the writer's own settings (its page cache, statement journals in memory): the same
  // storage, so that the ratio measures what the server adds.
  auto connection =
      server::OpenStore(dir.path() / "ceiling.db", server::EventWriter::ConnectionOptions())
          .value();
  std::string sql =
      "INSERT INTO sites (site_id, name, department, created_at_ms) VALUES "
      "(1, 's', 'kedougou', 0);";
  for (const auto& events : generated) {
    sql += "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('" +
           events.front().device_id() + "', 1, 0);";
  }
  (void)connection.Execute(sql);
  auto insert_event =
      connection
          .Prepare(
              "INSERT INTO events (event_id, device_id, device_seq, occurred_at_ms, "
              "received_at_ms, "
              "site_id, gate_id, body_kind, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .value();
  auto insert_passage = connection
                            .Prepare(
                                "INSERT INTO passages (log_position, person_token, tag_uid, "
                                "site_id, gate_id, direction, "
                                "verification, occurred_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                            .value();
  auto upsert_presence =
      connection
          .Prepare(
              "INSERT INTO presence (person_token, site_id, gate_id, direction, at_ms, "
              "log_position) "
              "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_token) DO UPDATE SET "
              "direction = excluded.direction, at_ms = excluded.at_ms")
          .value();
  auto save_sync =
      connection
          .Prepare(
              "INSERT INTO device_sync (device_id, event_count, highest_seq, contiguous_seq, "
              "last_event_at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
              "event_count = excluded.event_count, highest_seq = excluded.highest_seq")
          .value();

  // Interleave kiosks as the server sees them.
  std::vector<const v1::Event*> order;
  const std::size_t per_kiosk = generated.front().size();
  for (std::size_t i = 0; i < per_kiosk; ++i) {
    for (const auto& events : generated) order.push_back(&events[i]);
  }
  const auto started = Clock::now();
  for (std::size_t i = 0; i < order.size(); i += transaction_events) {
    auto transaction =
        db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate).value();
    const std::size_t end = std::min(order.size(), i + transaction_events);
    for (std::size_t j = i; j < end; ++j) {
      const v1::Event& e = *order[j];
      const auto& g = e.gate_passed();
      (void)db::BindAll(insert_event, db::Blob(e.event_id()), e.device_id(), e.device_seq(),
                        e.occurred_at_ms(), e.occurred_at_ms(), e.site_id(), e.gate_id(),
                        "gate_passed", db::Blob(e.SerializeAsString()));
      (void)insert_event.Run();
      const auto position = connection.LastInsertRowId();
      (void)db::BindAll(insert_passage, position, db::Blob(g.person_token()), db::Blob(g.tag_uid()),
                        e.site_id(), e.gate_id(), static_cast<int>(g.direction()),
                        static_cast<int>(g.verification()), e.occurred_at_ms());
      (void)insert_passage.Run();
      (void)db::BindAll(upsert_presence, db::Blob(g.person_token()), e.site_id(), e.gate_id(),
                        static_cast<int>(g.direction()), e.occurred_at_ms(), position);
      (void)upsert_presence.Run();
      (void)db::BindAll(save_sync, e.device_id(), e.device_seq(), e.device_seq(), e.device_seq(),
                        e.occurred_at_ms());
      (void)save_sync.Run();
    }
    (void)transaction.Commit();
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return static_cast<double>(order.size()) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int kiosks = argc > 1 ? std::max(1, std::atoi(argv[1])) : 8;
  const std::uint64_t per_kiosk = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10'000;
  const std::uint64_t batch = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 100;

  std::vector<std::vector<v1::Event>> generated;
  GroupCommits groups;
  const double server = ServerEventsPerSecond(kiosks, per_kiosk, batch, generated, groups);
  // The server's largest group commit: 64 batches.
  const std::size_t group = std::min<std::size_t>(64, static_cast<std::size_t>(kiosks) * kWindow);
  const double ceiling = CeilingEventsPerSecond(generated, group * batch);
  std::printf("ingest: %d kiosks x %llu events, batches of %llu, TLS WebSockets on loopback\n",
              kiosks, static_cast<unsigned long long>(per_kiosk),
              static_cast<unsigned long long>(batch));
  std::printf("  server, durable events/s (acknowledged after commit): %.0f\n", server);
  std::printf("  SQLite ceiling, same rows, prepared statements, %llu-row transactions: %.0f\n",
              static_cast<unsigned long long>(group * batch), ceiling);
  std::printf("  ratio server / ceiling: %.0f%% (target >= 50%%)\n", 100.0 * server / ceiling);
  if (groups.commits > 0) {
    std::printf("  server's group commits: %.0f, %.1f batches each, %.2f ms each (SQL and fsync)\n",
                groups.commits, groups.batches / groups.commits,
                1000.0 * groups.seconds / groups.commits);
  }
  return 0;
}
