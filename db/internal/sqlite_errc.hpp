#pragma once

#include "db/error.hpp"

namespace minegate::db::internal {

/// Maps an SQLite result code, primary or extended, to the Errc callers branch on. Takes a plain
/// int so that this header needs no sqlite3.h.
Errc ErrcFromSqlite(int sqlite_code) noexcept;

/// ErrcFromSqlite wrapped as an error code, for `return internal::SqliteError(rc);`.
boost::system::error_code SqliteError(int sqlite_code) noexcept;

}  // namespace minegate::db::internal
