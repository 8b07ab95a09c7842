// Signals a daemon must not die of.
#pragma once

#include "base/result.hpp"

namespace minegate::base {

/// Ignores SIGXFSZ for the whole process. A write past the file-size limit (RLIMIT_FSIZE, set by
/// an operator, a systemd unit's LimitFSIZE= or a parent shell's ulimit) then fails with EFBIG,
/// which SQLite reports as a failed write (the batch or tap is refused, nothing stored), instead
/// of the default action: the process killed, with every open connection and every pending
/// acknowledgement. Call once at start-up, before any thread is started.
Result<void> IgnoreFileSizeLimitSignal();

}  // namespace minegate::base
