#pragma once

#include "db/error.hpp"

struct sqlite3;

namespace minegate::db::internal {

/// Maps an SQLite result code, primary or extended, to the Errc callers branch on. Takes a plain
/// int so that this header needs no sqlite3.h.
Errc ErrcFromSqlite(int sqlite_code) noexcept;

/// ErrcFromSqlite wrapped as an error code, for `return internal::SqliteError(rc);`.
boost::system::error_code SqliteError(int sqlite_code) noexcept;

/// The same, with the connection that failed: a failed write refused by a full disk, a file-size
/// limit or a quota (SQLITE_FULL, or SQLITE_IOERR_WRITE for EFBIG and EDQUOT) is
/// Errc::disk_full, so that callers can tell the person what to do.
boost::system::error_code SqliteError(sqlite3* db, int sqlite_code) noexcept;

}  // namespace minegate::db::internal
