#include "db/migrations.hpp"

#include <string>
#include <utility>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace minegate::db {
namespace {

void Report(MigrationFailure* failure, const Migration& migration, std::string message) {
  if (failure == nullptr) return;
  failure->version = migration.version;
  failure->name = std::string(migration.name);
  failure->message = std::move(message);
}

/// Runs one migration and its version bump in one write transaction; on any error the
/// transaction's destructor rolls both back.
Result<void> ApplyOne(Connection& connection, const Migration& migration,
                      MigrationFailure* failure) {
  Result<Transaction> transaction = Transaction::Begin(connection, Transaction::Mode::kImmediate);
  if (!transaction) {
    Report(failure, migration, connection.LastErrorMessage());
    return transaction.error();  // Typically busy: worth retrying, so keep the code.
  }

  // Another process may have applied it while we waited for the write lock.
  Result<int> current = SchemaVersion(connection);
  if (!current) return current.error();
  if (current.value() >= migration.version) return Success();

  if (Result<void> applied = connection.Execute(migration.sql); !applied) {
    // Capture the message before the rollback replaces it.
    Report(failure, migration, connection.LastErrorMessage());
    return make_error_code(Errc::migration_failed);
  }
  // PRAGMA takes no bound parameters; the version is an int we formatted ourselves.
  const std::string bump = "PRAGMA user_version = " + std::to_string(migration.version);
  if (Result<void> bumped = connection.Execute(bump); !bumped) {
    Report(failure, migration, connection.LastErrorMessage());
    return make_error_code(Errc::migration_failed);
  }
  if (Result<void> committed = transaction.value().Commit(); !committed) {
    Report(failure, migration, connection.LastErrorMessage());
    return committed.error();
  }
  return Success();
}

}  // namespace

Result<void> ValidateMigrations(std::span<const Migration> migrations) {
  int expected = 1;
  for (const Migration& migration : migrations) {
    if (migration.version != expected || migration.sql.empty()) {
      return make_error_code(Errc::migration_invalid);
    }
    ++expected;
  }
  return Success();
}

Result<int> SchemaVersion(Connection& connection) {
  Result<Statement> statement = connection.Prepare("PRAGMA user_version");
  if (!statement) return statement.error();
  Result<bool> row = statement.value().Step();
  if (!row) return row.error();
  if (!row.value()) return make_error_code(Errc::no_row);
  // user_version is a 32-bit signed integer in the file header, so the cast is exact.
  return static_cast<int>(statement.value().ColumnInt64(0));
}

Result<int> ApplyMigrations(Connection& connection, std::span<const Migration> migrations,
                            MigrationFailure* failure) {
  if (Result<void> valid = ValidateMigrations(migrations); !valid) return valid.error();
  const int newest = static_cast<int>(migrations.size());

  Result<int> current = SchemaVersion(connection);
  if (!current) return current.error();
  if (current.value() < 0) return make_error_code(Errc::corrupt);  // Never written by us.
  if (current.value() > newest) return make_error_code(Errc::migration_version_ahead);
  // A read-only connection may still call this to check that the schema is current.
  if (current.value() < newest && connection.IsReadOnly()) return make_error_code(Errc::read_only);

  for (const Migration& migration : migrations.subspan(static_cast<std::size_t>(current.value()))) {
    if (Result<void> applied = ApplyOne(connection, migration, failure); !applied) {
      return applied.error();
    }
  }
  return SchemaVersion(connection);
}

}  // namespace minegate::db
