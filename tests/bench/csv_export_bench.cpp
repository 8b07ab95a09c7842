// A streamed CSV export of 1,000,000 rows (issue 13, performance): the audit log's export
// (GET /v1/audit/export.csv, the real minegate-server as a process, TLS on loopback) of a log
// holding N entries written beforehand through AuditLog::Append. Prints the time to the
// terminating chunk, the bytes and rows, and the server's memory: resident size before the
// export, the highest resident size sampled every 20 ms during it (/proc/PID/status VmRSS), and
// the kernel's high-water mark (VmHWM). Memory flat means the growth stays about a few pieces
// (256 KiB each), whatever N; the body itself is hundreds of MB. The client reads as fast as
// it can and keeps only the last bytes. docs/PERFORMANCE.md records the figures.
//
// Run: build/bench/bench_csv_export [rows (default 1000000)]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_log.hpp"
#include "tests/support/net/ws_test_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;

constexpr char kPassword[] = "correct horse battery staple";

/// A /proc/PID/status field in kB, or -1.
long StatusKb(int pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field + ":")) return std::atol(line.c_str() + field.size() + 1);
  }
  return -1;
}

server::audit::AuditEntry Entry(long i) {
  server::audit::AuditEntry entry;
  entry.at_ms = 1'796'610'000'000 + i;
  entry.actor_kind = server::audit::ActorKind::kUser;
  entry.actor_id = "user" + std::to_string(i % 97);
  entry.actor_role = "administrator";
  entry.client_address = "10.0.0.7";
  entry.user_agent = "Mozilla/5.0 (X11; Linux x86_64) \"bench\"";
  entry.action = "GET /v1/users";
  entry.targets = {"user:u" + std::to_string(i)};
  entry.result_count = i % 100;
  entry.outcome = "ok";
  entry.http_status = 200;
  return entry;
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "bench_csv_export: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  std::string error;
  auto server = test::ServerProcess::Create(error);
  if (!server) return Fail(error);
  test::TempDir dir("csv-bench");
  {
    std::ofstream password(dir.File("pw"));
    password << kPassword << '\n';
  }
  const auto added = server->Ctl({"user", "add", "--id", "awa.auditor", "--name", "Awa", "--role",
                                  "auditor", "--password-file", dir.File("pw")});
  if (!added.status.Succeeded()) return Fail(added.err);
  if (!server->Stop()) return Fail("stop");
  {
    const auto start = Clock::now();
    auto connection = db::Connection::Open(server->database());
    if (!connection) return Fail(connection.error().message());
    const server::audit::AuditLog log;
    for (long first = 0; first < rows; first += 50'000) {
      auto transaction =
          db::Transaction::Begin(connection.value(), db::Transaction::Mode::kImmediate);
      if (!transaction) return Fail("begin");
      for (long i = first; i < std::min(rows, first + 50'000); ++i) {
        if (!log.Append(connection.value(), Entry(i))) return Fail("append");
      }
      if (!transaction.value().Commit()) return Fail("commit");
    }
    std::printf("log prepared: %ld entries in %.1f s\n", rows,
                std::chrono::duration<double>(Clock::now() - start).count());
  }
  if (!server->Start(error)) return Fail(error);
  const int pid = server->process().pid();

  auto client = test::HttpClient::Connect(server->client());
  if (!client) return Fail(client.error().message());
  auto signed_in = client.value()->Request(
      "POST", "/v1/session",
      R"({"userId":"awa.auditor","password":")" + std::string(kPassword) + "\"}",
      "application/json");
  if (!signed_in || signed_in.value().status != 200) return Fail("sign-in");
  const std::string set_cookie = signed_in.value().Header("set-cookie");
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  // A small export first, so that the workers and the page cache are warm in both figures.
  (void)client.value()->RequestWithHeaders("GET", "/v1/audit/export.csv?actorId=nobody",
                                           {{"Cookie", cookie}});

  const long rss_before = StatusKb(pid, "VmRSS");
  std::atomic<bool> done{false};
  std::atomic<long> rss_peak{rss_before};
  std::thread sampler([&] {
    while (!done) {
      const long rss = StatusKb(pid, "VmRSS");
      if (rss > rss_peak) rss_peak = rss;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });

  auto options = server->client();
  options.timeout = std::chrono::seconds(30);
  auto bytes_client = test::ByteClient::Connect(options);
  if (!bytes_client) return Fail(bytes_client.error().message());
  const auto start = Clock::now();
  if (bytes_client.value()->Send("GET /v1/audit/export.csv?sep=semicolon HTTP/1.1\r\nHost: "
                                 "127.0.0.1\r\nCookie: " +
                                 cookie + "\r\n\r\n")) {
    return Fail("send");
  }
  long long bytes = 0;
  std::string tail;
  bool complete = false;
  while (!complete) {
    auto some = bytes_client.value()->ReadSome(std::chrono::seconds(30));
    if (!some) break;
    bytes += static_cast<long long>(some.value().size());
    tail =
        (tail + some.value())
            .substr(tail.size() + some.value().size() > 16 ? tail.size() + some.value().size() - 16
                                                           : 0);
    complete = tail.ends_with("\r\n0\r\n\r\n");
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  done = true;
  sampler.join();
  const long hwm = StatusKb(pid, "VmHWM");
  if (!complete) return Fail("the export did not end with its terminating chunk");

  // The export's own entry: its row count.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto entries = client.value()->RequestWithHeaders(
      "GET", "/v1/audit/entries?action=GET%20%2Fv1%2Faudit%2Fexport.csv&limit=1",
      {{"Cookie", cookie}});
  std::printf("rows %ld, body %.1f MB (chunked, on the wire) in %.2f s: %.0f rows/s, %.1f MB/s\n",
              rows, static_cast<double>(bytes) / 1e6, seconds, static_cast<double>(rows) / seconds,
              static_cast<double>(bytes) / 1e6 / seconds);
  std::printf("server RSS before %.1f MB, peak during %.1f MB (growth %.1f MB), VmHWM %.1f MB\n",
              static_cast<double>(rss_before) / 1024, static_cast<double>(rss_peak.load()) / 1024,
              static_cast<double>(rss_peak.load() - rss_before) / 1024,
              static_cast<double>(hwm) / 1024);
  if (entries) {
    const std::string& body = entries.value().body;
    const auto at = body.find("\"resultCount\":\"");
    if (at != std::string::npos) {
      std::printf("audit entry of the export: resultCount %s\n",
                  body.substr(at + 15, body.find('"', at + 15) - at - 15).c_str());
    }
  }
  return 0;
}
