#include "db/internal/sqlite_errc.hpp"

#include <sqlite3.h>
#include <sys/resource.h>

#include <cerrno>

namespace minegate::db::internal {

Errc ErrcFromSqlite(int sqlite_code) noexcept {
  // Extended codes keep the primary code in their low byte (SQLITE_CONSTRAINT_DATATYPE is
  // SQLITE_CONSTRAINT | 12 << 8), so every extended code maps with its family.
  switch (sqlite_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Errc::busy;
    case SQLITE_CONSTRAINT:
      return Errc::constraint;
    case SQLITE_MISMATCH:
      return Errc::type_mismatch;
    case SQLITE_RANGE:
      return Errc::bad_parameter;
    case SQLITE_TOOBIG:
      return Errc::too_big;
    case SQLITE_ERROR:
    case SQLITE_SCHEMA:
      return Errc::sql_error;
    case SQLITE_READONLY:
      return Errc::read_only;
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Errc::permission;
    case SQLITE_IOERR:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
      return Errc::io;
    case SQLITE_FULL:
      return Errc::disk_full;
    case SQLITE_CORRUPT:
      return Errc::corrupt;
    case SQLITE_NOTADB:
      return Errc::not_a_database;
    case SQLITE_CANTOPEN:
      return Errc::open_failed;
    case SQLITE_NOMEM:
      return Errc::no_memory;
    case SQLITE_MISUSE:
      return Errc::misuse;
    case SQLITE_INTERRUPT:
    case SQLITE_ABORT:
      return Errc::interrupted;
    default:
      return Errc::internal;
  }
}

boost::system::error_code SqliteError(int sqlite_code) noexcept {
  return make_error_code(ErrcFromSqlite(sqlite_code));
}

boost::system::error_code SqliteError(sqlite3* db, int sqlite_code) noexcept {
  // A full file system is SQLITE_FULL already (SQLite checks ENOSPC itself). A write refused by
  // a file-size limit (EFBIG: RLIMIT_FSIZE, LimitFSIZE= of a unit) or a quota (EDQUOT) comes as
  // SQLITE_IOERR_WRITE, and SQLite does not always keep the system's errno for it
  // (sqlite3_system_errno() is 0 after a refused WAL append): a failed write while a file-size
  // limit is in force is taken as that limit reached.
  if (db != nullptr && sqlite_code == SQLITE_IOERR_WRITE) {
    const int system_error = sqlite3_system_errno(db);
    rlimit file_size{};
    const bool size_limited =
        getrlimit(RLIMIT_FSIZE, &file_size) == 0 && file_size.rlim_cur != RLIM_INFINITY;
    if (system_error == ENOSPC || system_error == EFBIG || system_error == EDQUOT || size_limited) {
      return make_error_code(Errc::disk_full);
    }
  }
  return SqliteError(sqlite_code);
}

}  // namespace minegate::db::internal
