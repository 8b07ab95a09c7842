// The kiosk's sync state machine against the server's, in one process: the real SyncSession
// over a real server database and writer, its clock set apart from the kiosk's through
// SyncContext::now_ms, frames passed as bytes between the two. The kiosk measures the skew
// at each Welcome and warns past its threshold; its events keep their own time.
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

#include "kiosk/sync/sync_machine.hpp"
#include "server/sync/sync_session.hpp"
#include "tests/unit/kiosk_sync/memory_sync_store.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;
using server::kNow;

/// The server's side of the join: what the session sends waits here until the test thread
/// delivers it to the kiosk (the session answers batches from its writer thread).
class ServerPeer final : public server::SyncPeer {
 public:
  void Send(const v1::ServerFrame& frame) override {
    std::lock_guard lock(mutex_);
    to_kiosk_.push_back(frame.SerializeAsString());
    arrived_.notify_all();
  }
  void Close() override {}
  void ResumeReading() override {}

  /// The next frame for the kiosk, waiting until `deadline`.
  std::optional<std::string> Next(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_until(lock, deadline, [this] { return !to_kiosk_.empty(); })) {
      return std::nullopt;
    }
    std::string bytes = std::move(to_kiosk_.front());
    to_kiosk_.pop_front();
    return bytes;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<std::string> to_kiosk_;
};

/// The kiosk's side: each Open starts a new server session; frames go across as bytes.
class Loopback final : public kiosk::sync::SyncLink {
 public:
  explicit Loopback(const server::SyncContext& context) : context_(context) {}

  kiosk::sync::SyncMachine* kiosk = nullptr;

  void Open() override {
    peer_ = std::make_shared<ServerPeer>();
    session_ = std::make_shared<server::SyncSession>(context_, peer_);
    kiosk->OnOpen();
    session_->OnOpen();
  }
  bool Send(const v1::KioskFrame& frame) override {
    if (!session_) return false;
    session_->OnBinary(frame.SerializeAsString());
    return true;
  }
  void Close() override {
    if (session_) session_->OnClosed();
    session_.reset();
  }
  void StartTimer(kiosk::sync::SyncTimer, std::chrono::milliseconds) override {}
  void CancelTimer(kiosk::sync::SyncTimer) override {}
  void Changed(kiosk::sync::SyncChange) override {}

  /// Delivers the server's frames to the kiosk until `done` holds; false after 5 s without.
  template <class Done>
  bool DeliverUntil(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
      if (!peer_) return false;
      auto bytes = peer_->Next(deadline);
      if (!bytes) return false;
      v1::ServerFrame frame;
      if (!frame.ParseFromString(*bytes)) return false;
      kiosk->OnFrame(frame);
    }
    return true;
  }

 private:
  const server::SyncContext& context_;
  std::shared_ptr<ServerPeer> peer_;
  std::shared_ptr<server::SyncSession> session_;
};

class ClockSkewTest : public server::IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    auto update = connection_->Prepare(
        "UPDATE devices SET public_key = ?, key_id = ?, enrolled_at_ms = 1, trust_version = 1 "
        "WHERE device_id = 'k-12-1'");
    ASSERT_TRUE(update);
    ASSERT_TRUE(update.value().BindBlob(1, key_.public_key()));
    ASSERT_TRUE(update.value().BindBlob(2, credential::KeyIdOf(key_.public_key())));
    ASSERT_TRUE(update.value().Run());
    registry_ = server::RegistryReader::Open(database()).value();
    writer_ = server::EventWriter::Open(database()).value();
    context_.registry = registry_.get();
    context_.writer = writer_.get();
    context_.open_sealed = [](std::string_view, std::string_view) { return std::nullopt; };
    context_.sealing_public_key = std::string(32, 'p');
    context_.sealing_key_id = "sealkey1";
    context_.now_ms = [this] { return server_now_ms_.load(); };
  }
  void TearDown() override { writer_->Stop(); }

  /// Connects a kiosk whose clock reads kNow to the server, and waits for the Welcome.
  void Connect() {
    kiosk::sync::SyncOptions options;
    options.device_id = server::kDevice;
    options.software_version = "test";
    link_ = std::make_shared<Loopback>(context_);
    machine_.emplace(
        *link_, store_, key_, options, [] { return kNow; }, 7);
    link_->kiosk = &*machine_;
    ASSERT_TRUE(machine_->Start());
    ASSERT_TRUE(link_->DeliverUntil([this] { return machine_->ready(); }));
  }

  std::int64_t StoredColumn(const char* column) {
    return Count(std::string("SELECT ") + column +
                 " FROM events WHERE device_id = 'k-12-1' AND device_seq = 1");
  }

  credential::SigningKey key_ = credential::SigningKey::Generate().value();
  std::unique_ptr<server::RegistryReader> registry_;
  std::unique_ptr<server::EventWriter> writer_;
  server::SyncContext context_;
  std::atomic<std::int64_t> server_now_ms_{kNow};
  MemorySyncStore store_;
  std::shared_ptr<Loopback> link_;
  std::optional<kiosk::sync::SyncMachine> machine_;
};

TEST_F(ClockSkewTest, AServerTenMinutesAheadRaisesTheWarningAndEventsKeepTheirTime) {
  server_now_ms_ = kNow + 10 * 60 * 1000;
  store_.Add(server::GatePassed(1));  // occurred_at_ms = kNow + 1, the kiosk's time
  Connect();
  EXPECT_TRUE(machine_->status().clock_skew_known);
  EXPECT_EQ(machine_->status().clock_skew_ms, -10 * 60 * 1000);
  EXPECT_TRUE(machine_->status().clock_skew_warning);
  ASSERT_TRUE(link_->DeliverUntil([this] { return store_.acked() == 1; }));
  EXPECT_EQ(StoredColumn("occurred_at_ms"), kNow + 1) << "the device's time, not corrected";
  EXPECT_EQ(StoredColumn("received_at_ms"), kNow + 10 * 60 * 1000) << "the server's own";
}

TEST_F(ClockSkewTest, AServerWithinTheThresholdRaisesNone) {
  server_now_ms_ = kNow - 90 * 1000;  // the kiosk is 90 s ahead: under the 2 minutes
  Connect();
  EXPECT_TRUE(machine_->status().clock_skew_known);
  EXPECT_EQ(machine_->status().clock_skew_ms, 90 * 1000);
  EXPECT_FALSE(machine_->status().clock_skew_warning);
}

}  // namespace
}  // namespace minegate::test
