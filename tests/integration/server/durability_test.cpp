// The server is killed with SIGKILL at random points while a kiosk streams; it
// restarts and the kiosk resumes from the Welcome. Afterwards every event the
// server acknowledged is stored, none twice, and reconcile agrees with the kiosk.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "tests/support/db_count.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

TEST(DurabilityTest, AcknowledgedEventsSurviveSigkillAndNoneIsStoredTwice) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  SimulatedKiosk kiosk(server->client());
  ASSERT_TRUE(kiosk.Enrol(server->NewEnrolmentCode())) << server->Log();

  // The kiosk's outbox: every event it generated, by sequence, with its id.
  std::vector<v1::Event> outbox;
  std::uint64_t highest_acked = 0;
  std::mt19937 random(20261129);
  constexpr int kCrashes = 5;
  constexpr std::uint64_t kBatch = 20;

  for (int round = 0; round <= kCrashes; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    auto welcome = kiosk.Connect(highest_acked);
    ASSERT_TRUE(welcome) << server->Log();
    // The server may hold more than we saw acknowledged (it committed, then died
    // before the Ack left): never less.
    ASSERT_GE(welcome.value().acked_seq(), highest_acked) << "an acknowledged event was lost";
    std::uint64_t next = welcome.value().acked_seq() + 1;

    // The killer: after a random delay the server dies mid-stream (not in the last round).
    std::thread killer;
    if (round < kCrashes) {
      const auto delay = std::chrono::milliseconds(std::uniform_int_distribution(50, 400)(random));
      killer = std::thread([&server, delay] {
        std::this_thread::sleep_for(delay);
        server->Kill();
      });
    }
    const auto deadline = std::chrono::steady_clock::now() + (round < kCrashes ? 10s : 2s);
    while (std::chrono::steady_clock::now() < deadline) {
      std::vector<v1::Event> batch;
      for (std::uint64_t seq = next; seq < next + kBatch; ++seq) {
        // Resend what the outbox holds (same ids), generate what is new.
        if (seq <= outbox.size()) {
          batch.push_back(outbox[seq - 1]);
        } else {
          outbox.push_back(kiosk.GatePassed(seq));
          batch.push_back(outbox.back());
        }
      }
      auto ack = kiosk.SendAndWaitAck(batch, 5s);
      if (!ack) break;  // the server is gone
      ASSERT_EQ(ack.value().acked_seq(), next + kBatch - 1);
      highest_acked = std::max(highest_acked, ack.value().acked_seq());
      next += kBatch;
    }
    if (killer.joinable()) killer.join();
    kiosk.Disconnect();
    if (round < kCrashes) {
      ASSERT_TRUE(server->Start(error)) << error;
    }
  }

  // Resend anything generated but not yet acknowledged, so both sides hold all.
  auto welcome = kiosk.Connect(highest_acked);
  ASSERT_TRUE(welcome);
  for (std::uint64_t seq = welcome.value().acked_seq() + 1; seq <= outbox.size(); seq += kBatch) {
    std::vector<v1::Event> batch;
    for (std::uint64_t s = seq; s < seq + kBatch && s <= outbox.size(); ++s) {
      batch.push_back(outbox[s - 1]);
    }
    ASSERT_TRUE(kiosk.SendAndWaitAck(batch));
  }
  auto report = kiosk.Reconcile();
  ASSERT_TRUE(report);
  ASSERT_TRUE(server->Stop());

  const auto total = static_cast<std::int64_t>(outbox.size());
  EXPECT_GT(highest_acked, 0u);
  EXPECT_EQ(report.value().event_count(), outbox.size());
  EXPECT_EQ(report.value().highest_seq(), outbox.size());
  EXPECT_EQ(report.value().contiguous_seq(), outbox.size());
  EXPECT_EQ(Count(server->database(), "SELECT count(*) FROM events"), total);
  EXPECT_EQ(Count(server->database(), "SELECT count(DISTINCT event_id) FROM events"), total);
  EXPECT_EQ(Count(server->database(), "SELECT count(*) FROM passages"), total)
      << "projections disagree with the log";
  std::printf("durability: %zu events, %d crashes, highest acknowledged before the end %llu\n",
              outbox.size(), kCrashes, static_cast<unsigned long long>(highest_acked));
}

}  // namespace
}  // namespace minegate::test
