#include "server/admin/internal/list_versions.hpp"

#include "db/error.hpp"
#include "db/statement.hpp"
#include "server/admin/internal/sql.hpp"

namespace minegate::server::admin::internal {

Result<std::int64_t> CurrentListVersion(db::Connection& connection, std::string_view list) {
  auto query = Query(connection, "SELECT version FROM list_versions WHERE list = ?1", list);
  if (!query) return query.error();
  auto row = query.value().Step();
  if (!row) return row.error();
  // The schema inserts every list's row; a missing one means a damaged database.
  if (!row.value()) return db::Errc::no_row;
  return query.value().ColumnInt64(0);
}

Result<std::int64_t> BumpListVersion(db::Connection& connection, std::string_view list) {
  auto query = Query(connection,
                     "UPDATE list_versions SET version = version + 1 WHERE list = ?1 "
                     "RETURNING version",
                     list);
  if (!query) return query.error();
  auto row = query.value().Step();
  if (!row) return row.error();
  if (!row.value()) return db::Errc::no_row;
  const std::int64_t version = query.value().ColumnInt64(0);
  // RETURNING rows are produced before the statement finishes; step to the end so the update is
  // complete before the caller goes on.
  auto done = query.value().Step();
  if (!done) return done.error();
  return version;
}

}  // namespace minegate::server::admin::internal
