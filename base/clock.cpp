#include "base/clock.hpp"

#include <chrono>

namespace minegate::base {

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace minegate::base
