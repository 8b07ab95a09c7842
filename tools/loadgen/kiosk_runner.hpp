// One simulated kiosk for a whole run, on its own thread and its own connection: it releases
// its events as the scenario's clock passes their time, sends them in batches with up to
// `window` in flight, measures each batch until its Ack, goes offline during its outages and
// catches up its backlog afterwards, and on a dropped connection, a timeout or SERVER_BUSY
// reconnects (with backoff) and resumes from the Welcome's acked_seq, as a kiosk does
// (docs/protocol.md §4). A batch the server refuses for good stops the kiosk.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <string>

#include "tests/support/sim_kiosk.hpp"
#include "tools/loadgen/scenario.hpp"
#include "tools/loadgen/sim_clock.hpp"
#include "tools/loadgen/stats.hpp"

namespace minegate::loadgen {

struct RunnerSettings {
  std::size_t batch = 100;
  std::size_t window = 4;
  std::chrono::seconds ack_timeout{30};
  std::chrono::seconds give_up{120};
};

class KioskRunner {
 public:
  /// `kiosk` knows its identity (SetIdentity) and holds its enrolled key.
  KioskRunner(KioskPlan plan, std::unique_ptr<test::SimulatedKiosk> kiosk, const SimClock& clock,
              LoadStats& stats, RunnerSettings settings);

  /// The thread's body: returns when every event is acknowledged, or the kiosk failed.
  void Run();

  // Read by the driver while Run() runs.
  bool done() const { return done_.load(); }
  bool offline() const { return offline_.load(); }
  /// Until when (scenario time) it has nothing to send: everything released is acknowledged
  /// and nothing is recorded before then, or it is offline until then.
  std::int64_t idle_at() const { return idle_at_.load(); }
  /// The time of its next event not yet released (max when none).
  std::int64_t next_event_ms() const { return next_event_ms_.load(); }
  const KioskPlan& plan() const { return plan_; }

  // After Run().
  bool failed() const { return !failure_.empty(); }
  const std::string& failure() const { return failure_; }
  /// The sequence the server held when the run began, and the last one it acknowledged.
  std::uint64_t base_seq() const { return base_seq_; }
  std::uint64_t acked_seq() const { return acked_seq_; }
  test::SimulatedKiosk& kiosk() { return *kiosk_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct InFlight {
    Clock::time_point sent;
    std::size_t count = 0;
  };

  bool InOutage(std::int64_t now) const;
  /// The last moment before something happens to it after `now`: its next event, or the start
  /// or end of an outage.
  std::int64_t IdleUntil(std::int64_t now, std::int64_t next_event) const;
  /// Connects and resumes from the Welcome; false when it could not (counted, backed off).
  bool Connect();
  /// Drops the connection after an error; what was in flight is sent again after reconnecting.
  void Drop();
  /// Sends events [next_, next_ + n); false if the connection failed.
  bool SendSlice(std::size_t n);

  KioskPlan plan_;
  std::unique_ptr<test::SimulatedKiosk> kiosk_;
  const SimClock& clock_;
  LoadStats& stats_;
  RunnerSettings settings_;

  std::atomic<bool> done_{false};
  std::atomic<bool> offline_{false};
  std::atomic<std::int64_t> idle_at_{std::numeric_limits<std::int64_t>::min()};
  std::atomic<std::int64_t> next_event_ms_{std::numeric_limits<std::int64_t>::max()};

  bool connected_ = false;
  bool resumed_ = false;
  std::uint64_t base_seq_ = 0;
  std::uint64_t acked_seq_ = 0;
  std::size_t next_ = 0;
  std::deque<InFlight> in_flight_;
  std::string failure_;
};

}  // namespace minegate::loadgen
