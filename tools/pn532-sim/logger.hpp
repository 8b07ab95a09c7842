// Emulator log on stderr: quiet by default, every frame with --verbose.
#pragma once

#include <string_view>

namespace minegate::pn532sim {

/// Writes whole lines to stderr, prefixed "minegate-pn532-sim:". Not thread-safe; the
/// emulator runs one thread.
class Logger {
 public:
  explicit Logger(bool verbose = false) : verbose_(verbose) {}

  bool verbose() const { return verbose_; }

  /// Always shown: start-up, shutdown, control commands, faults, errors.
  void Info(std::string_view message) const;
  /// Shown with --verbose only: every frame in and out, every tag exchange.
  void Debug(std::string_view message) const;

 private:
  bool verbose_;
};

}  // namespace minegate::pn532sim
