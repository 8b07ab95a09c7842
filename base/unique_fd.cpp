#include "base/unique_fd.hpp"

#include <unistd.h>

namespace minegate::base {

bool UniqueFd::Close() noexcept {
  const int fd = std::exchange(fd_, -1);
  if (fd < 0) return true;
  // Never retried on EINTR: on Linux the descriptor is released whatever close() returns.
  return ::close(fd) == 0;
}

}  // namespace minegate::base
