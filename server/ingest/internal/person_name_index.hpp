#pragma once
/// The police's name index (person_names, schema 0012): each projected person's names folded
/// by server/registry (name_index.hpp) into the FTS5 trigram table, keyed by the persons row.
/// Not thread-safe: owned by the projector, on its connection's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "db/connection.hpp"
#include "db/statement.hpp"

namespace minegate::server::internal {

class PersonNameIndex {
 public:
  /// Also indexes the persons a database from before schema 0012 held (person_names_pending).
  static db::Result<std::unique_ptr<PersonNameIndex>> Create(db::Connection& connection);

  /// Indexes the person whose persons row is `person_rowid`.
  db::Result<void> Add(std::int64_t person_rowid, std::string_view given_name,
                       std::string_view family_name);

  /// SQL that empties the index, for a rebuild (which indexes every person again).
  static constexpr const char* kClearSql =
      "INSERT INTO person_names (person_names) VALUES ('delete-all');"
      "DELETE FROM person_names_pending;";

 private:
  explicit PersonNameIndex(db::Connection& connection) : connection_(connection) {}
  db::Result<void> IndexPending();

  db::Connection& connection_;
  std::optional<db::Statement> insert_;
};

}  // namespace minegate::server::internal
