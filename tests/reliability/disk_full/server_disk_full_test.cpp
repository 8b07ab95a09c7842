// The server's disk fills while honest kiosks stream (a file-size limit on the running
// minegate-server, set just above its largest file): every batch it cannot store is refused
// with an Error frame and acknowledged never; it stays up (health, metrics, reconcile answer),
// logs the condition once, and once space returns stores the resent batches, none lost, none
// twice.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "tests/reliability/disk_full/file_size_limit.hpp"
#include "tests/support/db_count.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

std::size_t Occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++count;
  return count;
}

/// A kiosk's side: its outbox (every event generated, by sequence) and what the server acked.
struct Streamer {
  explicit Streamer(ClientOptions options) : kiosk(std::move(options)) {}
  SimulatedKiosk kiosk;
  std::vector<v1::Event> outbox;
  std::uint64_t acked = 0;
  int errors = 0;
  int errors_in_a_row = 0;
  std::vector<v1::Error> error_frames;

  /// The next batch from the first event not acknowledged: a refused batch is resent as it was.
  std::vector<v1::Event> NextBatch(std::uint64_t size) {
    std::vector<v1::Event> batch;
    for (std::uint64_t seq = acked + 1; seq <= acked + size; ++seq) {
      if (seq > outbox.size()) outbox.push_back(kiosk.GatePassed(seq));
      batch.push_back(outbox[seq - 1]);
    }
    return batch;
  }
  /// Sends one batch and reads its answer: true for an Ack of it, false for an Error frame.
  /// Anything else (no answer, a closed stream) fails the test.
  void SendOne(std::uint64_t size, bool& acked_it) {
    const auto batch = NextBatch(size);
    ASSERT_FALSE(kiosk.Send(batch));
    auto frame = kiosk.Next(10s);
    // Down-stream lists (a trust list naming the other kiosk) may come first: not an answer.
    for (int skipped = 0;
         frame && !frame.value().has_ack() && !frame.value().has_error() && skipped < 16;
         ++skipped) {
      frame = kiosk.Next(10s);
    }
    ASSERT_TRUE(frame) << "no answer to a batch: " << frame.error().message();
    if (frame.value().has_ack()) {
      ASSERT_EQ(frame.value().ack().acked_seq(), batch.back().device_seq());
      acked = frame.value().ack().acked_seq();
      errors_in_a_row = 0;
      acked_it = true;
      return;
    }
    ASSERT_TRUE(frame.value().has_error()) << frame.value().DebugString();
    error_frames.push_back(frame.value().error());
    ++errors;
    ++errors_in_a_row;
    acked_it = false;
  }
};

TEST(ServerDiskFullTest, RefusesWhatItCannotStoreStaysUpAndStoresTheResentBatchesOnceSpaceReturns) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  constexpr int kKiosks = 2;
  constexpr std::uint64_t kBatch = 20;
  std::vector<std::unique_ptr<Streamer>> kiosks;
  for (int i = 0; i < kKiosks; ++i) {
    kiosks.push_back(std::make_unique<Streamer>(server->client()));
    ASSERT_TRUE(kiosks.back()->kiosk.Enrol(server->NewEnrolmentCode())) << server->Log();
    ASSERT_TRUE(kiosks.back()->kiosk.Connect()) << server->Log();
  }
  // A working day first: the database, its WAL and the log reach their usual shape.
  for (int round = 0; round < 10; ++round) {
    for (auto& k : kiosks) {
      bool acked = false;
      ASSERT_NO_FATAL_FAILURE(k->SendOne(kBatch, acked));
      ASSERT_TRUE(acked) << k->error_frames.back().DebugString() << server->Log();
    }
  }

  // The disk fills: no file of the server may grow more than a little past the largest now.
  const pid_t pid = server->process().pid();
  const auto largest = LargestOpenFile(pid);
  ASSERT_TRUE(largest);
  const std::uint64_t limit = *largest + 64 * 1024;
  ASSERT_EQ(SetFileSizeLimit(pid, limit), "");
  std::uint64_t acked_before_full = 0;
  for (auto& k : kiosks) acked_before_full += k->acked;

  // Stream until every kiosk has had several refusals in a row (bounded: the limit is 64 KiB
  // above the largest file, a few hundred events).
  int rounds = 0;
  for (; rounds < 600; ++rounds) {
    bool all_refused = true;
    for (auto& k : kiosks) {
      bool acked = false;
      ASSERT_NO_FATAL_FAILURE(k->SendOne(kBatch, acked));
      if (k->errors_in_a_row < 3) all_refused = false;
    }
    if (all_refused) break;
  }
  ASSERT_LT(rounds, 600) << "the file-size limit never refused a batch";
  ASSERT_TRUE(server->process().Running()) << "the server died of its file-size limit";

  // Each refusal is the specific storage error, in French and English, naming its batch.
  for (auto& k : kiosks) {
    for (const v1::Error& refused : k->error_frames) {
      EXPECT_EQ(refused.code(), v1::ERROR_CODE_SERVER_BUSY) << refused.DebugString();
      EXPECT_EQ(refused.message().fr(),
                "stockage du serveur plein : rien n'est enregistré, renvoyer plus tard");
      EXPECT_EQ(refused.message().en(), "server storage full: nothing stored, send again later");
      EXPECT_EQ(refused.device_seq(), k->acked + 1);
    }
  }
  // Nothing acknowledged that is not stored, nothing stored that was not acknowledged.
  for (auto& k : kiosks) {
    const std::string device = "'" + k->kiosk.device_id() + "'";
    EXPECT_EQ(Count(server->database(), "SELECT count(*) FROM events WHERE device_id = " + device),
              static_cast<std::int64_t>(k->acked));
    EXPECT_EQ(Count(server->database(),
                    "SELECT coalesce(max(device_seq), 0) FROM events WHERE device_id = " + device),
              static_cast<std::int64_t>(k->acked));
  }
  // Up and answering while full: health, metrics (the refusals counted), a kiosk's reconcile.
  auto health = HttpGet(server->client(), "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health.value().status, 200);
  auto metrics = HttpGet(server->client(), "/metrics");
  ASSERT_TRUE(metrics);
  std::smatch busy;
  ASSERT_TRUE(std::regex_search(
      metrics.value().body, busy,
      std::regex("minegate_rejected_frames_total\\{reason=\"server_busy\"\\} ([0-9]+)")))
      << metrics.value().body;
  int refused_total = 0;
  for (auto& k : kiosks) refused_total += k->errors;
  EXPECT_EQ(std::stoi(busy[1]), refused_total);
  auto report = kiosks.front()->kiosk.Reconcile();
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report.value().event_count(), kiosks.front()->acked);
  // Said once in the log, with SQLite's reason, not once a batch.
  const std::string log = server->Log();
  EXPECT_EQ(Occurrences(log, "storage_write_failed"), 1u) << log;
  EXPECT_EQ(Occurrences(log, "storage_write_recovered"), 0u) << log;
  const auto failed_at = log.find("storage_write_failed");
  if (failed_at != std::string::npos) {
    std::printf("disk full (server): log: %s\n",
                log.substr(failed_at, log.find('\n', failed_at) - failed_at).c_str());
  }

  // Space returns: the kiosks resend what was refused, then go on; all acknowledged.
  ASSERT_EQ(LiftFileSizeLimit(pid), "");
  for (auto& k : kiosks) {
    const std::uint64_t target = k->outbox.size() + 2 * kBatch;
    while (k->acked < target) {
      bool acked = false;
      ASSERT_NO_FATAL_FAILURE(k->SendOne(kBatch, acked));
      ASSERT_TRUE(acked) << k->error_frames.back().DebugString() << server->Log();
    }
  }
  EXPECT_EQ(Occurrences(server->Log(), "storage_write_recovered"), 1u) << server->Log();
  for (auto& k : kiosks) k->kiosk.Disconnect();
  ASSERT_TRUE(server->Stop());

  std::int64_t total = 0;
  for (auto& k : kiosks) {
    total += static_cast<std::int64_t>(k->outbox.size());
    const std::string device = "'" + k->kiosk.device_id() + "'";
    EXPECT_EQ(Count(server->database(), "SELECT count(*) FROM events WHERE device_id = " + device),
              static_cast<std::int64_t>(k->outbox.size()));
  }
  EXPECT_EQ(Count(server->database(), "SELECT count(*) FROM events"), total);
  EXPECT_EQ(Count(server->database(), "SELECT count(DISTINCT event_id) FROM events"), total);
  EXPECT_EQ(Count(server->database(), "SELECT count(*) FROM passages"), total)
      << "projections disagree with the log";
  EXPECT_EQ(Count(server->database(),
                  "SELECT count(*) FROM pragma_quick_check WHERE quick_check <> 'ok'"),
            0);
  std::printf(
      "disk full (server): limit %llu bytes (largest file %llu), %llu events acknowledged "
      "before, %d batches refused in %d rounds, %lld events stored in the end\n",
      static_cast<unsigned long long>(limit), static_cast<unsigned long long>(*largest),
      static_cast<unsigned long long>(acked_before_full), refused_total, rounds,
      static_cast<long long>(total));
}

}  // namespace
}  // namespace minegate::test
