// The sync protocol state machine with a real database and writer, and a peer
// that records what the server would send.
#include "server/sync/sync_session.hpp"

#include <sodium.h>

#include <condition_variable>
#include <deque>

#include "proto/auth/device_auth.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/admin/user_registry.hpp"
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
  /// Frames received and not yet taken by Next().
  std::size_t waiting() {
    std::lock_guard lock(mutex_);
    return frames_.size();
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
    *hello.mutable_hello() = hello_versions_;
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

  /// The list versions the next Hello names (all 0 unless a test sets them).
  v1::Hello hello_versions_;
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

TEST_F(SyncSessionTest, AConnectionWithoutAValidHelloIsClosedAtItsDeadline) {
  auto now = std::make_shared<std::int64_t>(kNow);
  context_.now_ms = [now] { return *now; };
  session_ = std::make_shared<SyncSession>(context_, peer_);
  session_->OnOpen();
  ASSERT_TRUE(peer_->Next());  // the Challenge
  *now += SyncSession::kHelloTimeoutMs - 1;
  session_->CloseIfNoHelloInTime();
  EXPECT_FALSE(peer_->closed());
  *now += 1;
  session_->CloseIfNoHelloInTime();
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_TIMEOUT);
  EXPECT_TRUE(peer_->closed());

  // An authenticated session is never closed by it, however long it lives.
  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  Hello(key_);
  ASSERT_TRUE(session_->authenticated());
  *now += 10 * SyncSession::kHelloTimeoutMs;
  session_->CloseIfNoHelloInTime();
  EXPECT_FALSE(peer_->closed());
  EXPECT_TRUE(session_->authenticated());
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

TEST_F(SyncSessionTest, RegistryRefusalsNameTheFieldAndStoreNothing) {
  ASSERT_TRUE(connection_->Execute(
      "INSERT INTO sites (site_id, name, department, created_at_ms) VALUES (13, 'S', 'saraya', 0);"
      "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES (8, 13, 'Sud', 0);"
      "INSERT INTO users (user_id, display_name, role, created_at_ms) VALUES "
      "('police.ndiaye', 'Ndiaye', 'border_police', 0), ('fatou', 'Fatou', 'emape_official', 0),"
      "('ancien', 'Ancien', 'gate_agent', 0), ('ailleurs', 'Ailleurs', 'gate_agent', 0);"
      "INSERT INTO user_sites (user_id, site_id, assigned_at_ms) VALUES ('police.ndiaye', 12, 0),"
      "('fatou', 12, 0), ('ancien', 12, 0), ('agent.diallo', 13, 0), ('ailleurs', 13, 0);"));
  ASSERT_TRUE(connection_->Execute("UPDATE users SET disabled_at_ms = " + std::to_string(kNow) +
                                   " WHERE user_id = 'ancien'"));
  Hello(key_);
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(peer_->Next());
  const auto refused = [this](v1::Event second, const std::string& field) {
    EXPECT_TRUE(SendBatch({GatePassed(1), std::move(second)}));
    auto error = peer_->Next();
    ASSERT_TRUE(error && error->has_error()) << field;
    EXPECT_EQ(error->error().code(), v1::ERROR_CODE_INVALID_EVENT) << field;
    EXPECT_EQ(error->error().device_seq(), 2u) << field;
    EXPECT_NE(error->error().message().fr().find(field), std::string::npos)
        << error->error().message().fr();
    EXPECT_NE(error->error().message().en().find(field), std::string::npos)
        << error->error().message().en();
  };
  v1::Event no_gate = GatePassed(2);
  no_gate.set_gate_id(99);
  refused(no_gate, "gate_id");
  v1::Event other_site_gate = GatePassed(2);
  other_site_gate.set_gate_id(8);
  refused(other_site_gate, "gate_id");
  // No such user; a role that never works at kiosks; an EMAPE official on a gate event; a gate
  // agent of another site only.
  for (const char* agent : {"no.such.user", "police.ndiaye", "fatou", "ailleurs"}) {
    v1::Event event = GatePassed(2);
    event.set_agent_id(agent);
    refused(event, "agent_id");
  }
  // Disabled at kNow: its events from before still arrive, later ones do not.
  v1::Event after = GatePassed(2);
  after.set_agent_id("ancien");
  refused(after, "agent_id");
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
  v1::Event before = GatePassed(2);
  before.set_agent_id("ancien");
  before.set_occurred_at_ms(kNow - 1);
  EXPECT_TRUE(SendBatch({GatePassed(1), before}));
  auto ack = peer_->Next();
  ASSERT_TRUE(ack && ack->has_ack()) << (ack ? ack->DebugString() : "none");
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 2);
}

TEST_F(SyncSessionTest, PersonalDataInClearIsRefusedAsSealedBodyRequired) {
  Hello(key_);
  ASSERT_TRUE(peer_->Next());
  ASSERT_TRUE(peer_->Next());
  EXPECT_TRUE(SendBatch({GatePassed(1), PersonRegistered(2)}));
  auto error = peer_->Next();
  ASSERT_TRUE(error && error->has_error());
  EXPECT_EQ(error->error().code(), v1::ERROR_CODE_SEALED_BODY_REQUIRED);
  EXPECT_EQ(error->error().device_seq(), 2u);
  EXPECT_FALSE(peer_->closed());
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
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

// The police mode's request (docs/protocol.md §7.2): refused before the Hello; after it, every
// request answered and on the audit log, refused for a user who is not an assigned border police
// officer, for a missing reason, and for a bracelet the server does not hold as sent.
TEST_F(SyncSessionTest, PoliceRequestsAreCheckedAnsweredAndAudited) {
  v1::KioskFrame frame;
  auto* request = frame.mutable_police_history_request();
  request->set_request_id(7);
  request->set_officer_id("police.ndiaye");
  request->set_reason(v1::POLICE_REASON_IDENTITY_CHECK);
  request->set_case_reference("PV-3");
  request->set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x06", 7));
  request->set_credential("credential as written");
  request->set_person_token(std::string(16, '\x33'));

  session_->OnOpen();
  ASSERT_TRUE(peer_->Next());
  EXPECT_FALSE(session_->OnBinary(Bytes(frame)));
  EXPECT_EQ(ExpectError(), v1::ERROR_CODE_PROTOCOL_VIOLATION);
  EXPECT_TRUE(peer_->closed());

  ASSERT_TRUE(connection_->Execute(
      "INSERT INTO users (user_id, display_name, role, created_at_ms) VALUES "
      "('police.ndiaye', 'Ndiaye', 'border_police', 0), ('police.ailleurs', 'B', "
      "'border_police', 0), ('agent.ba', 'Ba', 'gate_agent', 0);"
      "INSERT INTO sites (site_id, name, department, created_at_ms) VALUES (13, 'S', 'saraya', 0);"
      "INSERT INTO user_sites (user_id, site_id, assigned_at_ms) VALUES ('police.ndiaye', 12, 0),"
      "('police.ailleurs', 13, 0), ('agent.ba', 12, 0);"));
  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  Hello(key_);
  ASSERT_TRUE(peer_->Next());  // welcome
  ASSERT_TRUE(peer_->Next());  // trust list
  const auto answer = [&](const std::string& officer, v1::PoliceReason reason) {
    request->set_officer_id(officer);
    request->set_reason(reason);
    EXPECT_TRUE(session_->OnBinary(Bytes(frame)));
    auto reply = peer_->Next();
    EXPECT_TRUE(reply && reply->has_police_history()) << (reply ? reply->DebugString() : "none");
    EXPECT_EQ(reply->police_history().request_id(), 7u);
    EXPECT_FALSE(reply->police_history().has_history());
    return reply->police_history().outcome();
  };
  EXPECT_EQ(answer("agent.ba", v1::POLICE_REASON_IDENTITY_CHECK),
            v1::POLICE_HISTORY_OUTCOME_OFFICER_REFUSED);
  EXPECT_EQ(answer("police.ailleurs", v1::POLICE_REASON_IDENTITY_CHECK),
            v1::POLICE_HISTORY_OUTCOME_OFFICER_REFUSED);
  EXPECT_EQ(answer("police.ndiaye", v1::POLICE_REASON_UNSPECIFIED),
            v1::POLICE_HISTORY_OUTCOME_BAD_REQUEST);
  EXPECT_EQ(answer("police.ndiaye", v1::POLICE_REASON_IDENTITY_CHECK),
            v1::POLICE_HISTORY_OUTCOME_UNKNOWN_BRACELET);
  EXPECT_FALSE(peer_->closed());

  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'WS /v1/kiosk/stream "
                  "police_history' AND actor_kind = 'device' AND targets = 'device:k-12-1'"),
            4);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE actor_id = 'agent.ba' AND "
                  "outcome = 'refused:officer_not_allowed' AND actor_role = 'border_police'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE actor_id = 'police.ndiaye' AND "
                  "outcome = 'refused:bad_request' AND reason = ''"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE actor_id = 'police.ndiaye' AND "
                  "outcome = 'refused:unknown_bracelet' AND result_count = 0 AND "
                  "reason = 'contrôle d''identité / identity check' AND case_reference = 'PV-3' "
                  "AND person_tokens = '' AND query = '{\"tagUid\":\"04010203040506\"}'"),
            1);
  // No refusal names the token it was sent: it opened nothing.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_person_tokens"), 0);

  // A credential longer than ingest accepts (rules::kMaxCredentialBytes) is a bad request: no
  // stored bracelet can hold it. At the limit, it is looked up.
  request->set_credential(std::string(256, 'c'));
  EXPECT_EQ(answer("police.ndiaye", v1::POLICE_REASON_IDENTITY_CHECK),
            v1::POLICE_HISTORY_OUTCOME_UNKNOWN_BRACELET);
  request->set_credential(std::string(257, 'c'));
  EXPECT_EQ(answer("police.ndiaye", v1::POLICE_REASON_IDENTITY_CHECK),
            v1::POLICE_HISTORY_OUTCOME_BAD_REQUEST);
}

/// Agents and census campaigns reach kiosks as whole lists: after the Welcome when the kiosk's
/// versions differ, and pushed while connected.
class SyncListsTest : public SyncSessionTest {
 protected:
  void SetUp() override {
    SyncSessionTest::SetUp();
    ASSERT_TRUE(
        connection_->Execute("INSERT INTO sites (site_id, name, department, created_at_ms) "
                             "VALUES (13, 'Sabodala', 'saraya', 0)"));
  }

  admin::UserRegistry Users() {
    return admin::UserRegistry(*connection_, [] { return kNow; });
  }
  admin::CensusCampaignRegistry Campaigns() {
    return admin::CensusCampaignRegistry(*connection_, [] { return kNow; });
  }

  /// The next frame, which must be of the given kind.
  v1::ServerFrame Expect(v1::ServerFrame::FrameCase kind) {
    auto frame = peer_->Next();
    EXPECT_TRUE(frame && frame->frame_case() == kind)
        << "expected case " << kind << ", got " << (frame ? frame->DebugString() : "nothing");
    return frame.value_or(v1::ServerFrame());
  }

  static v1::Event CensusObserved(std::uint64_t seq, const std::string& campaign) {
    v1::Event event = Envelope(seq);
    auto* census = event.mutable_census_observed();
    census->set_campaign_id(campaign);
    census->set_person_token(Token(4));
    census->set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x06", 7));
    return event;
  }
};

TEST_F(SyncListsTest, HelloWithOlderVersionsGetsTheWholeRosterAndTheSitesCampaigns) {
  // The kiosk's site: its kiosks hold these agents.
  const std::vector<std::int64_t> here{kSite};
  ASSERT_TRUE(Users().AddUser("moussa", "Moussa Keita", admin::Role::kGateAgent,
                              "correct horse battery", "482915",
                              std::vector<std::uint8_t>{4, 1, 2, 3}, here));
  ASSERT_TRUE(Users().AddUser("fatou", "Fatou Sow", admin::Role::kEmapeOfficial,
                              "correct horse battery", "739148", {}, here));
  ASSERT_TRUE(
      Users().AddUser("awa", "Awa Diallo", admin::Role::kBorderPolice, "correct horse battery"));
  ASSERT_TRUE(Campaigns().AddCampaign("bantako-q4", kSite, "Recensement T4", "Census Q4",
                                      std::nullopt, kNow + 3'600'000));
  ASSERT_TRUE(Campaigns().AddCampaign("sabodala-q4", 13, "Recensement", "Census", std::nullopt,
                                      kNow + 3'600'000));

  Hello(key_);
  Expect(v1::ServerFrame::kWelcome);
  Expect(v1::ServerFrame::kTrustList);
  const v1::AgentRoster roster = Expect(v1::ServerFrame::kAgentRoster).agent_roster();
  EXPECT_EQ(roster.version(), 2u);
  ASSERT_EQ(roster.agents_size(), 2);
  EXPECT_EQ(roster.agents(0).user_id(), "fatou");
  EXPECT_EQ(roster.agents(0).role(), v1::AGENT_ROLE_EMAPE_OFFICIAL);
  EXPECT_EQ(roster.agents(1).user_id(), "moussa");
  EXPECT_EQ(roster.agents(1).staff_card_uid(), std::string("\x04\x01\x02\x03", 4));
  EXPECT_EQ(roster.agents(1).pin_hash().rfind("$argon2id$", 0), 0u);
  const v1::CensusCampaigns campaigns =
      Expect(v1::ServerFrame::kCensusCampaigns).census_campaigns();
  EXPECT_EQ(campaigns.version(), 2u);
  ASSERT_EQ(campaigns.campaigns_size(), 1);  // only this site's
  EXPECT_EQ(campaigns.campaigns(0).campaign_id(), "bantako-q4");
  EXPECT_EQ(campaigns.campaigns(0).name().fr(), "Recensement T4");
  EXPECT_EQ(peer_->waiting(), 0u);

  // A kiosk that names a version the server does not have (restored database) gets them too.
  session_->OnClosed();
  peer_ = std::make_shared<RecordingPeer>();
  session_ = std::make_shared<SyncSession>(context_, peer_);
  hello_versions_.set_trust_list_version(1);
  hello_versions_.set_agent_roster_version(7);
  hello_versions_.set_census_campaigns_version(2);
  Hello(key_);
  Expect(v1::ServerFrame::kWelcome);
  EXPECT_EQ(Expect(v1::ServerFrame::kAgentRoster).agent_roster().agents_size(), 2);
  EXPECT_EQ(peer_->waiting(), 0u);
}

TEST_F(SyncListsTest, NothingIsSentWhenTheKioskHoldsTheCurrentVersions) {
  const std::vector<std::int64_t> here{kSite};
  ASSERT_TRUE(Users().AddUser("moussa", "Moussa", admin::Role::kGateAgent, "correct horse battery",
                              "482915", {}, here));
  ASSERT_TRUE(
      Campaigns().AddCampaign("bantako-q4", kSite, "R", "C", std::nullopt, kNow + 3'600'000));
  hello_versions_.set_trust_list_version(1);
  hello_versions_.set_agent_roster_version(1);
  hello_versions_.set_census_campaigns_version(1);
  Hello(key_);
  Expect(v1::ServerFrame::kWelcome);
  // Hello is handled synchronously: anything it sent is already recorded.
  EXPECT_EQ(peer_->waiting(), 0u);
  session_->RefreshDownstream();
  EXPECT_EQ(peer_->waiting(), 0u);
}

TEST_F(SyncListsTest, ChangesArePushedToConnectedKiosks) {
  const std::vector<std::int64_t> here{kSite};
  ASSERT_TRUE(Users().AddUser("moussa", "Moussa", admin::Role::kGateAgent, "correct horse battery",
                              std::nullopt, {}, here));
  SessionDirectory directory(*registry_, std::chrono::milliseconds(20));
  directory.Start();
  hello_versions_.set_trust_list_version(1);
  Hello(key_);
  Expect(v1::ServerFrame::kWelcome);
  EXPECT_EQ(peer_->waiting(), 0u);  // roster version 0: the kiosk's empty roster is current
  directory.Add(session_);

  ASSERT_TRUE(Users().SetPin("moussa", "482915"));
  v1::AgentRoster roster = Expect(v1::ServerFrame::kAgentRoster).agent_roster();
  EXPECT_EQ(roster.version(), 1u);
  ASSERT_EQ(roster.agents_size(), 1);
  EXPECT_EQ(roster.agents(0).user_id(), "moussa");

  ASSERT_TRUE(Users().DisableUser("moussa"));
  roster = Expect(v1::ServerFrame::kAgentRoster).agent_roster();
  EXPECT_EQ(roster.version(), 2u);
  EXPECT_EQ(roster.agents_size(), 0);  // whole: the kiosk drops the agent

  ASSERT_TRUE(
      Campaigns().AddCampaign("bantako-q4", kSite, "R", "C", std::nullopt, kNow + 3'600'000));
  v1::CensusCampaigns campaigns = Expect(v1::ServerFrame::kCensusCampaigns).census_campaigns();
  EXPECT_EQ(campaigns.version(), 1u);
  ASSERT_EQ(campaigns.campaigns_size(), 1);
  // Another site's campaign moves the version; this kiosk gets its own list again, unchanged.
  ASSERT_TRUE(Campaigns().AddCampaign("sabodala-q4", 13, "R", "C", std::nullopt, kNow + 3'600'000));
  campaigns = Expect(v1::ServerFrame::kCensusCampaigns).census_campaigns();
  EXPECT_EQ(campaigns.version(), 2u);
  ASSERT_EQ(campaigns.campaigns_size(), 1);
  EXPECT_EQ(campaigns.campaigns(0).campaign_id(), "bantako-q4");
  directory.Stop();
}

TEST_F(SyncListsTest, CensusEventsMustNameACampaignOfTheDevicesSite) {
  ASSERT_TRUE(
      Campaigns().AddCampaign("bantako-q4", kSite, "R", "C", std::nullopt, kNow + 3'600'000));
  ASSERT_TRUE(Campaigns().AddCampaign("sabodala-q4", 13, "R", "C", std::nullopt, kNow + 3'600'000));
  Hello(key_);
  Expect(v1::ServerFrame::kWelcome);
  Expect(v1::ServerFrame::kTrustList);
  Expect(v1::ServerFrame::kCensusCampaigns);

  for (const char* campaign : {"sabodala-q4", "no-such-campaign"}) {
    EXPECT_TRUE(SendBatch({GatePassed(1), CensusObserved(2, campaign)}));
    const v1::Error error = Expect(v1::ServerFrame::kError).error();
    EXPECT_EQ(error.code(), v1::ERROR_CODE_INVALID_EVENT) << campaign;
    EXPECT_EQ(error.device_seq(), 2u);
    EXPECT_NE(error.message().fr().find("campaign_id"), std::string::npos);
    EXPECT_NE(error.message().en().find("campaign_id"), std::string::npos);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);

  EXPECT_TRUE(SendBatch({GatePassed(1), CensusObserved(2, "bantako-q4")}));
  EXPECT_EQ(Expect(v1::ServerFrame::kAck).ack().acked_seq(), 2u);
  EXPECT_EQ(Count("SELECT count(*) FROM census_observations WHERE campaign_id = 'bantako-q4'"), 1);
}

}  // namespace
}  // namespace minegate::server
