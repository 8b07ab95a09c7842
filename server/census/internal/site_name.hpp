#pragma once
/// A site's name, as every census answer names its site: none when no site has that id.
/// Threading: uses the caller's connection, on its thread.

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "server/census/error.hpp"

namespace minegate::server::census::internal {

inline Result<std::optional<std::string>> SiteName(db::Connection& connection,
                                                   std::int64_t site_id) {
  auto name = db::QueryFirst(
      connection, "SELECT name FROM sites WHERE site_id = ?1",
      [](const db::Statement& row) { return row.ColumnText(0); }, site_id);
  if (!name) return name.error();
  return name.value();
}

}  // namespace minegate::server::census::internal
