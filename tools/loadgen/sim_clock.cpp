#include "tools/loadgen/sim_clock.hpp"

#include <algorithm>
#include <thread>

namespace minegate::loadgen {

SimClock::SimClock(std::int64_t start_ms, double speed, bool fast)
    : start_ms_(start_ms),
      speed_(speed),
      fast_(fast),
      started_(std::chrono::steady_clock::now()),
      fast_now_(start_ms) {}

std::int64_t SimClock::Now() const {
  if (fast_) {
    std::lock_guard lock(mutex_);
    return fast_now_;
  }
  const double real_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
          .count();
  return start_ms_ + static_cast<std::int64_t>(real_ms * speed_);
}

void SimClock::WaitPast(std::int64_t t, std::chrono::milliseconds max) const {
  if (fast_) {
    std::unique_lock lock(mutex_);
    advanced_.wait_for(lock, max, [&] { return fast_now_ > t; });
    return;
  }
  const auto now = Now();
  if (now > t) return;
  const auto wait = std::chrono::milliseconds(
      static_cast<std::int64_t>(static_cast<double>(t - now + 1) / speed_) + 1);
  std::this_thread::sleep_for(std::min(wait, max));
}

void SimClock::Advance(std::int64_t to) {
  {
    std::lock_guard lock(mutex_);
    fast_now_ = std::max(fast_now_, to);
  }
  advanced_.notify_all();
}

}  // namespace minegate::loadgen
