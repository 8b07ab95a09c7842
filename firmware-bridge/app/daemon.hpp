#pragma once

#include "firmware-bridge/app/options.hpp"

namespace minegate::bridge {

/// Serves kiosks on the Unix socket and runs the reader loop until SIGINT or
/// SIGTERM. Returns the process exit code.
int RunDaemon(const Options& options);

}  // namespace minegate::bridge
