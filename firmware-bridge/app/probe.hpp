#pragma once

#include "firmware-bridge/app/options.hpp"

namespace minegate::bridge {

/// The field technician's check: opens the reader, prints its name and firmware,
/// waits for one tag and prints its UID, type, memory and decoded credential (or
/// why it could not be read). Returns the process exit code: 0 only if all worked.
int RunProbe(const Options& options);

}  // namespace minegate::bridge
