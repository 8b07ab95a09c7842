#include "db/transaction.hpp"

#include <utility>

#include "db/connection.hpp"

namespace minegate::db {

Result<Transaction> Transaction::Begin(Connection& connection, Mode mode) {
  if (connection.InTransaction()) return make_error_code(Errc::misuse);
  Result<void> begun =
      connection.Execute(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  if (!begun) return begun.error();
  return Transaction(&connection);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    RollbackQuietly();
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

Transaction::~Transaction() { RollbackQuietly(); }

Result<void> Transaction::Commit() {
  if (connection_ == nullptr) return make_error_code(Errc::misuse);
  Result<void> committed = connection_->Execute("COMMIT");
  // After a failed COMMIT, SQLite either kept the transaction open (busy: retry) or rolled it
  // back itself; autocommit tells which.
  if (committed || !connection_->InTransaction()) connection_ = nullptr;
  return committed;
}

Result<void> Transaction::Rollback() {
  if (connection_ == nullptr) return make_error_code(Errc::misuse);
  Connection* connection = std::exchange(connection_, nullptr);
  if (!connection->InTransaction()) return Success();  // SQLite already rolled back on an error.
  return connection->Execute("ROLLBACK");
}

void Transaction::RollbackQuietly() noexcept {
  if (connection_ == nullptr) return;
  // A destructor cannot report failure; a failed ROLLBACK leaves nothing committed anyway, and
  // SQLite rolls back when the connection closes.
  if (connection_->InTransaction()) static_cast<void>(connection_->Execute("ROLLBACK"));
  connection_ = nullptr;
}

}  // namespace minegate::db
