// Bounded waiting for a condition in tests.
#pragma once

#include <algorithm>
#include <chrono>
#include <thread>

namespace minegate::test {

/// Polls `predicate` every `interval` until it holds or `timeout` has passed; checks once
/// more at the deadline. True if it held. Never waits longer than `timeout` plus one check.
template <class Predicate>
bool WaitUntil(Predicate&& predicate, std::chrono::milliseconds timeout,
               std::chrono::milliseconds interval = std::chrono::milliseconds(10)) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + timeout;
  while (true) {
    if (predicate()) return true;
    const Clock::time_point now = Clock::now();
    if (now >= deadline) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(interval, deadline - now));
  }
}

}  // namespace minegate::test
