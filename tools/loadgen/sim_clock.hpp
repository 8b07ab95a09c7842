// The scenario's clock, shared by every kiosk thread. Paced: it runs `speed` times faster than
// real time from the scenario's start, so the bursts of the generated timeline (the morning's
// moves, the first days' registrations) come as bursts. Fast: it stands still until every
// kiosk has sent what it recorded up to now and had it acknowledged, then jumps to the next
// hour in which something happens (Advance, by the driver). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace minegate::loadgen {

class SimClock {
 public:
  SimClock(std::int64_t start_ms, double speed, bool fast);

  std::int64_t Now() const;
  bool fast() const { return fast_; }
  /// Returns once Now() > `t`, or after `max`.
  void WaitPast(std::int64_t t, std::chrono::milliseconds max) const;
  /// Fast: moves the clock to `to` (never back) and wakes the waiting kiosks.
  void Advance(std::int64_t to);

 private:
  const std::int64_t start_ms_;
  const double speed_;
  const bool fast_;
  const std::chrono::steady_clock::time_point started_;
  mutable std::mutex mutex_;
  mutable std::condition_variable advanced_;
  std::int64_t fast_now_;
};

}  // namespace minegate::loadgen
