#pragma once
/// A consistent copy of a live database, through SQLite's online backup API.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "base/file.hpp"
#include "db/error.hpp"
#include "db/integrity.hpp"

namespace minegate::db {

class Connection;

struct BackupOptions {
  /// Pages copied per step (4 MiB at SQLite's 4 KiB pages): between steps nothing is locked on
  /// the copy's side, and progress is reported.
  int pages_per_step = 1024;
  /// A step that meets a lock (SQLITE_BUSY, SQLITE_LOCKED: the source's WAL being recovered or
  /// checkpointed by another process) waits this long and tries again...
  std::chrono::milliseconds busy_pause{20};
  /// ...at most this many times in the whole copy (5 s in all, the server's busy timeout), then
  /// gives up with Errc::busy.
  int max_busy_pauses = 250;
  /// How the copy is checked before it gets its name.
  IntegrityCheck check = IntegrityCheck::kFull;
  /// create_new (default): an existing `target` is never replaced (errc::file_exists).
  base::WriteMode write_mode = base::WriteMode::create_new;
  /// Called after each step with (pages copied, pages in all), on the caller's thread.
  std::function<void(std::int64_t copied, std::int64_t total)> progress;
};

/// What was copied.
struct BackupReport {
  std::int64_t pages = 0;
  std::int64_t page_size = 0;
  std::int64_t bytes = 0;  ///< pages × page_size: the copy's size.
  int steps = 0;
  int busy_pauses = 0;
};

/// Copies the database open on `source` into the file `target`, page by page, while other
/// connections (another process: the server) keep writing to it.
///
/// Consistency: the whole copy runs inside one read transaction on `source` (the caller's, if
/// it has one open, else its own). In WAL mode that is a snapshot: the pages read are those of
/// the last commit before the copy began, whatever the writer commits meanwhile, and the writer
/// is never blocked (its new commits go to the log; checkpoints stop at the snapshot until the
/// copy ends, so the log grows meanwhile). The backup API restarts a copy when the source
/// changes under it; under a snapshot it cannot, so a restart is an error (Errc::interrupted),
/// never a loop: the bound on restarts is zero. (Without a snapshot, a steady writer could make
/// a stepped copy restart forever, and step(-1) would hold the read for the whole copy anyway.)
/// In rollback-journal mode the same read lock makes writers wait for the whole copy.
///
/// The file: written to a temporary file beside `target` (mode 0600), as a plain rollback-journal
/// database (no -wal to carry along), checked (options.check; problems give Errc::corrupt),
/// synced, then moved to `target` and the directory synced. A failure at any point removes the
/// temporary file: nothing half-written ever bears the target's name. Errors from the file
/// system carry errno.
///
/// Threading: `source` is used on the caller's thread only, for the duration of the call.
class Backup {
 public:
  static Result<BackupReport> Copy(Connection& source, const std::filesystem::path& target,
                                   const BackupOptions& options = {});
};

}  // namespace minegate::db
