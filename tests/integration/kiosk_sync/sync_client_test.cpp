// The kiosk's sync client against minegate-server as a real process, over real TLS on
// loopback: enrolment, streaming with acknowledgements, reconcile, reconnection after a
// server crash, resuming from the Welcome, down-stream lists, a wrong certificate pin, a
// revoked device and a refused event. Every wait is bounded.
#include "kiosk/sync/sync_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <mutex>
#include <optional>

#include "base/hex.hpp"
#include "kiosk/server_link/tls_error.hpp"
#include "kiosk/sync/enrolment.hpp"
#include "kiosk/sync/enrolment_file.hpp"
#include "kiosk/sync/reconcile.hpp"
#include "server/tls/fingerprint.hpp"
#include "tests/integration/kiosk_sync/io_thread.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sim_kiosk.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait.hpp"
#include "tests/unit/kiosk_sync/memory_sync_store.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;
using kiosk::sync::SyncChange;
using kiosk::sync::SyncClient;
using kiosk::sync::SyncOptions;
using kiosk::sync::SyncStatus;

/// The same fingerprint with its first digit changed.
std::string Altered(std::string fingerprint) {
  fingerprint[0] = fingerprint[0] == '0' ? '1' : '0';
  return fingerprint;
}

class SyncClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    auto fingerprint =
        server::tls::CertificateSha256Fingerprint(ReadFile(server_->client().ca_file));
    ASSERT_TRUE(fingerprint);
    fingerprint_ = fingerprint.value();
    key_.emplace(credential::SigningKey::Generate().value());
  }

  void TearDown() override {
    // The client lives and dies on the io thread, like every call into it.
    EXPECT_TRUE(io_.Run([this] { client_.reset(); }));
  }

  kiosk::sync::ServerAddress Address(const std::string& fingerprint) const {
    kiosk::sync::ServerAddress address;
    address.host = "127.0.0.1";
    address.port = server_->client().port;
    address.fingerprint = fingerprint;
    address.connect_timeout = 5s;
    address.handshake_timeout = 5s;
    return address;
  }

  /// Enrols this kiosk's key; fills device_ for Events().
  void Enrol() {
    const std::string code = server_->NewEnrolmentCode();
    ASSERT_FALSE(code.empty());
    auto enrolled = kiosk::sync::Enrol(Address(fingerprint_), code, key_->public_key(), 10s);
    ASSERT_TRUE(enrolled) << enrolled.error().message << "\n" << server_->Log();
    enrolment_ = enrolled.value();
  }

  /// Valid GatePassed events of the enrolled identity, device_seq first..first+count-1.
  std::vector<v1::Event> Events(std::uint64_t first, std::uint64_t count) const {
    SimulatedKiosk maker(server_->client());
    maker.SetIdentity(enrolment_.device_id(), enrolment_.site_id(), enrolment_.gate_id());
    std::vector<v1::Event> events;
    for (std::uint64_t seq = first; seq < first + count; ++seq) {
      events.push_back(maker.GatePassed(seq));
    }
    return events;
  }

  void AddEvents(MemorySyncStore& store, std::uint64_t first, std::uint64_t count) const {
    for (const auto& event : Events(first, count)) store.Add(event);
  }

  SyncOptions Options(const std::string& fingerprint) const {
    SyncOptions options;
    options.server = Address(fingerprint);
    options.device_id = enrolment_.device_id();
    options.software_version = "0.1.0-test";
    options.backoff_initial = 100ms;
    options.backoff_max = 1s;
    options.auth_backoff = 60s;
    return options;
  }

  /// Creates and starts the client on the io thread; on_change keeps a snapshot.
  void StartClient(MemorySyncStore& store, SyncOptions options) {
    ASSERT_TRUE(io_.Run([&] {
      client_ = std::make_unique<SyncClient>(io_.io(), store, *key_, std::move(options));
      client_->set_on_change([this](SyncChange change) {
        std::lock_guard lock(mutex_);
        status_ = client_->status();
        changes_.push_back(change);
        if (!status_.last_error.empty()) errors_.push_back(status_.last_error);
      });
      started_ = client_->Start();
    }));
    ASSERT_TRUE(started_) << started_.error().message();
  }

  void Notify() {
    ASSERT_TRUE(io_.Run([&] { client_->Notify(); }));
  }

  SyncStatus Status() {
    std::lock_guard lock(mutex_);
    return status_;
  }
  bool Saw(SyncChange change) {
    std::lock_guard lock(mutex_);
    return std::find(changes_.begin(), changes_.end(), change) != changes_.end();
  }
  bool SawError(const std::string& code) {
    std::lock_guard lock(mutex_);
    return std::find(errors_.begin(), errors_.end(), code) != errors_.end();
  }

  kiosk::sync::Answer<v1::ReconcileReport> Reconcile(const std::string& fingerprint) {
    auto done = std::make_shared<std::promise<kiosk::sync::Answer<v1::ReconcileReport>>>();
    auto future = done->get_future();
    EXPECT_TRUE(io_.Run([&] {
      kiosk::sync::AsyncReconcile(
          io_.io(), Address(fingerprint), *key_, enrolment_.device_id(),
          [done](kiosk::sync::Answer<v1::ReconcileReport> answer) {
            done->set_value(std::move(answer));
          },
          10s);
    }));
    if (future.wait_for(30s) != std::future_status::ready) {
      return kiosk::sync::ErrorFromCode(make_error_code(kiosk::net::LinkErrc::timed_out));
    }
    return future.get();
  }

  /// The server's count for this device, expected to reach `count` (bounded).
  void ExpectReconciled(std::uint64_t count) {
    auto report = Reconcile(fingerprint_);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report.value().device_id(), enrolment_.device_id());
    EXPECT_EQ(report.value().event_count(), count);
    EXPECT_EQ(report.value().highest_seq(), count);
    EXPECT_EQ(report.value().contiguous_seq(), count);
    EXPECT_EQ(report.value().gaps_size(), 0);
  }

  /// A store that outlives the client (which TearDown destroys on the io thread).
  MemorySyncStore& NewStore() {
    stores_.push_back(std::make_unique<MemorySyncStore>());
    return *stores_.back();
  }

  std::unique_ptr<ServerProcess> server_;
  std::vector<std::unique_ptr<MemorySyncStore>> stores_;
  std::string fingerprint_;
  std::optional<credential::SigningKey> key_;
  v1::EnrolmentResponse enrolment_;
  IoThread io_;
  std::unique_ptr<SyncClient> client_;
  kiosk::sync::Result<void> started_ = boost::outcome_v2::success();
  std::mutex mutex_;
  SyncStatus status_;
  std::vector<SyncChange> changes_;
  std::vector<std::string> errors_;
};

TEST_F(SyncClientTest, StreamsAThousandEventsAllAcknowledgedAndReconciled) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  MemorySyncStore& store = NewStore();
  AddEvents(store, 1, 1000);
  ASSERT_NO_FATAL_FAILURE(StartClient(store, Options(fingerprint_)));

  ASSERT_TRUE(WaitUntil([&] { return store.acked() == 1000; }, 60s))
      << "acked " << store.acked() << " error " << Status().last_error << "\n"
      << server_->Log();
  EXPECT_TRUE(WaitUntil([&] { return Status().acked_seq == 1000; }, 5s));
  const SyncStatus status = Status();
  EXPECT_TRUE(status.connected);
  EXPECT_TRUE(status.last_error.empty()) << status.last_error;
  EXPECT_GT(status.last_ack_ms, 0);
  EXPECT_GT(status.last_attempt_ms, 0);
  EXPECT_TRUE(Saw(SyncChange::kAck));
  EXPECT_EQ(store.position().pending_events, 0u);
  EXPECT_FALSE(store.sealing_key().empty());
  ASSERT_NO_FATAL_FAILURE(ExpectReconciled(1000));

  // Events recorded later go out on Notify, on the same connection.
  AddEvents(store, 1001, 5);
  Notify();
  ASSERT_TRUE(WaitUntil([&] { return store.acked() == 1005; }, 20s));
  ASSERT_NO_FATAL_FAILURE(ExpectReconciled(1005));

  // Stop is immediate and final: nothing is attempted afterwards.
  ASSERT_TRUE(io_.Run([&] { client_->Stop(); }));
  EXPECT_FALSE(Status().connected);
  EXPECT_FALSE(Status().running);
}

TEST_F(SyncClientTest, TrustListAfterEnrolmentAndAlertsWhenPublished) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  MemorySyncStore& store = NewStore();
  ASSERT_NO_FATAL_FAILURE(StartClient(store, Options(fingerprint_)));

  ASSERT_TRUE(WaitUntil([&] { return store.versions().trust_list > 0; }, 20s))
      << Status().last_error << "\n"
      << server_->Log();
  EXPECT_TRUE(WaitUntil([&] { return Saw(SyncChange::kTrustList); }, 5s));
  const auto trust = store.trust_list();
  EXPECT_TRUE(trust.full());
  const std::string own_key(key_->public_key().begin(), key_->public_key().end());
  EXPECT_TRUE(std::any_of(trust.keys().begin(), trust.keys().end(), [&](const auto& key) {
    return key.public_key() == own_key && key.device_id() == enrolment_.device_id();
  }));
  EXPECT_EQ(store.versions().alerts, 0u);

  auto published = server_->Ctl({"alert", "publish", "--id", "maintenance-1", "--fr",
                                 "Maintenance du portique", "--en", "Gate maintenance"});
  ASSERT_TRUE(published.status.Succeeded()) << published.out << published.err;
  ASSERT_TRUE(WaitUntil([&] { return store.versions().alerts > 0; }, 20s)) << server_->Log();
  EXPECT_TRUE(WaitUntil([&] { return Saw(SyncChange::kAlerts); }, 5s));
  const auto alerts = store.alerts();
  ASSERT_EQ(alerts.alerts_size(), 1);
  EXPECT_EQ(alerts.alerts(0).alert_id(), "maintenance-1");
  EXPECT_EQ(alerts.alerts(0).text().fr(), "Maintenance du portique");
  EXPECT_EQ(alerts.alerts(0).text().en(), "Gate maintenance");
}

TEST_F(SyncClientTest, ServerKilledMidStreamEverythingArrivesExactlyOnce) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  MemorySyncStore& store = NewStore();
  AddEvents(store, 1, 1000);
  SyncOptions options = Options(fingerprint_);
  options.max_events_per_batch = 5;  // 200 batches: the kill lands in the middle
  ASSERT_NO_FATAL_FAILURE(StartClient(store, options));

  ASSERT_TRUE(WaitUntil([&] { return store.acked() >= 100; }, 60s, 1ms)) << server_->Log();
  server_->Kill();
  const std::uint64_t acked_at_kill = store.acked();
  ASSERT_LT(acked_at_kill, 1000u) << "the stream ended before the kill";

  ASSERT_TRUE(WaitUntil([&] { return !Status().connected; }, 20s));
  // Recorded while the server is down.
  AddEvents(store, 1001, 200);
  Notify();
  // Reconnection attempts fail while it is down.
  EXPECT_TRUE(WaitUntil([&] { return SawError("connect_failed"); }, 20s));

  std::string error;
  ASSERT_TRUE(server_->Start(error)) << error;
  ASSERT_TRUE(WaitUntil([&] { return store.acked() == 1200; }, 90s))
      << "acked " << store.acked() << " error " << Status().last_error << "\n"
      << server_->Log();
  EXPECT_TRUE(WaitUntil([&] { return Status().connected && Status().last_error.empty(); }, 5s));
  ASSERT_NO_FATAL_FAILURE(ExpectReconciled(1200));
}

TEST_F(SyncClientTest, ResumesFromWelcomeWhenTheServerIsAhead) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  const auto events = Events(1, 500);
  {
    MemorySyncStore& first = NewStore();
    for (std::size_t i = 0; i < 300; ++i) first.Add(events[i]);
    ASSERT_NO_FATAL_FAILURE(StartClient(first, Options(fingerprint_)));
    ASSERT_TRUE(WaitUntil([&] { return first.acked() == 300; }, 30s)) << server_->Log();
    ASSERT_TRUE(io_.Run([&] { client_.reset(); }));
  }
  // A store that never saw an Ack (e.g. restored from before them) holds the same events.
  MemorySyncStore& second = NewStore();
  for (const auto& event : events) second.Add(event);
  ASSERT_EQ(second.acked(), 0u);
  ASSERT_NO_FATAL_FAILURE(StartClient(second, Options(fingerprint_)));
  ASSERT_TRUE(WaitUntil([&] { return second.acked() == 500; }, 30s)) << server_->Log();
  const auto requests = second.after_requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.front(), 300u) << "the first batch must start after Welcome.acked_seq";
  ASSERT_NO_FATAL_FAILURE(ExpectReconciled(500));
}

TEST_F(SyncClientTest, WrongFingerprintIsRefusedBeforeAnythingIsSent) {
  // Enrolment: the code survives a refused connection, so nothing reached the server.
  const std::string code = server_->NewEnrolmentCode();
  ASSERT_FALSE(code.empty());
  auto refused = kiosk::sync::Enrol(Address(Altered(fingerprint_)), code, key_->public_key(), 10s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, kiosk::net::LinkErrc::tls_fingerprint_mismatch);
  EXPECT_EQ(refused.error().http_status, 0);
  auto enrolled = kiosk::sync::Enrol(Address(fingerprint_), code, key_->public_key(), 10s);
  ASSERT_TRUE(enrolled) << enrolled.error().message;
  enrolment_ = enrolled.value();

  MemorySyncStore& store = NewStore();
  AddEvents(store, 1, 5);
  ASSERT_NO_FATAL_FAILURE(StartClient(store, Options(Altered(fingerprint_))));
  ASSERT_TRUE(WaitUntil([&] { return Status().last_error == "tls_fingerprint_mismatch"; }, 20s))
      << Status().last_error;
  EXPECT_FALSE(Status().connected);
  EXPECT_GT(Status().next_attempt_ms, 0);
  EXPECT_EQ(store.versions().trust_list, 0u);
  EXPECT_EQ(store.acked(), 0u);

  auto mismatch = Reconcile(Altered(fingerprint_));
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, kiosk::net::LinkErrc::tls_fingerprint_mismatch);
  auto report = Reconcile(fingerprint_);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report.value().event_count(), 0u);
}

TEST_F(SyncClientTest, StartWithoutPinIsRefused) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  MemorySyncStore& store = NewStore();
  kiosk::sync::Result<void> started = boost::outcome_v2::success();
  ASSERT_TRUE(io_.Run([&] {
    client_ = std::make_unique<SyncClient>(io_.io(), store, *key_, Options(""));
    started = client_->Start();
  }));
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error(), kiosk::net::LinkErrc::bad_fingerprint);
}

TEST_F(SyncClientTest, RevokedDeviceShowsDeviceRevoked) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  MemorySyncStore& store = NewStore();
  AddEvents(store, 1, 10);
  ASSERT_NO_FATAL_FAILURE(StartClient(store, Options(fingerprint_)));
  ASSERT_TRUE(WaitUntil([&] { return store.acked() == 10 && Status().connected; }, 20s))
      << server_->Log();

  auto revoked = server_->Ctl({"device", "revoke", "--id", enrolment_.device_id()});
  ASSERT_TRUE(revoked.status.Succeeded()) << revoked.out << revoked.err;
  ASSERT_TRUE(WaitUntil([&] { return Status().last_error == "DEVICE_REVOKED"; }, 30s))
      << Status().last_error << "\n"
      << server_->Log();
  const SyncStatus status = Status();
  EXPECT_FALSE(status.connected);
  EXPECT_NE(status.last_error_message.find(" / "), std::string::npos);
  // A long wait before trying again: an administrator has to act.
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  EXPECT_GE(status.next_attempt_ms - now, 25'000);
  EXPECT_EQ(store.acked(), 10u);
}

TEST_F(SyncClientTest, InvalidEventIsKeptAndShown) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  MemorySyncStore& store = NewStore();
  auto events = Events(1, 20);
  events[10].set_site_id(events[10].site_id() + 100);  // device_seq 11 names another site
  for (const auto& event : events) store.Add(event);
  SyncOptions options = Options(fingerprint_);
  options.max_events_per_batch = 5;
  ASSERT_NO_FATAL_FAILURE(StartClient(store, options));

  ASSERT_TRUE(WaitUntil([&] { return Status().last_error == "INVALID_EVENT"; }, 20s))
      << Status().last_error << "\n"
      << server_->Log();
  EXPECT_EQ(Status().last_error_seq, 11u);
  EXPECT_NE(Status().last_error_message.find(" / "), std::string::npos);
  ASSERT_TRUE(WaitUntil([&] { return store.acked() == 10; }, 10s));

  // Retried after backoff, refused again, and nothing is ever dropped or acknowledged past it.
  const std::int64_t first_attempt = Status().last_attempt_ms;
  ASSERT_TRUE(WaitUntil([&] { return Status().last_attempt_ms > first_attempt; }, 20s));
  ASSERT_TRUE(WaitUntil([&] { return Status().last_error == "INVALID_EVENT"; }, 20s));
  EXPECT_EQ(store.acked(), 10u);
  EXPECT_EQ(store.size(), 20u);
  EXPECT_EQ(store.position().pending_events, 10u);
  auto report = Reconcile(fingerprint_);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report.value().contiguous_seq(), 10u);
}

TEST_F(SyncClientTest, IdleSessionSendsHeartbeatsAndStaysUp) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  MemorySyncStore& store = NewStore();
  SyncOptions options = Options(fingerprint_);
  options.heartbeat = 50ms;
  ASSERT_NO_FATAL_FAILURE(StartClient(store, options));
  ASSERT_TRUE(WaitUntil([&] { return Status().connected; }, 20s)) << Status().last_error;
  const std::int64_t connected_at = Status().last_connected_ms;

  // About twenty heartbeats: the server takes them (a malformed or early one would end the
  // session with an error), and the session stays the same one.
  std::this_thread::sleep_for(1s);
  const SyncStatus status = Status();
  EXPECT_TRUE(status.connected);
  EXPECT_EQ(status.last_connected_ms, connected_at);
  EXPECT_TRUE(status.last_error.empty()) << status.last_error;
  {
    std::lock_guard lock(mutex_);
    EXPECT_TRUE(errors_.empty());
  }
  std::int64_t last_heartbeat_ms = 0;
  ASSERT_TRUE(io_.Run([&] { last_heartbeat_ms = client_->status().last_heartbeat_ms; }));
  EXPECT_GT(last_heartbeat_ms, connected_at);
  AddEvents(store, 1, 3);
  Notify();
  ASSERT_TRUE(WaitUntil([&] { return store.acked() == 3; }, 20s));
  ASSERT_NO_FATAL_FAILURE(ExpectReconciled(3));
}

TEST_F(SyncClientTest, StopEndsRetries) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  server_->Kill();
  MemorySyncStore& store = NewStore();
  ASSERT_NO_FATAL_FAILURE(StartClient(store, Options(fingerprint_)));
  ASSERT_TRUE(WaitUntil([&] { return SawError("connect_failed"); }, 20s)) << Status().last_error;
  ASSERT_TRUE(io_.Run([&] { client_->Stop(); }));
  const SyncStatus stopped = Status();
  EXPECT_FALSE(stopped.running);
  EXPECT_FALSE(stopped.connected);
  EXPECT_EQ(stopped.next_attempt_ms, 0);
  // Past the longest backoff (1 s here): no attempt was made after Stop.
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(Status().last_attempt_ms, stopped.last_attempt_ms);
  std::int64_t attempt_seen_by_client = 0;
  ASSERT_TRUE(io_.Run([&] { attempt_seen_by_client = client_->status().last_attempt_ms; }));
  EXPECT_EQ(attempt_seen_by_client, stopped.last_attempt_ms);
}

TEST_F(SyncClientTest, EnrolsWithTheFileMinegatectlWrites) {
  TempDir dir("kenrol");
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("enrolment.txt");
  auto created = server_->Ctl({"device", "enroll", "--site", "1", "--out", path});
  ASSERT_TRUE(created.status.Succeeded()) << created.out << created.err;
  auto file = kiosk::sync::ReadEnrolmentFile(path);
  ASSERT_TRUE(file) << file.error().detail << '\n' << ReadFile(path);
  // The fingerprint minegatectl writes is the one the TLS pin needs.
  ASSERT_FALSE(file.value().server_certificate_sha256().empty());
  auto enrolled = kiosk::sync::Enrol(Address(file.value().server_certificate_sha256()),
                                     file.value().enrolment_code(), key_->public_key(), 10s);
  ASSERT_TRUE(enrolled) << enrolled.error().message;
  EXPECT_EQ(enrolled.value().device_id(), file.value().device_id());
  EXPECT_EQ(enrolled.value().site_id(), file.value().site_id());
  EXPECT_EQ(enrolled.value().gate_id(), file.value().gate_id());
  EXPECT_FALSE(enrolled.value().sealing_public_key().empty());
  // The sealing key the file names is the one the server gives at enrolment.
  EXPECT_EQ(file.value().server_sealing_public_key(),
            base::ToHex(enrolled.value().sealing_public_key()));
  EXPECT_EQ(file.value().server_sealing_key_id(), base::ToHex(enrolled.value().sealing_key_id()));
}

TEST_F(SyncClientTest, SilentServerTimesOutAndIsRetried) {
  ASSERT_NO_FATAL_FAILURE(Enrol());
  // A listener that accepts and never says a word: the TLS handshake must not wait forever.
  using boost::asio::ip::tcp;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::shared_ptr<tcp::socket>> accepted;
  std::function<void()> accept_next;
  ASSERT_TRUE(io_.Run([&] {
    acceptor.emplace(io_.io(), tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    accept_next = [&] {
      auto socket = std::make_shared<tcp::socket>(io_.io());
      acceptor->async_accept(*socket, [&, socket](boost::system::error_code ec) {
        if (ec) return;
        accepted.push_back(socket);
        accept_next();
      });
    };
    accept_next();
  }));
  std::uint16_t port = 0;
  ASSERT_TRUE(io_.Run([&] { port = acceptor->local_endpoint().port(); }));

  MemorySyncStore& store = NewStore();
  SyncOptions options = Options(fingerprint_);
  options.server.port = port;
  options.server.handshake_timeout = 300ms;
  ASSERT_NO_FATAL_FAILURE(StartClient(store, options));
  ASSERT_TRUE(WaitUntil([&] { return Status().last_error == "timed_out"; }, 10s))
      << Status().last_error;
  // Retried after the backoff: a second connection reaches the listener.
  std::size_t connections = 0;
  ASSERT_TRUE(WaitUntil(
      [&] {
        io_.Run([&] { connections = accepted.size(); });
        return connections >= 2;
      },
      10s));
  EXPECT_FALSE(Status().connected);
  ASSERT_TRUE(io_.Run([&] {
    client_.reset();
    acceptor->close();
    accepted.clear();
  }));
}

TEST_F(SyncClientTest, EnrolmentRefusalCarriesStatusAndServerMessage) {
  const std::string code = server_->NewEnrolmentCode();
  ASSERT_FALSE(code.empty());
  ASSERT_TRUE(kiosk::sync::Enrol(Address(fingerprint_), code, key_->public_key(), 10s));
  // The code is spent.
  auto other = credential::SigningKey::Generate().value();
  auto again = kiosk::sync::Enrol(Address(fingerprint_), code, other.public_key(), 10s);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().http_status, 403);
  EXPECT_EQ(again.error().code, kiosk::sync::Errc::forbidden);
  EXPECT_NE(again.error().message.find(" / "), std::string::npos) << again.error().message;

  auto nonsense = kiosk::sync::Enrol(Address(fingerprint_), "", other.public_key(), 10s);
  ASSERT_FALSE(nonsense);
  EXPECT_GE(nonsense.error().http_status, 400);
}

}  // namespace
}  // namespace minegate::test
