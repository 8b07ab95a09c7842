// minegate-server as a process, a kiosk over real TLS WebSockets: enrolment,
// authentication, ingest with acknowledgements, reconcile, and bad input.
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;

class KioskSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
  }

  /// An enrolled, connected kiosk.
  std::unique_ptr<SimulatedKiosk> Kiosk() {
    auto kiosk = std::make_unique<SimulatedKiosk>(server_->client());
    const std::string code = server_->NewEnrolmentCode();
    EXPECT_FALSE(code.empty());
    auto enrolled = kiosk->Enrol(code);
    EXPECT_TRUE(enrolled) << server_->Log();
    auto welcome = kiosk->Connect();
    EXPECT_TRUE(welcome) << server_->Log();
    return kiosk;
  }

  /// The error frame the server sends next (skipping list updates).
  v1::ErrorCode NextError(SimulatedKiosk& kiosk) {
    for (int i = 0; i < 5; ++i) {
      auto frame = kiosk.Next(5s);
      if (!frame) return v1::ERROR_CODE_UNSPECIFIED;
      if (frame.value().has_error()) return frame.value().error().code();
    }
    return v1::ERROR_CODE_UNSPECIFIED;
  }

  std::vector<v1::Event> Batch(SimulatedKiosk& kiosk, std::uint64_t first, std::uint64_t count) {
    std::vector<v1::Event> events;
    for (std::uint64_t seq = first; seq < first + count; ++seq) {
      events.push_back(kiosk.GatePassed(seq));
    }
    return events;
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(KioskSyncTest, EnrolStreamAcknowledgeReconcile) {
  auto kiosk = Kiosk();
  for (std::uint64_t first = 1; first <= 21; first += 10) {
    auto ack = kiosk->SendAndWaitAck(Batch(*kiosk, first, 10));
    ASSERT_TRUE(ack) << server_->Log();
    EXPECT_EQ(ack.value().acked_seq(), first + 9);
  }
  auto report = kiosk->Reconcile();
  ASSERT_TRUE(report) << server_->Log();
  EXPECT_EQ(report.value().event_count(), 30u);
  EXPECT_EQ(report.value().highest_seq(), 30u);
  EXPECT_EQ(report.value().contiguous_seq(), 30u);
  EXPECT_EQ(report.value().gaps_size(), 0);

  // Reconnect: the Welcome says where to resume.
  kiosk->Disconnect();
  auto welcome = kiosk->Connect(30);
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome.value().acked_seq(), 30u);
  EXPECT_FALSE(welcome.value().sealing_public_key().empty());
}

TEST_F(KioskSyncTest, ReplayedBatchIsAcknowledgedNotStoredTwice) {
  auto kiosk = Kiosk();
  const auto batch = Batch(*kiosk, 1, 5);
  ASSERT_TRUE(kiosk->SendAndWaitAck(batch));
  auto replay = kiosk->SendAndWaitAck(batch);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay.value().duplicates(), 5u);
  EXPECT_EQ(kiosk->Reconcile().value().event_count(), 5u);
}

TEST_F(KioskSyncTest, EnrolmentCodeWorksOnce) {
  const std::string code = server_->NewEnrolmentCode();
  SimulatedKiosk first(server_->client());
  ASSERT_TRUE(first.Enrol(code));
  SimulatedKiosk second(server_->client());
  EXPECT_FALSE(second.Enrol(code)) << "an enrolment code was accepted twice";
  // Both attempts are in the audit log: the device it became, then the refusal; never the code.
  auto connection = db::Connection::Open(server_->database());
  ASSERT_TRUE(connection);
  auto entries =
      db::QueryAll(connection.value(),
                   "SELECT actor_kind, outcome, targets FROM audit_log WHERE action = "
                   "'POST /v1/devices/enroll' ORDER BY seq",
                   [](const db::Statement& row) {
                     return row.ColumnText(0) + " " + row.ColumnText(1) + " " + row.ColumnText(2);
                   });
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries.value().size(), 2U);
  EXPECT_TRUE(entries.value()[0].starts_with("device ok device:")) << entries.value()[0];
  EXPECT_TRUE(entries.value()[1].starts_with("anonymous refused:")) << entries.value()[1];
  for (const std::string& entry : entries.value()) {
    EXPECT_EQ(entry.find(code), std::string::npos);
  }
}

TEST_F(KioskSyncTest, BadInputGetsSpecificErrorsAndStoresNothing) {
  auto kiosk = Kiosk();
  ASSERT_TRUE(kiosk->SendAndWaitAck(Batch(*kiosk, 1, 2)));

  // Missing field: refused whole, connection open.
  auto missing = Batch(*kiosk, 3, 2);
  missing[1].mutable_gate_passed()->clear_tag_uid();
  ASSERT_FALSE(kiosk->Send(missing));
  EXPECT_EQ(NextError(*kiosk), v1::ERROR_CODE_INVALID_EVENT);
  // A sequence that goes backwards inside a batch.
  auto backwards = Batch(*kiosk, 3, 2);
  backwards[1].set_device_seq(2);
  ASSERT_FALSE(kiosk->Send(backwards));
  EXPECT_EQ(NextError(*kiosk), v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE);
  // Another device's events.
  auto foreign = Batch(*kiosk, 3, 1);
  foreign[0].set_device_id("kdg-9999");
  ASSERT_FALSE(kiosk->Send(foreign));
  EXPECT_EQ(NextError(*kiosk), v1::ERROR_CODE_INVALID_EVENT);
  EXPECT_EQ(kiosk->Reconcile().value().event_count(), 2u) << "part of a refused batch stored";

  // Malformed protobuf: error, then the server closes.
  ASSERT_FALSE(kiosk->ws()->SendBinary("\xff\xff\xff\xff not a frame"));
  EXPECT_EQ(NextError(*kiosk), v1::ERROR_CODE_MALFORMED_FRAME);
  EXPECT_NE(kiosk->ws()->WaitClosed(5s), make_error_code(boost::system::errc::timed_out));

  // Text frame.
  ASSERT_TRUE(kiosk->Connect(2));
  ASSERT_FALSE(kiosk->ws()->SendText("{\"events\": []}"));
  EXPECT_EQ(NextError(*kiosk), v1::ERROR_CODE_TEXT_FRAME);

  // Over the size limit: the WebSocket is closed with 1009.
  ASSERT_TRUE(kiosk->Connect(2));
  (void)kiosk->ws()->SendBinary(std::string(2 * 1024 * 1024, 'x'));
  EXPECT_NE(kiosk->ws()->WaitClosed(10s), make_error_code(boost::system::errc::timed_out));
  EXPECT_EQ(kiosk->ws()->close_code(), 1009);

  // The server kept serving: a fresh batch is acknowledged, nothing partial stored.
  ASSERT_TRUE(kiosk->Connect(2));
  auto ack = kiosk->SendAndWaitAck(Batch(*kiosk, 3, 2));
  ASSERT_TRUE(ack) << server_->Log();
  EXPECT_EQ(kiosk->Reconcile().value().event_count(), 4u);
}

TEST_F(KioskSyncTest, UnknownWrongKeyAndRevokedDevicesAreRefused) {
  auto kiosk = Kiosk();
  const std::string device = kiosk->device_id();

  SimulatedKiosk stranger(server_->client());
  stranger.SetIdentity("kdg-9999", 1, 1);
  EXPECT_FALSE(stranger.Connect());
  ASSERT_FALSE(stranger.pending().empty());
  EXPECT_EQ(stranger.pending()[0].error().code(), v1::ERROR_CODE_UNKNOWN_DEVICE);

  SimulatedKiosk impostor(server_->client());  // right id, wrong key
  impostor.SetIdentity(device, 1, 1);
  EXPECT_FALSE(impostor.Connect());
  ASSERT_FALSE(impostor.pending().empty());
  EXPECT_EQ(impostor.pending()[0].error().code(), v1::ERROR_CODE_BAD_SIGNATURE);

  // Revoked while connected: told so and disconnected, then refused at the door.
  ASSERT_TRUE(server_->Ctl({"device", "revoke", "--id", device}).status.Succeeded());
  EXPECT_EQ(NextError(*kiosk), v1::ERROR_CODE_DEVICE_REVOKED);
  EXPECT_FALSE(kiosk->Connect());
  ASSERT_FALSE(kiosk->pending().empty());
  EXPECT_EQ(kiosk->pending()[0].error().code(), v1::ERROR_CODE_DEVICE_REVOKED);
}

TEST_F(KioskSyncTest, ReconcileRefusesUnsignedRequests) {
  auto kiosk = Kiosk();
  auto unsigned_request =
      HttpGet(server_->client(), "/v1/devices/" + kiosk->device_id() + "/reconcile");
  ASSERT_TRUE(unsigned_request);
  EXPECT_EQ(unsigned_request.value().status, 401);
  EXPECT_NE(unsigned_request.value().body.find("\"fr\""), std::string::npos);
}

TEST_F(KioskSyncTest, MetricsCountIngestAndRefusals) {
  auto kiosk = Kiosk();
  ASSERT_TRUE(kiosk->SendAndWaitAck(Batch(*kiosk, 1, 3)));
  (void)kiosk->ws()->SendText("x");
  NextError(*kiosk);
  auto metrics = HttpGet(server_->client(), "/metrics");
  ASSERT_TRUE(metrics);
  const std::string& text = metrics.value().body;
  EXPECT_NE(text.find("minegate_events_ingested_total 3"), std::string::npos) << text;
  EXPECT_NE(text.find("minegate_commit_seconds_bucket"), std::string::npos) << text;
  EXPECT_NE(text.find("minegate_rejected_frames_total{reason=\"text\"} 1"), std::string::npos)
      << text;
}

TEST_F(KioskSyncTest, ProjectionsAreRebuiltFromTheLogByMinegatectl) {
  auto kiosk = Kiosk();
  ASSERT_TRUE(kiosk->SendAndWaitAck(Batch(*kiosk, 1, 40)));
  kiosk->Disconnect();
  ASSERT_TRUE(server_->Stop());
  const auto rebuilt = server_->Ctl({"rebuild-projections", "--chunk", "100"});
  EXPECT_TRUE(rebuilt.status.Succeeded()) << rebuilt.out << rebuilt.err;
  EXPECT_NE(rebuilt.out.find("40 / 40"), std::string::npos) << rebuilt.out;
  EXPECT_NE(rebuilt.out.find("projections rebuilt: 40 events replayed"), std::string::npos)
      << rebuilt.out;
  std::string error;
  ASSERT_TRUE(server_->Start(error)) << error;
  // The log is untouched and the server resumes where it was.
  ASSERT_TRUE(kiosk->Connect(40));
  EXPECT_EQ(kiosk->Reconcile().value().event_count(), 40u);
}

}  // namespace
}  // namespace minegate::test
