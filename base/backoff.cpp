#include "base/backoff.hpp"

#include <algorithm>

namespace minegate::base {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max,
                 std::uint64_t seed)
    : initial_(std::max(initial, std::chrono::milliseconds(1))),
      max_(std::max(max, initial_)),
      ceiling_(initial_),
      random_(seed) {}

std::chrono::milliseconds Backoff::Next() {
  // From 1 ms, not 0: a retry is never immediate, so a link that fails at once cannot spin.
  std::uniform_int_distribution<std::chrono::milliseconds::rep> draw(1, ceiling_.count());
  const std::chrono::milliseconds delay(draw(random_));
  // Compared with half the maximum before doubling: doubling a ceiling above
  // milliseconds::max() / 2 would overflow.
  ceiling_ = ceiling_ > max_ / 2 ? max_ : std::min(ceiling_ * 2, max_);
  return delay;
}

}  // namespace minegate::base
