#pragma once
/// Reconnection delays: exponential with "full jitter" (a uniform draw between 1 ms and the
/// current ceiling), so that hundreds of kiosks cut off by the same outage do not all
/// reconnect in the same second when the server comes back.

#include <chrono>
#include <cstdint>
#include <random>

namespace minegate::base {

class Backoff {
 public:
  /// The ceiling starts at `initial` and doubles after each failure up to `max`.
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, std::uint64_t seed);

  /// The delay before the next attempt, drawn in [1 ms, ceiling()]; then the ceiling doubles.
  std::chrono::milliseconds Next();
  /// A success: the ceiling goes back to `initial`.
  void Reset() { ceiling_ = initial_; }

  std::chrono::milliseconds ceiling() const { return ceiling_; }

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::chrono::milliseconds ceiling_;
  std::mt19937_64 random_;
};

}  // namespace minegate::base
