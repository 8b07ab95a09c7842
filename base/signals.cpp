#include "base/signals.hpp"

#include <cerrno>
#include <csignal>

namespace minegate::base {

Result<void> IgnoreFileSizeLimitSignal() {
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  if (::sigaction(SIGXFSZ, &ignore, nullptr) != 0) {
    return boost::system::error_code(errno, boost::system::system_category());
  }
  return Success();
}

}  // namespace minegate::base
