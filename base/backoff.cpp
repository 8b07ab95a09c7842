#include "base/backoff.hpp"

#include <algorithm>

namespace minegate::base {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max,
                 std::uint64_t seed)
    : initial_(std::max(initial, std::chrono::milliseconds(1))),
      max_(std::max(max, initial_)),
      random_(seed) {}

std::chrono::milliseconds Backoff::ceiling() const {
  // Doubling stops at max, so it cannot overflow.
  std::int64_t value = initial_.count();
  for (int i = 0; i < failures_ && value < max_.count(); ++i) value *= 2;
  return std::chrono::milliseconds(std::min(value, max_.count()));
}

std::chrono::milliseconds Backoff::Next() {
  const auto top = ceiling().count();
  // From 1 ms, not 0: a retry is never immediate, so a link that fails at once cannot spin.
  std::uniform_int_distribution<std::int64_t> draw(1, top);
  if (ceiling() < max_) ++failures_;
  return std::chrono::milliseconds(draw(random_));
}

}  // namespace minegate::base
