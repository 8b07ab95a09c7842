#pragma once
/// Emptying the write-ahead log, for code that has just deleted data that must not linger.

#include "db/error.hpp"

namespace minegate::db {

class Connection;

/// Copies every frame of the write-ahead log into the database file and truncates the log to
/// zero bytes (PRAGMA wal_checkpoint(TRUNCATE)).
///
/// Why: with `PRAGMA secure_delete = ON` a DELETE zeroes the row in the page it writes, but the
/// log still holds the earlier images of that page, with the row, until it is reset. Call this
/// after deleting personal data, outside any transaction (Errc::misuse inside one: its changes
/// are not committed yet). Errc::busy if another connection's read kept the checkpoint from
/// finishing (the log may still hold old frames: call again later).
Result<void> TruncateWal(Connection& connection);

}  // namespace minegate::db
