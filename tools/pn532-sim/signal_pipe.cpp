#include "tools/pn532-sim/signal_pipe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

namespace minegate::pn532sim {
namespace {

int g_write_fd = -1;

extern "C" void OnStopSignal(int) {
  const int saved_errno = errno;
  const char byte = 1;
  [[maybe_unused]] const ssize_t ignored = ::write(g_write_fd, &byte, 1);
  errno = saved_errno;
}

}  // namespace

SignalPipe::SignalPipe(Status& status) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    status = Status::Error(std::string("pipe: ") + std::strerror(errno));
    return;
  }
  read_end_.Reset(fds[0]);
  write_end_.Reset(fds[1]);
  g_write_fd = fds[1];
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  if (::sigaction(SIGTERM, &action, nullptr) != 0 || ::sigaction(SIGINT, &action, nullptr) != 0 ||
      ::sigaction(SIGPIPE, &ignore, nullptr) != 0) {
    status = Status::Error(std::string("sigaction: ") + std::strerror(errno));
    return;
  }
  status = Status::Ok();
}

SignalPipe::~SignalPipe() {
  ::signal(SIGTERM, SIG_DFL);
  ::signal(SIGINT, SIG_DFL);
  g_write_fd = -1;
}

}  // namespace minegate::pn532sim
