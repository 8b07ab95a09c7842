#include "db/wal.hpp"

#include "db/connection.hpp"
#include "db/statement.hpp"

namespace minegate::db {

Result<void> TruncateWal(Connection& connection) {
  if (connection.InTransaction()) return make_error_code(Errc::misuse);
  Result<Statement> checkpoint = connection.Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  if (!checkpoint) return checkpoint.error();
  Result<bool> row = checkpoint.value().Step();
  if (!row) return row.error();
  // One row: (busy, frames in the log, frames checkpointed). busy = 1 means a reader or writer
  // on another connection kept the checkpoint from completing, so the log was not reset.
  if (!row.value()) return make_error_code(Errc::internal);
  if (checkpoint.value().ColumnInt64(0) != 0) return make_error_code(Errc::busy);
  return Success();
}

}  // namespace minegate::db
