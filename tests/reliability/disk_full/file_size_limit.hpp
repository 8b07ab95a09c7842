// A full disk without root: the file-size limit (RLIMIT_FSIZE) of a running process of the
// same user, lowered and raised again through prlimit(2). Past the limit, a write fails with
// EFBIG (SIGXFSZ ignored, as the server and the kiosk do at start-up) or is cut short, which
// SQLite reports as an I/O error or SQLITE_FULL: what a full disk does to the process.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace minegate::test {

/// The largest regular file `pid` holds open (its database, WAL, journal, log), in bytes;
/// nullopt when /proc cannot be read.
std::optional<std::uint64_t> LargestOpenFile(pid_t pid);

/// Sets the soft file-size limit of `pid` (the hard limit is left alone, so it can be raised
/// again); "" when done, otherwise why not.
std::string SetFileSizeLimit(pid_t pid, std::uint64_t bytes);

/// Raises the soft limit back to the hard one: space has returned.
std::string LiftFileSizeLimit(pid_t pid);

}  // namespace minegate::test
