// Turns SIGTERM and SIGINT into a readable descriptor for the poll(2) loop.
#pragma once

#include "tools/pn532-sim/status.hpp"
#include "tools/pn532-sim/unique_fd.hpp"

namespace minegate::pn532sim {

/// The classic self-pipe: the handler only write(2)s one byte, which is async-signal-safe,
/// and the loop exits when the read end becomes readable. Also ignores SIGPIPE, so a control
/// client that hangs up cannot kill the emulator. One instance per process.
class SignalPipe {
 public:
  /// Installs the handlers; `status` reports a failure.
  explicit SignalPipe(Status& status);
  ~SignalPipe();
  SignalPipe(const SignalPipe&) = delete;
  SignalPipe& operator=(const SignalPipe&) = delete;

  int read_fd() const { return read_end_.get(); }

 private:
  UniqueFd read_end_;
  UniqueFd write_end_;
};

}  // namespace minegate::pn532sim
