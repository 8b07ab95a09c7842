// What auditing every read costs the officials' API: requests per second and p50/p99 latency of
// GET /v1/devices (an administrator's device list, a few dozen devices) from N concurrent HTTPS
// clients on loopback, each on its own keep-alive connection with its own session cookie, read
// through minegate-server's real services (TLS, router, gateway, API workers, audit writer)
// once with every read audited — the data sent only after its entry is committed — and once
// with auditing of reads turned off (gateway::GatewayOptions::audit_reads, reachable only
// through OfficialServicesOptions::audit_reads, which the server's options never set). Both servers
// run in this process on one database, prepared with the real minegatectl; their phases alternate
// (A B, B A, ...) for a fixed time each, so drift of the shared machine's load falls on both. Then
// an audited change (POST /v1/sites/{id}/gates: the change and its entry in one transaction) for as
// long again.
//
// For each phase: the audit log's growth (every audited read must add exactly one entry, an
// unaudited one none), the audit writer's entries per commit (its group commit), and the CPU the
// rest of the machine used meanwhile (/proc/stat minus this process), since the clients, the
// server and other engineers' builds share the same cores. Prints figures; docs/PERFORMANCE.md
// records them.
//
// Run: build/bench/bench_officials_api [clients] [seconds_per_phase] [rounds] [devices]
//                                       [api_threads] [io_threads]
#include <google/protobuf/util/json_util.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "base/log.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "minegate/v1/api.pb.h"
#include "server/app/config.hpp"
#include "server/app/official_services.hpp"
#include "server/app/server_app.hpp"
#include "server/app/sync_services.hpp"
#include "server/audit/audit_writer.hpp"
#include "tests/support/net/ws_test_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;

constexpr char kAdmin[] = "admin";
constexpr char kAdminPassword[] = "correct horse battery staple";

/// One minegate-server's services in this process, on its own port and I/O threads.
class Server {
 public:
  /// Throws (start-up failure) as minegate-server's main would report it.
  Server(const server::Config& config, bool audit_reads) : app_(config) {
    sync_ = server::SyncServices::Start(app_, config);
    server::OfficialServicesOptions options;
    options.audit_reads = audit_reads;
    officials_ = server::OfficialServices::Start(app_, config, *sync_, options);
    app_.Start();
    runner_ = std::thread([this] { app_.Run(); });
  }
  ~Server() {
    app_.Stop();
    runner_.join();
    // Services before the app, as server/app/services.hpp requires.
    officials_.reset();
    sync_.reset();
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  test::ClientOptions client() const {
    test::ClientOptions options;
    options.port = app_.port();
    options.ca_file = (app_.config().data_dir / "server-cert.pem").string();
    options.verify_name = "127.0.0.1";
    options.timeout = std::chrono::seconds(30);
    return options;
  }
  server::audit::AuditWriterStats audit_stats() const { return officials_->audit_writer_stats(); }

 private:
  server::ServerApp app_;
  std::unique_ptr<server::SyncServices> sync_;
  std::unique_ptr<server::OfficialServices> officials_;
  std::thread runner_;
};

/// One official at a browser: a keep-alive connection to each server, one session.
struct Client {
  std::unique_ptr<test::HttpClient> audited;
  std::unique_ptr<test::HttpClient> unaudited;
  std::string cookie;
  std::string csrf;
};

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "bench_officials_api: %s\n", what.c_str());
  std::exit(1);
}

std::unique_ptr<test::HttpClient> Connect(const test::ClientOptions& options) {
  auto client = test::HttpClient::Connect(options);
  if (!client) Fail("connect: " + client.error().message());
  return std::move(client).value();
}

void SignIn(test::HttpClient& http, Client& client) {
  const std::string body =
      std::string(R"({"userId":")") + kAdmin + R"(","password":")" + kAdminPassword + R"("})";
  auto answer = http.Request("POST", "/v1/session", body, "application/json");
  if (!answer || answer.value().status != 200) {
    Fail("sign-in: " + (answer ? answer.value().body : answer.error().message()));
  }
  const std::string set_cookie = answer.value().Header("set-cookie");
  client.cookie = set_cookie.substr(0, set_cookie.find(';'));
  v1::SessionInfo info;
  if (!google::protobuf::util::JsonStringToMessage(answer.value().body, &info).ok()) {
    Fail("sign-in answer: " + answer.value().body);
  }
  client.csrf = info.csrf_token();
}

std::int64_t AuditCount(db::Connection& connection) {
  auto count = db::QueryOne(connection, "SELECT count(*) FROM audit_log",
                            [](const db::Statement& row) { return row.ColumnInt64(0); });
  if (!count) Fail("audit count: " + count.error().message());
  return count.value();
}

std::size_t Occurrences(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++found;
  }
  return found;
}

/// CPU time, in seconds, of the whole machine (busy) and of this process.
struct CpuSample {
  double machine_busy = 0;
  double own = 0;
};

CpuSample SampleCpu() {
  CpuSample sample;
  std::ifstream stat("/proc/stat");
  std::string cpu;
  long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  sample.machine_busy = static_cast<double>(user + nice + system + irq + softirq + steal) / tick;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  sample.own = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  return sample;
}

std::string LoadAverage() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  file >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

/// What one phase measured.
struct Phase {
  std::vector<double> latencies_ms;
  std::int64_t ok = 0;
  std::int64_t errors = 0;
  double seconds = 0;
  std::int64_t audit_growth = 0;
  std::int64_t writer_entries = 0;
  std::int64_t writer_commits = 0;
  double own_cores = 0;
  double others_cores = 0;

  double PerSecond() const { return static_cast<double>(ok) / seconds; }
};

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(fraction * static_cast<double>(values.size()));
  return values[std::min(at, values.size() - 1)];
}

/// Every client sends `request(client, i)` back to back on `pick(client)` until `seconds` have
/// passed (a request under way at the deadline is finished and counted), `accept` judging each
/// answer.
template <class Pick, class Send, class Accept>
Phase RunPhase(std::vector<Client>& clients, double seconds, db::Connection& database,
               const Server& server, Pick pick, Send send, Accept accept) {
  Phase phase;
  const std::int64_t audit_before = AuditCount(database);
  const auto writer_before = server.audit_stats();
  std::vector<std::vector<double>> latencies(clients.size());
  std::vector<std::int64_t> ok(clients.size(), 0);
  std::vector<std::int64_t> errors(clients.size(), 0);
  const CpuSample cpu_before = SampleCpu();
  const auto started = Clock::now();
  const auto deadline =
      started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < clients.size(); ++c) {
    threads.emplace_back([&, c] {
      Client& client = clients[c];
      latencies[c].reserve(4096);
      for (std::int64_t i = 0; Clock::now() < deadline; ++i) {
        const auto sent = Clock::now();
        auto answer = send(*pick(client), client, c, i);
        latencies[c].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        if (answer && accept(answer.value())) {
          ++ok[c];
        } else {
          ++errors[c];
          if (errors[c] == 1) {
            std::fprintf(stderr, "client %zu: %s\n", c,
                         answer ? (std::to_string(answer.value().status) + " " +
                                   answer.value().body.substr(0, 200))
                                      .c_str()
                                : answer.error().message().c_str());
          }
          if (!answer) return;  // The connection is gone: this client stops.
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  phase.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const CpuSample cpu_after = SampleCpu();
  phase.own_cores = (cpu_after.own - cpu_before.own) / phase.seconds;
  phase.others_cores = std::max(
      0.0, (cpu_after.machine_busy - cpu_before.machine_busy) / phase.seconds - phase.own_cores);
  for (std::size_t c = 0; c < clients.size(); ++c) {
    phase.latencies_ms.insert(phase.latencies_ms.end(), latencies[c].begin(), latencies[c].end());
    phase.ok += ok[c];
    phase.errors += errors[c];
  }
  phase.audit_growth = AuditCount(database) - audit_before;
  const auto writer_after = server.audit_stats();
  phase.writer_entries = writer_after.entries - writer_before.entries;
  phase.writer_commits = writer_after.commits - writer_before.commits;
  return phase;
}

void PrintPhase(const char* name, const Phase& phase) {
  std::printf(
      "%-22s %9.1f req/s  p50 %7.2f ms  p99 %7.2f ms  %7lld ok %3lld errors  audit log +%lld", name,
      phase.PerSecond(), Percentile(phase.latencies_ms, 0.50), Percentile(phase.latencies_ms, 0.99),
      static_cast<long long>(phase.ok), static_cast<long long>(phase.errors),
      static_cast<long long>(phase.audit_growth));
  if (phase.writer_commits > 0) {
    std::printf(
        "  writer %lld entries / %lld commits = %.1f per commit",
        static_cast<long long>(phase.writer_entries), static_cast<long long>(phase.writer_commits),
        static_cast<double>(phase.writer_entries) / static_cast<double>(phase.writer_commits));
  }
  std::printf("  cpu: this process %.2f cores (%.0f us a request), others %.2f\n", phase.own_cores,
              phase.own_cores * 1e6 / phase.PerSecond(), phase.others_cores);
}

/// The phases of one kind, taken together.
Phase Merge(const std::vector<Phase>& phases) {
  Phase all;
  for (const Phase& phase : phases) {
    all.latencies_ms.insert(all.latencies_ms.end(), phase.latencies_ms.begin(),
                            phase.latencies_ms.end());
    all.ok += phase.ok;
    all.errors += phase.errors;
    all.seconds += phase.seconds;
    all.audit_growth += phase.audit_growth;
    all.writer_entries += phase.writer_entries;
    all.writer_commits += phase.writer_commits;
    all.own_cores += phase.own_cores * phase.seconds;
    all.others_cores += phase.others_cores * phase.seconds;
  }
  all.own_cores /= all.seconds;
  all.others_cores /= all.seconds;
  return all;
}

/// The audit writer alone, on a database of its own: `threads` callers that each append the
/// entry a device-list read leaves and wait for its commit before the next, as the gateway's
/// reads do, for `seconds`. What the writer itself can clear, and the CPU one entry costs.
void MeasureWriterAlone(const test::TempDir& dir, int threads, double seconds) {
  auto writer = server::audit::AuditWriter::Open(dir.path() / "writer-alone.db");
  if (!writer) Fail("audit writer: " + writer.error().message());
  std::atomic<std::int64_t> appended{0};
  std::atomic<std::int64_t> failed{0};
  const CpuSample cpu_before = SampleCpu();
  const auto started = Clock::now();
  const auto deadline =
      started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t) {
    callers.emplace_back([&] {
      std::mutex mutex;
      std::condition_variable committed;
      while (Clock::now() < deadline) {
        server::audit::AuditEntry entry;
        entry.actor_kind = server::audit::ActorKind::kUser;
        entry.actor_id = kAdmin;
        entry.actor_role = "administrator";
        entry.client_address = "127.0.0.1";
        entry.user_agent = "minegate-test";
        entry.action = "GET /v1/devices";
        entry.result_count = 36;
        entry.outcome = "ok";
        entry.http_status = 200;
        bool done = false;
        bool ok = false;
        writer.value()->Append(std::move(entry), [&](server::audit::Result<std::int64_t> seq) {
          std::lock_guard lock(mutex);
          done = true;
          ok = static_cast<bool>(seq);
          committed.notify_one();
        });
        std::unique_lock lock(mutex);
        committed.wait(lock, [&] { return done; });
        ++(ok ? appended : failed);
      }
    });
  }
  for (auto& caller : callers) caller.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  const CpuSample cpu_after = SampleCpu();
  const auto stats = writer.value()->stats();
  writer.value()->Stop();
  const double own = cpu_after.own - cpu_before.own;
  std::printf(
      "audit writer alone, %d callers waiting for their commit: %.0f entries/s, %.1f per "
      "commit, %.0f us of CPU an entry (callers included), %lld failed; others %.2f cores\n",
      threads, static_cast<double>(appended) / elapsed,
      static_cast<double>(stats.entries) /
          static_cast<double>(std::max<std::int64_t>(stats.commits, 1)),
      own * 1e6 / static_cast<double>(std::max<std::int64_t>(appended, 1)),
      static_cast<long long>(failed.load()),
      std::max(0.0, (cpu_after.machine_busy - cpu_before.machine_busy - own) / elapsed));
}

int Argument(int argc, char** argv, int index, int fallback) {
  return argc > index ? std::max(1, std::atoi(argv[index])) : fallback;
}

int Run(int argc, char** argv) {
  const int clients_count = Argument(argc, argv, 1, 50);
  const double seconds = Argument(argc, argv, 2, 5);
  const int rounds = Argument(argc, argv, 3, 3);
  const int devices = Argument(argc, argv, 4, 36);

  test::TempDir dir("api-bench");
  if (!dir.ok()) Fail("no temp dir");
  {
    std::ofstream password(dir.File("admin.pw"));
    password << kAdminPassword << "\n";
  }
  const std::string data = dir.File("data");
  const auto ctl = [&data](std::vector<std::string> args) {
    args.insert(args.begin(), {MINEGATECTL_BIN, "--data-dir", data});
    auto run = test::RunToCompletion(args, {}, std::chrono::seconds(60));
    if (!run.status.Succeeded()) Fail("minegatectl " + args[3] + ": " + run.out + run.err);
  };
  ctl({"init", "--admin", kAdmin, "--password-file", dir.File("admin.pw")});
  ctl({"site", "add", "--name", "Bantako", "--department", "kedougou"});
  ctl({"gate", "add", "--site", "1", "--name", "Porte principale"});

  server::Config config;
  config.listen_address = "127.0.0.1";
  config.port = 0;
  config.data_dir = data;
  config.api_threads = static_cast<unsigned>(Argument(argc, argv, 5, 4));
  config.threads = static_cast<unsigned>(Argument(argc, argv, 6, 2));
  // The first start writes the certificate; the second loads it.
  Server audited(config, true);
  Server unaudited(config, false);

  std::vector<Client> clients(static_cast<std::size_t>(clients_count));
  for (Client& client : clients) {
    client.audited = Connect(audited.client());
    client.unaudited = Connect(unaudited.client());
    SignIn(*client.audited, client);  // One session each, valid on both (one database).
  }
  for (int d = 0; d < devices; ++d) {
    const std::string body =
        R"({"siteId":1,"gateId":1,"description":"Kiosque )" + std::to_string(d + 1) + R"("})";
    auto created = clients[0].audited->RequestWithHeaders(
        "POST", "/v1/devices", {{"Cookie", clients[0].cookie}, {"X-CSRF-Token", clients[0].csrf}},
        body, "application/json");
    if (!created || created.value().status != 201) {
      Fail("POST /v1/devices: " + (created ? created.value().body : created.error().message()));
    }
  }
  auto database = db::Connection::Open(config.database_path());
  if (!database) Fail("database: " + database.error().message());

  const auto list_devices = [](test::HttpClient& http, const Client& client, std::size_t,
                               std::int64_t) {
    return http.RequestWithHeaders("GET", "/v1/devices", {{"Cookie", client.cookie}});
  };
  const auto all_devices = [devices](const test::HttpResult& answer) {
    return answer.status == 200 &&
           Occurrences(answer.body, "\"deviceId\"") == static_cast<std::size_t>(devices);
  };
  const auto on_audited = [](Client& client) { return client.audited.get(); };
  const auto on_unaudited = [](Client& client) { return client.unaudited.get(); };

  std::printf(
      "GET /v1/devices (%d devices) as an administrator by session cookie, %d HTTPS clients "
      "on 127.0.0.1, keep-alive; %d I/O threads, %d API workers per server; %d rounds of "
      "%.0f s per mode, alternated\n",
      devices, clients_count, static_cast<int>(config.threads),
      static_cast<int>(config.api_threads), rounds, seconds);
  std::printf("machine: %ld cores, load average before: %s\n", sysconf(_SC_NPROCESSORS_ONLN),
              LoadAverage().c_str());
  // Warm-up, not counted: caches, first allocations, the sessions' first last_seen writes.
  (void)RunPhase(clients, 1.0, database.value(), audited, on_audited, list_devices, all_devices);
  (void)RunPhase(clients, 1.0, database.value(), unaudited, on_unaudited, list_devices,
                 all_devices);

  std::vector<Phase> with_audit;
  std::vector<Phase> without_audit;
  for (int round = 1; round <= rounds; ++round) {
    // A B, then B A: neither mode always follows the other.
    for (int step = 0; step < 2; ++step) {
      const bool audit = (round % 2 == 1) == (step == 0);
      char name[32];
      std::snprintf(name, sizeof name, "round %d %s", round, audit ? "audited" : "unaudited");
      Phase phase = audit ? RunPhase(clients, seconds, database.value(), audited, on_audited,
                                     list_devices, all_devices)
                          : RunPhase(clients, seconds, database.value(), unaudited, on_unaudited,
                                     list_devices, all_devices);
      PrintPhase(name, phase);
      (audit ? with_audit : without_audit).push_back(std::move(phase));
    }
  }
  const Phase a = Merge(with_audit);
  const Phase u = Merge(without_audit);
  PrintPhase("all audited reads", a);
  PrintPhase("all unaudited reads", u);
  std::printf(
      "ratio audited / unaudited: throughput %.3f (target >= 0.8), p50 latency %.2fx, p99 "
      "latency %.2fx, CPU a request %.2fx\n",
      a.PerSecond() / u.PerSecond(),
      Percentile(a.latencies_ms, 0.50) / Percentile(u.latencies_ms, 0.50),
      Percentile(a.latencies_ms, 0.99) / Percentile(u.latencies_ms, 0.99),
      (a.own_cores / a.PerSecond()) / (u.own_cores / u.PerSecond()));
  std::printf(
      "audit entries: %lld for %lld audited reads answered 200 (%s); %lld for %lld "
      "unaudited ones\n",
      static_cast<long long>(a.audit_growth), static_cast<long long>(a.ok),
      a.audit_growth == a.ok ? "one each" : "MISMATCH", static_cast<long long>(u.audit_growth),
      static_cast<long long>(u.ok));

  // An audited change: a new gate, in one transaction with its entry (no group commit).
  const auto add_gate = [](test::HttpClient& http, const Client& client, std::size_t c,
                           std::int64_t i) {
    const std::string body =
        R"({"name":"Porte )" + std::to_string(c) + "-" + std::to_string(i) + R"("})";
    return http.RequestWithHeaders("POST", "/v1/sites/1/gates",
                                   {{"Cookie", client.cookie}, {"X-CSRF-Token", client.csrf}}, body,
                                   "application/json");
  };
  const auto created = [](const test::HttpResult& answer) { return answer.status == 201; };
  const Phase change =
      RunPhase(clients, seconds, database.value(), audited, on_audited, add_gate, created);
  PrintPhase("POST /v1/sites/1/gates", change);
  std::printf("audit entries: %lld for %lld changes answered 201 (%s)\n",
              static_cast<long long>(change.audit_growth), static_cast<long long>(change.ok),
              change.audit_growth == change.ok ? "one each" : "MISMATCH");
  MeasureWriterAlone(dir, clients_count, seconds);
  std::printf("load average after: %s\n", LoadAverage().c_str());
  const bool sound = a.errors == 0 && u.errors == 0 && change.errors == 0 &&
                     a.audit_growth == a.ok && u.audit_growth == 0 &&
                     change.audit_growth == change.ok;
  return sound ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  // A line at a time: each phase's figures show as it ends, also when stdout is a file.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  // Warnings and errors only: a line per request would measure the logger.
  minegate::base::ConfigureLog("bench_officials_api", minegate::base::LogLevel::warning);
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_officials_api: %s\n", e.what());
    return 1;
  }
}
