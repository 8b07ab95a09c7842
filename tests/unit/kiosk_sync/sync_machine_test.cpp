// The kiosk's sync protocol without sockets: the state machine driven by hand, a link that
// records what it was asked, the in-memory store and a clock the test moves.
#include "kiosk/sync/sync_machine.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "kiosk/server_link/tls_error.hpp"
#include "kiosk/sync/clock_skew.hpp"
#include "proto/auth/device_auth.hpp"
#include "tests/unit/kiosk_sync/memory_sync_store.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;
using kiosk::sync::SyncChange;
using kiosk::sync::SyncMachine;
using kiosk::sync::SyncOptions;
using kiosk::sync::SyncTimer;

constexpr std::int64_t kStartMs = 1'790'000'000'000;

/// Records every request of the machine; Send fails on demand, reporting the loss from inside
/// the call as the real socket does.
class RecordingLink final : public kiosk::sync::SyncLink {
 public:
  void Open() override { ++opens; }
  bool Send(const v1::KioskFrame& frame) override {
    if (fail_sends) {
      if (machine != nullptr)
        machine->OnClosed(make_error_code(kiosk::net::LinkErrc::connection_lost));
      return false;
    }
    sent.push_back(frame);
    return true;
  }
  void Close() override { ++closes; }
  void StartTimer(SyncTimer timer, std::chrono::milliseconds delay) override {
    timers[timer] = delay;
  }
  void CancelTimer(SyncTimer timer) override { timers.erase(timer); }
  void Changed(SyncChange change) override { changes.push_back(change); }

  /// Frames sent of one kind, in order.
  std::vector<v1::KioskFrame> Sent(v1::KioskFrame::FrameCase kind) const {
    std::vector<v1::KioskFrame> out;
    for (const auto& frame : sent) {
      if (frame.frame_case() == kind) out.push_back(frame);
    }
    return out;
  }
  std::optional<std::chrono::milliseconds> Timer(SyncTimer timer) const {
    auto found = timers.find(timer);
    if (found == timers.end()) return std::nullopt;
    return found->second;
  }

  SyncMachine* machine = nullptr;
  bool fail_sends = false;
  int opens = 0;
  int closes = 0;
  std::vector<v1::KioskFrame> sent;
  std::map<SyncTimer, std::chrono::milliseconds> timers;
  std::vector<SyncChange> changes;
};

v1::Event EventAt(std::uint64_t seq) {
  v1::Event event;
  event.set_device_seq(seq);
  event.set_device_id("kiosk-test");
  event.set_event_id(std::string(16, static_cast<char>(seq)));
  return event;
}

v1::ServerFrame Challenge(const std::string& nonce) {
  v1::ServerFrame frame;
  frame.mutable_challenge()->set_nonce(nonce);
  frame.mutable_challenge()->set_server_time_ms(kStartMs);
  return frame;
}

v1::ServerFrame Welcome(std::uint64_t acked, std::uint64_t contiguous, std::int64_t server_ms) {
  v1::ServerFrame frame;
  frame.mutable_welcome()->set_acked_seq(acked);
  frame.mutable_welcome()->set_contiguous_seq(contiguous);
  frame.mutable_welcome()->set_server_time_ms(server_ms);
  frame.mutable_welcome()->set_sealing_public_key(std::string(32, 'k'));
  frame.mutable_welcome()->set_sealing_key_id("key-1");
  return frame;
}

v1::ServerFrame AckFrame(std::uint64_t seq) {
  v1::ServerFrame frame;
  frame.mutable_ack()->set_acked_seq(seq);
  return frame;
}

v1::ServerFrame ErrorFrame(v1::ErrorCode code, std::uint64_t seq) {
  v1::ServerFrame frame;
  frame.mutable_error()->set_code(code);
  frame.mutable_error()->mutable_message()->set_fr("refusé");
  frame.mutable_error()->mutable_message()->set_en("refused");
  frame.mutable_error()->set_device_seq(seq);
  return frame;
}

/// The first and last device_seq of a batch frame.
std::pair<std::uint64_t, std::uint64_t> Range(const v1::KioskFrame& frame) {
  const auto& events = frame.batch().events();
  return {events.Get(0).device_seq(), events.Get(events.size() - 1).device_seq()};
}

class SyncMachineTest : public ::testing::Test {
 protected:
  SyncMachineTest() : key_(credential::SigningKey::Generate().value()) {
    options_.device_id = "kiosk-test";
    options_.software_version = "test";
    options_.max_events_per_batch = 2;
    options_.batches_in_flight = 3;
    options_.backoff_initial = 1000ms;
    options_.backoff_max = 8000ms;
    options_.auth_backoff = 600000ms;
  }

  void Make() {
    machine_.emplace(
        link_, store_, key_, options_, [this] { return now_ms_; }, 42);
    link_.machine = &*machine_;
  }

  void AddEvents(std::uint64_t first, std::uint64_t last) {
    for (std::uint64_t seq = first; seq <= last; ++seq) store_.Add(EventAt(seq));
  }

  /// Start, open, challenge, welcome: the session is ready.
  void Connect(std::uint64_t acked, std::uint64_t contiguous) {
    if (!machine_->status().running) {
      ASSERT_TRUE(machine_->Start());
    }
    machine_->OnOpen();
    machine_->OnFrame(Challenge(std::string(32, 'n')));
    machine_->OnFrame(Welcome(acked, contiguous, now_ms_));
    ASSERT_TRUE(machine_->ready());
  }

  SyncOptions options_;
  credential::SigningKey key_;
  MemorySyncStore store_;
  RecordingLink link_;
  std::int64_t now_ms_ = kStartMs;
  std::optional<SyncMachine> machine_;
};

TEST_F(SyncMachineTest, RefusesOptionsWithoutDeviceId) {
  options_.device_id.clear();
  Make();
  auto started = machine_->Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error(), make_error_code(kiosk::sync::Errc::bad_options));
  EXPECT_EQ(link_.opens, 0);
}

TEST_F(SyncMachineTest, AnswersTheChallengeWithASignedHelloNamingWhatItHolds) {
  Make();
  ASSERT_TRUE(store_.RecordAck(5, kStartMs));
  v1::TrustListUpdate trust;
  trust.set_version(7);
  ASSERT_TRUE(store_.ApplyTrustList(trust));
  ASSERT_TRUE(machine_->Start());
  EXPECT_EQ(link_.opens, 1);
  EXPECT_TRUE(link_.Timer(SyncTimer::kHandshake));
  machine_->OnOpen();
  const std::string nonce(32, 'x');
  machine_->OnFrame(Challenge(nonce));
  const auto hellos = link_.Sent(v1::KioskFrame::kHello);
  ASSERT_EQ(hellos.size(), 1U);
  const v1::Hello& hello = hellos[0].hello();
  EXPECT_EQ(hello.device_id(), "kiosk-test");
  EXPECT_EQ(hello.last_acked_seq(), 5U);
  EXPECT_EQ(hello.trust_list_version(), 7U);
  EXPECT_TRUE(auth::VerifySignature(key_.public_key(), auth::HelloSignedBytes(nonce, "kiosk-test"),
                                    hello.signature()));
  EXPECT_FALSE(auth::VerifySignature(key_.public_key(),
                                     auth::HelloSignedBytes(std::string(32, 'y'), "kiosk-test"),
                                     hello.signature()));
}

TEST_F(SyncMachineTest, ResumesAfterTheWelcomesAcknowledgedPosition) {
  Make();
  AddEvents(1, 6);
  Connect(3, 3);
  EXPECT_EQ(store_.acked(), 3U);
  EXPECT_EQ(store_.sealing_key(), std::string(32, 'k'));
  EXPECT_FALSE(link_.Timer(SyncTimer::kHandshake)) << "the handshake deadline ends at Welcome";
  const auto batches = link_.Sent(v1::KioskFrame::kBatch);
  ASSERT_EQ(batches.size(), 2U);
  EXPECT_EQ(Range(batches[0]), std::make_pair(std::uint64_t{4}, std::uint64_t{5}));
  EXPECT_EQ(Range(batches[1]), std::make_pair(std::uint64_t{6}, std::uint64_t{6}));
  EXPECT_TRUE(machine_->status().connected);
  EXPECT_EQ(machine_->status().acked_seq, 3U);
}

TEST_F(SyncMachineTest, ResendsFromAGapTheServerRecorded) {
  Make();
  AddEvents(1, 10);
  ASSERT_TRUE(store_.RecordAck(6, kStartMs));
  // The server holds 1..4 and 7..9 with a gap at 5..6 that this kiosk saw acknowledged
  // (a server restored from a backup): resend after what this kiosk knows was acknowledged,
  // so that a gap it cannot fill costs nothing at each reconnection.
  Connect(9, 4);
  const auto batches = link_.Sent(v1::KioskFrame::kBatch);
  ASSERT_FALSE(batches.empty());
  EXPECT_EQ(batches[0].batch().events(0).device_seq(), 7U);
}

TEST_F(SyncMachineTest, KeepsAtMostTheWindowOfBatchesUnacknowledged) {
  Make();
  AddEvents(1, 10);
  Connect(0, 0);
  auto batches = link_.Sent(v1::KioskFrame::kBatch);
  ASSERT_EQ(batches.size(), 3U) << "batches_in_flight = 3";
  EXPECT_EQ(Range(batches[2]), std::make_pair(std::uint64_t{5}, std::uint64_t{6}));
  machine_->OnFrame(AckFrame(2));
  EXPECT_EQ(store_.acked(), 2U);
  batches = link_.Sent(v1::KioskFrame::kBatch);
  ASSERT_EQ(batches.size(), 4U) << "one Ack frees one place";
  EXPECT_EQ(Range(batches[3]), std::make_pair(std::uint64_t{7}, std::uint64_t{8}));
  machine_->OnFrame(AckFrame(4));
  machine_->OnFrame(AckFrame(6));
  machine_->OnFrame(AckFrame(8));
  machine_->OnFrame(AckFrame(10));
  EXPECT_EQ(link_.Sent(v1::KioskFrame::kBatch).size(), 5U);
  EXPECT_EQ(store_.acked(), 10U);
  EXPECT_EQ(machine_->status().acked_seq, 10U);
  // New events go out when the kiosk says so.
  AddEvents(11, 11);
  machine_->Pump();
  batches = link_.Sent(v1::KioskFrame::kBatch);
  ASSERT_EQ(batches.size(), 6U);
  EXPECT_EQ(Range(batches[5]), std::make_pair(std::uint64_t{11}, std::uint64_t{11}));
}

TEST_F(SyncMachineTest, AnAckWithNothingInFlightEndsTheSession) {
  Make();
  Connect(0, 0);
  machine_->OnFrame(AckFrame(3));
  EXPECT_FALSE(machine_->ready());
  EXPECT_EQ(machine_->status().last_error, "unexpected_frame");
  EXPECT_EQ(store_.acked(), 0U);
  EXPECT_TRUE(link_.Timer(SyncTimer::kRetry));
}

TEST_F(SyncMachineTest, ARefusedBatchKeepsItsEventsAndItsErrorUntilProgress) {
  Make();
  AddEvents(1, 4);
  Connect(0, 0);
  machine_->OnFrame(ErrorFrame(v1::ERROR_CODE_INVALID_EVENT, 3));
  EXPECT_FALSE(machine_->ready());
  EXPECT_EQ(link_.closes, 1);
  EXPECT_EQ(machine_->status().last_error, "INVALID_EVENT");
  EXPECT_EQ(machine_->status().last_error_message, "refusé / refused");
  EXPECT_EQ(machine_->status().last_error_seq, 3U);
  EXPECT_EQ(store_.size(), 4U) << "a refusal never drops events";
  // The next session resumes from the Welcome and the error stays visible...
  ASSERT_TRUE(link_.Timer(SyncTimer::kRetry));
  machine_->OnTimer(SyncTimer::kRetry);
  EXPECT_EQ(link_.opens, 2);
  Connect(2, 2);
  EXPECT_EQ(machine_->status().last_error, "INVALID_EVENT");
  // ...until an Ack shows progress.
  machine_->OnFrame(AckFrame(4));
  EXPECT_EQ(machine_->status().last_error, "");
  EXPECT_EQ(store_.acked(), 4U);
}

TEST_F(SyncMachineTest, ARefusedDeviceWaitsTheLongDelay) {
  Make();
  ASSERT_TRUE(machine_->Start());
  machine_->OnOpen();
  machine_->OnFrame(Challenge(std::string(32, 'n')));
  machine_->OnFrame(ErrorFrame(v1::ERROR_CODE_DEVICE_REVOKED, 0));
  EXPECT_EQ(machine_->status().last_error, "DEVICE_REVOKED");
  const auto delay = link_.Timer(SyncTimer::kRetry);
  ASSERT_TRUE(delay);
  EXPECT_GE(*delay, 300000ms);
  EXPECT_LE(*delay, 600000ms);
  EXPECT_EQ(machine_->status().next_attempt_ms, kStartMs + delay->count());
}

TEST_F(SyncMachineTest, AppliesListUpdatesOnlyOnceAuthenticated) {
  Make();
  ASSERT_TRUE(machine_->Start());
  machine_->OnOpen();
  v1::ServerFrame trust;
  trust.mutable_trust_list()->set_version(3);
  // Before the Welcome a list is out of order: the session ends, nothing applied.
  machine_->OnFrame(trust);
  EXPECT_EQ(machine_->status().last_error, "unexpected_frame");
  EXPECT_EQ(store_.versions().trust_list, 0U);

  machine_->OnTimer(SyncTimer::kRetry);
  Connect(0, 0);
  link_.changes.clear();
  machine_->OnFrame(trust);
  v1::ServerFrame alerts;
  alerts.mutable_alerts()->set_version(9);
  machine_->OnFrame(alerts);
  v1::ServerFrame roster;
  roster.mutable_agent_roster()->set_version(4);
  machine_->OnFrame(roster);
  EXPECT_EQ(store_.versions().trust_list, 3U);
  EXPECT_EQ(store_.versions().alerts, 9U);
  EXPECT_EQ(store_.versions().agent_roster, 4U);
  EXPECT_EQ(link_.changes, (std::vector<SyncChange>{SyncChange::kTrustList, SyncChange::kAlerts,
                                                    SyncChange::kAgentRoster}));
  EXPECT_TRUE(machine_->ready());
}

TEST_F(SyncMachineTest, ReconnectsWithAGrowingJitteredDelayResetByAWelcome) {
  Make();
  ASSERT_TRUE(machine_->Start());
  std::vector<std::chrono::milliseconds> ceilings{1000ms, 2000ms, 4000ms, 8000ms, 8000ms};
  for (const auto ceiling : ceilings) {
    machine_->OnClosed(make_error_code(kiosk::net::LinkErrc::connect_failed));
    EXPECT_EQ(machine_->status().last_error, "connect_failed");
    const auto delay = link_.Timer(SyncTimer::kRetry);
    ASSERT_TRUE(delay);
    EXPECT_LE(*delay, ceiling);
    EXPECT_GE(*delay, 0ms);
    const int opens = link_.opens;
    machine_->OnTimer(SyncTimer::kRetry);
    EXPECT_EQ(link_.opens, opens + 1);
  }
  Connect(0, 0);
  EXPECT_EQ(machine_->status().last_error, "") << "a link failure is over once connected";
  machine_->OnClosed(make_error_code(kiosk::net::LinkErrc::connection_lost));
  const auto delay = link_.Timer(SyncTimer::kRetry);
  ASSERT_TRUE(delay);
  EXPECT_LE(*delay, 1000ms) << "the Welcome reset the backoff";
}

TEST_F(SyncMachineTest, StopCancelsTheNextAttempt) {
  Make();
  ASSERT_TRUE(machine_->Start());
  machine_->OnClosed(make_error_code(kiosk::net::LinkErrc::connect_failed));
  ASSERT_TRUE(link_.Timer(SyncTimer::kRetry));
  machine_->Stop();
  EXPECT_FALSE(link_.Timer(SyncTimer::kRetry));
  EXPECT_EQ(machine_->status().next_attempt_ms, 0);
  machine_->OnTimer(SyncTimer::kRetry);  // a late timer changes nothing
  EXPECT_EQ(link_.opens, 1);
}

TEST_F(SyncMachineTest, AHandshakeThatDoesNotEndInTimeIsDropped) {
  Make();
  ASSERT_TRUE(machine_->Start());
  machine_->OnOpen();
  machine_->OnTimer(SyncTimer::kHandshake);
  EXPECT_EQ(machine_->status().last_error, "timed_out");
  EXPECT_TRUE(link_.Timer(SyncTimer::kRetry));
}

TEST_F(SyncMachineTest, ALinkLostWhileSendingStopsTheBatchLoop) {
  Make();
  AddEvents(1, 10);
  ASSERT_TRUE(machine_->Start());
  machine_->OnOpen();
  machine_->OnFrame(Challenge(std::string(32, 'n')));
  link_.fail_sends = true;
  machine_->OnFrame(Welcome(0, 0, now_ms_));
  EXPECT_FALSE(machine_->ready());
  EXPECT_EQ(machine_->status().last_error, "connection_lost");
  EXPECT_EQ(store_.after_requests().size(), 1U) << "no batch built after the loss";
}

TEST_F(SyncMachineTest, SendsAHeartbeatOnlyWhenIdle) {
  Make();
  AddEvents(1, 1);
  Connect(0, 0);
  ASSERT_EQ(link_.Timer(SyncTimer::kHeartbeat), options_.heartbeat);
  now_ms_ += 10000;
  machine_->OnTimer(SyncTimer::kHeartbeat);  // a batch went out 10 s ago
  EXPECT_TRUE(link_.Sent(v1::KioskFrame::kHeartbeat).empty());
  now_ms_ += options_.heartbeat.count();
  machine_->OnTimer(SyncTimer::kHeartbeat);
  const auto beats = link_.Sent(v1::KioskFrame::kHeartbeat);
  ASSERT_EQ(beats.size(), 1U);
  EXPECT_EQ(beats[0].heartbeat().sent_at_ms(), now_ms_);
  EXPECT_EQ(beats[0].heartbeat().pending_events(), 1U);
  EXPECT_EQ(beats[0].heartbeat().highest_recorded_seq(), 1U);
}

TEST_F(SyncMachineTest, AClockSetBackDoesNotSilenceHeartbeats) {
  Make();
  AddEvents(1, 1);
  Connect(0, 0);       // a batch sent at kStartMs
  now_ms_ -= 3600000;  // the clock was an hour ahead and has been set right
  machine_->OnTimer(SyncTimer::kHeartbeat);
  EXPECT_EQ(link_.Sent(v1::KioskFrame::kHeartbeat).size(), 1U);
}

TEST_F(SyncMachineTest, MeasuresTheClockAgainstTheServersAtEachWelcome) {
  Make();
  ASSERT_TRUE(machine_->Start());
  machine_->OnOpen();
  machine_->OnFrame(Challenge(std::string(32, 'n')));
  // The server is 5 minutes ahead of this kiosk.
  machine_->OnFrame(Welcome(0, 0, now_ms_ + 300000));
  EXPECT_TRUE(machine_->status().clock_skew_known);
  EXPECT_EQ(machine_->status().clock_skew_ms, -300000);
  EXPECT_TRUE(machine_->status().clock_skew_warning);
  // Reconnected after the clock was set right: the warning goes.
  machine_->OnClosed(make_error_code(kiosk::net::LinkErrc::connection_lost));
  machine_->OnTimer(SyncTimer::kRetry);
  machine_->OnOpen();
  machine_->OnFrame(Challenge(std::string(32, 'n')));
  machine_->OnFrame(Welcome(0, 0, now_ms_ - 1500));
  EXPECT_EQ(machine_->status().clock_skew_ms, 1500);
  EXPECT_FALSE(machine_->status().clock_skew_warning);
}

TEST(ClockSkewTest, WarnsBeyondTheThresholdEitherWay) {
  using kiosk::sync::ClockSkewTooLarge;
  EXPECT_FALSE(ClockSkewTooLarge(0, 120s));
  EXPECT_FALSE(ClockSkewTooLarge(120000, 120s));
  EXPECT_FALSE(ClockSkewTooLarge(-120000, 120s));
  EXPECT_TRUE(ClockSkewTooLarge(120001, 120s));
  EXPECT_TRUE(ClockSkewTooLarge(-120001, 120s));
  EXPECT_TRUE(ClockSkewTooLarge(std::numeric_limits<std::int64_t>::min(), 120s));
}

TEST(ClockSkewTest, MeasuresKioskMinusServerAndNothingWithoutAServerTime) {
  using kiosk::sync::MeasureClockSkew;
  EXPECT_EQ(MeasureClockSkew(1000, 4000), 3000);
  EXPECT_EQ(MeasureClockSkew(4000, 1000), -3000);
  EXPECT_EQ(MeasureClockSkew(0, 4000), std::nullopt);
}

}  // namespace
}  // namespace minegate::test
