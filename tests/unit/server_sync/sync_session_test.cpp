// The sync protocol state machine with a real database and writer, and a peer
// that records what the server would send.
#include "server/sync/sync_session.hpp"

#include <sodium.h>

#include <condition_variable>
#include <deque>

#include "proto/auth/device_auth.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/sync/session_directory.hpp"
#include "tests/support/wait.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

using namespace std::chrono_literals;

class RecordingPeer : public SyncPeer {
 public:
  void Send(const v1::ServerFrame& frame) override {
    std::lock_guard lock(mutex_);
    frames_.push_back(frame);
    changed_.notify_all();
  }
  void Close() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  void ResumeReading() override {
    std::lock_guard lock(mutex_);
    ++resumed_;
  }
  /// The next frame, waiting up to 5 s.
  std::optional<v1::ServerFrame> Next() {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, 5s, [this] { return !frames_.empty(); })) return std::nullopt;
    auto frame = frames_.front();
    frames_.pop_front();
    return frame;
  }
  bool closed() {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  int resumed() {
    std::lock_guard lock(mutex_);
    return resumed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<v1::ServerFrame> frames_;
  bool closed_ = false;
  int resumed_ = 0;
};

std::string Bytes(const v1::KioskFrame& frame) { return frame.SerializeAsString(); }

class SyncSessionTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    // Enrol the device with a real key.
    auto update = connection_->Prepare(
        "UPDATE devices SET public_key = ?, key_id = ?, enrolled_at_ms = 1, trust_version = 1 "
        "WHERE device_id = 'k-12-1'");
    ASSERT_TRUE(update);
    const auto key_id = credential::KeyIdOf(key_.public_key());
    ASSERT_TRUE(update.value().BindBlob(1, key_.public_key()));
    ASSERT_TRUE(update.value().BindBlob(2, key_id));
    ASSERT_TRUE(update.value().Run());
    ASSERT_TRUE(
        connection_->Execute("UPDATE list_versions SET version = 1 WHERE list = 'trust_list'"));
    auto registry = RegistryReader::Open(database());
    ASSERT_TRUE(registry);
    registry_ = std::move(registry).value();
    auto writer = EventWriter::Open(database());
    ASSERT_TRUE(writer);
    writer_ = std::move(writer).value();
    context_.registry = registry_.get();
    context_.writer = writer_.get();
    context_.open_sealed = [](std::string_view, std::string_view) { return std::nullopt; };
    context_.sealing_public_key = std::string(32, 'p');
    context_.sealing_key_id = "sealkey1";
    context_.now_ms = [] { return kNow; };
    peer_ = std::make_shared<RecordingPeer>();
    session_ = std::make_shared<SyncSession>(context_, peer_);
  }
  void TearDown() override { writer_->Stop(); }

  /// Challenge, then a hello signed with `key`; returns the nonce.
  std::string Hello(const credential::SigningKey& key, const std::string& device = kDevice) {
    session_->OnOpen();
    auto challenge = peer_->Next();
    EXPECT_TRUE(challenge && challenge->has_challenge());
    const std::string nonce = challenge ? challenge->challenge().nonce() : "";
    v1::KioskFrame hello;
    hello.mutable_hello()->set_device_id(device);
    hello.mutable_hello()->set_software_version("0.1.0");
    const auto signature = key.Sign(auth::HelloSignedBytes(nonce, device));
    hello.mutable_hello()->set_signature(std::string(signature.begin(), signature.end()));
    session_->OnBinary(Bytes(hello));
    return nonce;
  }

  v1::ErrorCode ExpectError() {
    auto frame = peer_->Next();
    EXPECT_TRUE(frame && frame->has_error()) << (frame ? frame->DebugString() : "no frame");
    return frame && frame->has_error() ? frame->error().code() : v1::ERROR_CODE_UNSPECIFIED;
  }

  bool SendBatch(std::vector<v1::Event> events) {
    v1::KioskFrame frame;
    for (auto& event : events) *frame.mutable_batch()->add_events() = event;
    return session_->OnBinary(Bytes(frame));
  }

  credential::SigningKey key_ = credential::SigningKey::Generate().value();
  std::unique_ptr<RegistryReader> registry_;
  std::unique_ptr<EventWriter> writer_;
  SyncContext context_;
  std::shared_ptr<RecordingPeer> peer_;
  std::shared_ptr<SyncSession> session_;
};

TEST_F(SyncSessionTest, HelloGetsWelcomeAndTheTrustList) {
  Hello(key_);
  auto welcome = peer_->Next();
  ASSERT_TRUE(welcome && welcome->has_welcome());
  EXPECT_EQ(welcome->welcome().acked_seq(), 0u);
  EXPECT_EQ(welcome->welcome().sealing_key_id(), "sealkey1");
  auto trust = peer_->Next();
  ASSERT_TRUE(trust && trust->has_trust_list());
  EXPECT_TRUE(trust->trust_list().full());
  ASSERT_EQ(trust->trust_list().keys_size(), 1);
  EXPECT_EQ(trust->trust_list().keys(0).device_id(), kDevice);
  EXPECT_TRUE(session_->authenticated());
}

TEST_F(SyncSessionTest, WrongKeyUnknownAndRevokedDevicesAreRefused) {
  Hello(credential::SigningKey::Generate().value());
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_BAD_SIGNATURE);
  EXPECT_TRUE(peer_->closed());

  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  Hello(key_, "k-nobody");
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_UNKNOWN_DEVICE);

  ASSERT_TRUE(connection_->Execute("UPDATE devices SET revoked_at_ms = 5"));
  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  Hello(key_);
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_DEVICE_REVOKED);
  EXPECT_TRUE(peer_->closed());
}

TEST_F(SyncSessionTest, FramesOutOfOrderMalformedOrTextAreRefused) {
  session_->OnOpen();
  ASSERT_TRUE(peer_->Next());
  EXPECT_FALSE(SendBatch({GatePassed(1)}));
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_PROTOCOL_VIOLATION);
  EXPECT_TRUE(peer_->closed());

  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  session_->OnOpen();
  ASSERT_TRUE(peer_->Next());
  EXPECT_FALSE(session_->OnBinary("\xff\xff\xff garbage"));
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_MALFORMED_FRAME);

  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  session_->OnOpen();
  ASSERT_TRUE(peer_->Next());
  session_->OnText();
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_TEXT_FRAME);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
}

TEST_F(SyncSessionTest, BatchIsAcknowledgedAfterCommitAndReplayCountsDuplicates) {
  Hello(key_);
  ASSERT_TRUE(peer_->Next());  // welcome
  ASSERT_TRUE(peer_->Next());  // trust list
  EXPECT_TRUE(SendBatch({GatePassed(1), GatePassed(2)}));
  auto ack = peer_->Next();
  ASSERT_TRUE(ack && ack->has_ack()) << (ack ? ack->DebugString() : "none");
  EXPECT_EQ(ack->ack().acked_seq(), 2u);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 2);

  EXPECT_TRUE(SendBatch({GatePassed(1), GatePassed(2)}));
  ack = peer_->Next();
  ASSERT_TRUE(ack && ack->has_ack());
  EXPECT_EQ(ack->ack().duplicates(), 2u);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 2);
}

TEST_F(SyncSessionTest, InvalidBatchIsRefusedWholeAndTheSessionGoesOn) {
  Hello(key_);
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(peer_->Next());
  v1::Event bad = GatePassed(2);
  bad.mutable_gate_passed()->clear_tag_uid();
  EXPECT_TRUE(SendBatch({GatePassed(1), bad}));
  auto error = peer_->Next();
  ASSERT_TRUE(error && error->has_error());
  EXPECT_EQ(error->error().code(), v1::ERROR_CODE_INVALID_EVENT);
  EXPECT_EQ(error->error().device_seq(), 2u);
  EXPECT_FALSE(peer_->closed());
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);

  EXPECT_TRUE(SendBatch({GatePassed(1), GatePassed(2)}));
  auto ack = peer_->Next();
  ASSERT_TRUE(ack && ack->has_ack());
  EXPECT_EQ(ack->ack().acked_seq(), 2u);
}

TEST_F(SyncSessionTest, ARefusalNeverOvertakesTheAckOfAnEarlierBatch) {
  Hello(key_);
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(peer_->Next());
  for (std::uint64_t round = 0; round < 20; ++round) {
    const std::uint64_t first = 1 + round * 3;
    v1::Event bad = GatePassed(first + 2);
    bad.mutable_gate_passed()->clear_tag_uid();
    EXPECT_TRUE(SendBatch({GatePassed(first), GatePassed(first + 1)}));
    EXPECT_TRUE(SendBatch({bad}));
    auto ack = peer_->Next();
    ASSERT_TRUE(ack && ack->has_ack())
        << "round " << round << ": " << (ack ? ack->DebugString() : "none");
    EXPECT_EQ(ack->ack().acked_seq(), first + 1);
    auto error = peer_->Next();
    ASSERT_TRUE(error && error->has_error());
    EXPECT_EQ(error->error().device_seq(), first + 2);
    // Store the refused sequence properly before the next round.
    EXPECT_TRUE(SendBatch({GatePassed(first + 2)}));
    ASSERT_TRUE(peer_->Next());
  }
}

TEST_F(SyncSessionTest, AConflictFromTheWriterNamesItsBatch) {
  Hello(key_);
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(peer_->Next());
  EXPECT_TRUE(SendBatch({GatePassed(1), GatePassed(2)}));
  ASSERT_TRUE(peer_->Next());  // ack
  v1::Event other = GatePassed(2);
  other.set_event_id(EventId(2, /*salt=*/5));
  EXPECT_TRUE(SendBatch({other, GatePassed(3)}));
  auto error = peer_->Next();
  ASSERT_TRUE(error && error->has_error()) << (error ? error->DebugString() : "none");
  EXPECT_EQ(error->error().code(), v1::ERROR_CODE_SEQUENCE_CONFLICT);
  EXPECT_EQ(error->error().device_seq(), 2u);
  EXPECT_FALSE(error->error().message().fr().empty());
  EXPECT_FALSE(error->error().message().en().empty());
}

TEST_F(SyncSessionTest, WelcomeResumesFromTheHighestStoredSequence) {
  Hello(key_);
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(peer_->Next());
  SendBatch({GatePassed(1), GatePassed(2), GatePassed(3)});
  ASSERT_TRUE(peer_->Next());
  session_->OnClosed();

  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  Hello(key_);
  auto welcome = peer_->Next();
  ASSERT_TRUE(welcome && welcome->has_welcome());
  EXPECT_EQ(welcome->welcome().acked_seq(), 3u);
  EXPECT_EQ(welcome->welcome().contiguous_seq(), 3u);
}

TEST_F(SyncSessionTest, RevocationWhileConnectedClosesTheSession) {
  Hello(key_);
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(connection_->Execute("UPDATE devices SET revoked_at_ms = 5"));
  session_->RefreshDownstream();
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_DEVICE_REVOKED);
  EXPECT_TRUE(peer_->closed());
}

TEST_F(SyncSessionTest, DirectoryPushesListChangesToConnectedKiosks) {
  SessionDirectory directory(*registry_, std::chrono::milliseconds(20));
  directory.Start();
  Hello(key_);
  ASSERT_TRUE(peer_->Next());  // welcome
  ASSERT_TRUE(peer_->Next());  // trust list v1
  directory.Add(session_);
  EXPECT_EQ(directory.Count(), 1u);

  ASSERT_TRUE(
      connection_->Execute("INSERT INTO alerts (alert_id, text_fr, text_en, issued_at_ms, version) "
                           "VALUES ('a1', 'Piste fermée', 'Track closed', 1, 1);"
                           "UPDATE list_versions SET version = 1 WHERE list = 'alerts';"));
  auto alerts = peer_->Next();
  ASSERT_TRUE(alerts && alerts->has_alerts()) << (alerts ? alerts->DebugString() : "none");
  EXPECT_EQ(alerts->alerts().alerts(0).text().en(), "Track closed");

  ASSERT_TRUE(
      connection_->Execute("UPDATE devices SET revoked_at_ms = 9, trust_version = 2;"
                           "UPDATE list_versions SET version = 2 WHERE list = 'trust_list';"));
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_DEVICE_REVOKED);
  // The watcher thread closes right after sending, and holds the session until
  // its refresh returns: wait for both, bounded.
  EXPECT_TRUE(test::WaitUntil([this] { return peer_->closed(); }, 5s));
  session_.reset();
  EXPECT_TRUE(test::WaitUntil([&] { return directory.Count() == 0; }, 5s));
}

}  // namespace
}  // namespace minegate::server
