#include "tools/loadgen/kiosk_runner.hpp"

#include <algorithm>
#include <thread>

#include "base/backoff.hpp"
#include "proto/rules/event_rules.hpp"

namespace minegate::loadgen {
namespace {

/// How long a kiosk thread waits for a frame before looking at the clock again.
constexpr std::chrono::milliseconds kPoll{50};

bool Retryable(v1::ErrorCode code) {
  // Nothing of the batch was stored: resend after a backoff (docs/protocol.md §4).
  return code == v1::ERROR_CODE_SERVER_BUSY || code == v1::ERROR_CODE_INTERNAL ||
         code == v1::ERROR_CODE_TIMEOUT;
}

}  // namespace

KioskRunner::KioskRunner(KioskPlan plan, std::unique_ptr<test::SimulatedKiosk> kiosk,
                         const SimClock& clock, LoadStats& stats, RunnerSettings settings)
    : plan_(std::move(plan)),
      kiosk_(std::move(kiosk)),
      clock_(clock),
      stats_(stats),
      settings_(settings) {}

bool KioskRunner::InOutage(std::int64_t now) const {
  return std::any_of(plan_.offline.begin(), plan_.offline.end(), [now](const OfflineWindow& w) {
    return w.from_ms <= now && now < w.until_ms;
  });
}

std::int64_t KioskRunner::IdleUntil(std::int64_t now, std::int64_t next_event) const {
  std::int64_t until = next_event;
  for (const OfflineWindow& window : plan_.offline) {
    if (window.from_ms > now) until = std::min(until, window.from_ms);
    if (window.until_ms > now) until = std::min(until, window.until_ms);
  }
  return until == std::numeric_limits<std::int64_t>::max() ? until : std::max(now, until - 1);
}

bool KioskRunner::Connect() {
  auto welcome = kiosk_->Connect(acked_seq_);
  if (!welcome) {
    stats_.Error(kiosk_->pending().empty() || !kiosk_->pending().front().has_error()
                     ? "connexion impossible / could not connect"
                     : "connexion refusée / connection refused: " +
                           v1::ErrorCode_Name(kiosk_->pending().front().error().code()));
    kiosk_->Disconnect();
    return false;
  }
  const std::uint64_t acked = welcome.value().acked_seq();
  if (!resumed_) {
    // The first Welcome of the run: the server's sequence is where this run's events start.
    base_seq_ = acked;
    resumed_ = true;
  } else if (acked < base_seq_ || acked - base_seq_ > plan_.events.size()) {
    failure_ = kiosk_->device_id() +
               " : le serveur a perdu des événements acquittés / the "
               "server lost acknowledged events (Welcome.acked_seq " +
               std::to_string(acked) + ", acquitté / acked " + std::to_string(acked_seq_) + ")";
    return false;
  }
  if (acked < acked_seq_) {
    failure_ = kiosk_->device_id() + " : Welcome.acked_seq " + std::to_string(acked) +
               " < acquitté / acked " + std::to_string(acked_seq_);
    return false;
  }
  acked_seq_ = acked;
  next_ = static_cast<std::size_t>(acked - base_seq_);
  in_flight_.clear();
  connected_ = true;
  return true;
}

void KioskRunner::Drop() {
  kiosk_->Disconnect();
  connected_ = false;
  in_flight_.clear();
}

bool KioskRunner::SendSlice(std::size_t n) {
  std::vector<v1::Event> slice;
  slice.reserve(n);
  HourCounts by_hour{};
  for (std::size_t i = next_; i < next_ + n; ++i) {
    v1::Event event = plan_.events[i];
    ++by_hour[HourOfDay(event.occurred_at_ms())];
    event.set_device_seq(base_seq_ + event.device_seq());
    // Personal bodies travel sealed to the server's key, as a kiosk sends them.
    slice.push_back(rules::MustBeSealed(event.body_case()) ? kiosk_->Seal(event) : event);
  }
  const auto sent = Clock::now();
  if (kiosk_->Send(slice)) return false;
  in_flight_.push_back({sent, n});
  next_ += n;
  stats_.Sent(by_hour);
  return true;
}

void KioskRunner::Run() {
  const std::size_t total = plan_.events.size();
  base::Backoff backoff(std::chrono::milliseconds(100), std::chrono::seconds(5),
                        0x6c6f6164ULL + plan_.index);
  std::optional<Clock::time_point> failing_since;
  std::size_t released = 0;
  struct CatchingUp {
    Clock::time_point since;
    std::uint64_t target = 0;
    std::uint64_t events = 0;
  };
  std::optional<CatchingUp> catching_up;

  while (failure_.empty()) {
    const std::int64_t now = clock_.Now();
    while (released < total && plan_.events[released].occurred_at_ms() <= now) ++released;
    next_event_ms_ = released < total ? plan_.events[released].occurred_at_ms()
                                      : std::numeric_limits<std::int64_t>::max();
    const bool out = InOutage(now);
    if (out && connected_ && in_flight_.empty()) {
      kiosk_->Disconnect();  // the link goes down; the kiosk keeps recording
      connected_ = false;
    }
    if (out && !connected_) {
      offline_ = true;
      // Nothing to do until the link is back.
      idle_at_ = IdleUntil(now, std::numeric_limits<std::int64_t>::max());
      clock_.WaitPast(idle_at_, std::chrono::milliseconds(100));
      continue;
    }
    if (!out && offline_) {
      offline_ = false;
      if (released > next_) {
        catching_up = CatchingUp{Clock::now(), base_seq_ + released, released - next_};
      }
    }
    if (!connected_) {
      if (!Connect()) {
        if (!failure_.empty()) break;
        if (!failing_since) failing_since = Clock::now();
        if (Clock::now() - *failing_since > settings_.give_up) {
          failure_ = "borne / kiosk " + kiosk_->device_id() +
                     " : pas de reconnexion / could not reconnect";
          break;
        }
        std::this_thread::sleep_for(backoff.Next());
        continue;
      }
      failing_since.reset();
    }
    bool send_failed = false;
    while (!out && in_flight_.size() < settings_.window && next_ < released) {
      if (!SendSlice(std::min(settings_.batch, released - next_))) {
        send_failed = true;
        break;
      }
    }
    if (send_failed) {
      stats_.Error("envoi impossible / send failed");
      Drop();
      std::this_thread::sleep_for(backoff.Next());
      continue;
    }
    if (in_flight_.empty()) {
      if (next_ == total) break;  // everything acknowledged
      // Nothing to do until its next event is recorded (or an outage begins or ends).
      idle_at_ = IdleUntil(now, next_event_ms_);
      clock_.WaitPast(idle_at_, std::chrono::milliseconds(100));
      continue;
    }
    auto frame = kiosk_->Next(kPoll);
    if (!frame) {
      if (frame.error() == boost::system::errc::timed_out) {
        if (Clock::now() - in_flight_.front().sent > settings_.ack_timeout) {
          stats_.Error("délai d'acquittement dépassé / ack timeout");
          Drop();
        }
        continue;
      }
      stats_.Error(test::IsWebSocketClosed(frame.error())
                       ? "connexion fermée par le serveur / closed by the server"
                       : "connexion perdue / connection lost");
      Drop();
      std::this_thread::sleep_for(backoff.Next());
      continue;
    }
    if (frame.value().has_ack()) {
      const InFlight batch = in_flight_.front();
      in_flight_.pop_front();
      acked_seq_ = frame.value().ack().acked_seq();
      stats_.Acked(
          batch.count, frame.value().ack().duplicates(),
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - batch.sent));
      backoff.Reset();
      if (catching_up && acked_seq_ >= catching_up->target) {
        stats_.CaughtUp({kiosk_->device_id(), catching_up->events,
                         std::chrono::duration<double>(Clock::now() - catching_up->since).count()});
        catching_up.reset();
      }
    } else if (frame.value().has_error()) {
      const v1::Error& error = frame.value().error();
      stats_.Error("Error " + v1::ErrorCode_Name(error.code()));
      if (Retryable(error.code())) {
        Drop();
        std::this_thread::sleep_for(backoff.Next());
        continue;
      }
      stats_.Refused(in_flight_.front().count);
      failure_ = "borne / kiosk " + kiosk_->device_id() + " : lot refusé / batch refused (" +
                 v1::ErrorCode_Name(error.code()) + ", device_seq " +
                 std::to_string(error.device_seq()) + ") : " + error.message().fr() + " / " +
                 error.message().en();
    }
    // Other frames (lists, roster) are what a kiosk would store; the load generator has no use
    // for them.
  }
  kiosk_->Disconnect();
  offline_ = false;
  done_ = true;
}

}  // namespace minegate::loadgen
