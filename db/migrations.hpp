#pragma once

#include <span>
#include <string>
#include <string_view>

#include "db/error.hpp"

namespace minegate::db {

class Connection;

/// One schema step. Versions count 1, 2, 3, ...; the database records the last applied one in
/// `PRAGMA user_version`. Usually generated from NNNN_name.sql files by
/// minegate_embed_migrations() (tools/cmake/MinegateEmbedSql.cmake).
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// Why ApplyMigrations stopped, for the start-up log.
struct MigrationFailure {
  int version = 0;      ///< The migration that failed; 0 if none was running.
  std::string name;     ///< Its name, e.g. "create_things".
  std::string message;  ///< SQLite's message, e.g. "no such table: thing".
};

/// Checks that versions run 1, 2, 3, ... without gaps or repeats and each has SQL;
/// Errc::migration_invalid otherwise.
Result<void> ValidateMigrations(std::span<const Migration> migrations);

/// The schema version recorded in the database (PRAGMA user_version); 0 for a new database.
Result<int> SchemaVersion(Connection& connection);

/// Brings the database up to the newest migration and returns the resulting version.
///
/// Each pending migration runs in its own IMMEDIATE transaction together with its user_version
/// bump, so a failure (Errc::migration_failed) leaves the database at the previous version with
/// nothing half-applied. A database whose version is above the newest migration was written by a
/// newer binary and is refused (Errc::migration_version_ahead) rather than misread. Safe to call
/// from several processes at once: the version is re-read under the write lock.
/// On a read-only connection it only checks: Errc::read_only if migrations are pending.
/// `failure`, if given, receives the failing migration and SQLite's message.
Result<int> ApplyMigrations(Connection& connection, std::span<const Migration> migrations,
                            MigrationFailure* failure = nullptr);

}  // namespace minegate::db
