#pragma once

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::db {

/// Why a storage call failed. Enumerators are snake_case like std::errc, because callers compare
/// them to error codes the same way. Zero is success, so the first error is 1.
enum class Errc {
  open_failed = 1,          ///< The file could not be opened or created (SQLITE_CANTOPEN).
  busy,                     ///< Another connection holds the lock past the busy timeout: retry.
  constraint,               ///< A UNIQUE, NOT NULL, CHECK, FOREIGN KEY or STRICT type rule refused.
  no_row,                   ///< A query that must return a row returned none.
  type_mismatch,            ///< A value has the wrong type for where it goes (SQLITE_MISMATCH).
  bad_parameter,            ///< Bad argument: bind index out of range, empty or multiple SQL.
  too_big,                  ///< A string or blob exceeds SQLite's limits.
  sql_error,                ///< The SQL is wrong: syntax error, unknown table or column.
  read_only,                ///< Write attempted on a read-only connection or file.
  permission,               ///< The operating system or an authorizer denied access.
  io,                       ///< The disk or file system failed while reading or writing.
  disk_full,                ///< The disk is full.
  corrupt,                  ///< The database file is damaged.
  not_a_database,           ///< The file exists but is not an SQLite database.
  no_memory,                ///< SQLite could not allocate memory.
  misuse,                   ///< The API was used out of order (a bug in the caller).
  interrupted,              ///< The operation was interrupted or aborted.
  internal,                 ///< Any other SQLite failure.
  migration_invalid,        ///< The migration list is not numbered 1, 2, 3, ... without gaps.
  migration_failed,         ///< A migration's SQL failed; the database kept its previous version.
  migration_version_ahead,  ///< The database was written by a newer binary: refuse to touch it.
};

/// The category of every minegate::db error code; its name is "minegate.db" and its messages are
/// bilingual ("French / English") because they reach operators directly.
const boost::system::error_category& DbCategory() noexcept;

/// Found by argument-dependent lookup, so `std::error_code ec = Errc::busy;` style works.
boost::system::error_code make_error_code(Errc e) noexcept;

using base::Result;
using base::Success;

}  // namespace minegate::db

namespace boost::system {
template <>
struct is_error_code_enum<minegate::db::Errc> : std::true_type {};
}  // namespace boost::system
