#include "tools/pn532-sim/logger.hpp"

#include <unistd.h>

#include <string>

namespace minegate::pn532sim {
namespace {

void WriteLine(std::string_view message) {
  std::string line = "minegate-pn532-sim: ";
  line.append(message);
  line.push_back('\n');
  // One write(2) per line keeps lines whole when stderr is shared with other processes.
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + written, line.size() - written);
    if (n <= 0) return;
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace

void Logger::Info(std::string_view message) const { WriteLine(message); }

void Logger::Debug(std::string_view message) const {
  if (verbose_) WriteLine(message);
}

}  // namespace minegate::pn532sim
