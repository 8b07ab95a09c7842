#include "server/admin/internal/list_versions.hpp"

#include "db/query.hpp"
#include "db/statement.hpp"

namespace minegate::server::admin::internal {
namespace {

std::int64_t ReadVersion(const db::Statement& row) { return row.ColumnInt64(0); }

}  // namespace

Result<std::int64_t> CurrentListVersion(db::Connection& connection, std::string_view list) {
  // The schema inserts every list's row; a missing one (Errc::no_row) means a damaged database.
  return db::QueryOne(connection, "SELECT version FROM list_versions WHERE list = ?1", ReadVersion,
                      list);
}

Result<std::int64_t> BumpListVersion(db::Connection& connection, std::string_view list) {
  // SQLite makes every change of an UPDATE ... RETURNING before its first row comes out, so
  // reading that row and resetting leaves the update complete.
  return db::QueryOne(connection,
                      "UPDATE list_versions SET version = version + 1 WHERE list = ?1 "
                      "RETURNING version",
                      ReadVersion, list);
}

}  // namespace minegate::server::admin::internal
