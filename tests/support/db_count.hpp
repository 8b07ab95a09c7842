// A figure read straight from a SQLite file beside the process that writes it (WAL lets both),
// for tests that check what was stored. Header only: every user already links minegate_db.
#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"

namespace minegate::test {

/// The first column of the first row of `sql` on `database` opened read-only; -1 on failure
/// (no file, bad SQL, no row), so that a test comparing it with a count fails.
inline std::int64_t Count(const std::string& database, const std::string& sql) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(database, options);
  if (!connection) return -1;
  auto count = db::QueryOne(connection.value(), sql,
                            [](const db::Statement& row) { return row.ColumnInt64(0); });
  return count ? count.value() : -1;
}

}  // namespace minegate::test
