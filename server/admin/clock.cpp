#include "server/admin/clock.hpp"

#include <chrono>

namespace minegate::server::admin {

std::int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace minegate::server::admin
