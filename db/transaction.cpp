#include "db/transaction.hpp"

#include <atomic>
#include <cstdint>
#include <utility>

#include "db/connection.hpp"

namespace minegate::db {
namespace {

/// A name no other open savepoint has: SQLite would accept a repeated name (the innermost one
/// wins), but a unique one makes ROLLBACK TO and RELEASE name exactly this transaction's.
std::string NextSavepointName() {
  static std::atomic<std::uint64_t> counter{0};
  return "minegate_savepoint_" + std::to_string(counter.fetch_add(1) + 1);
}

}  // namespace

Result<Transaction> Transaction::Begin(Connection& connection, Mode mode) {
  if (connection.InTransaction()) {
    std::string name = NextSavepointName();
    if (Result<void> saved = connection.Execute("SAVEPOINT " + name); !saved) return saved.error();
    return Transaction(&connection, std::move(name));
  }
  Result<void> begun =
      connection.Execute(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  if (!begun) return begun.error();
  return Transaction(&connection, std::string());
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      savepoint_(std::exchange(other.savepoint_, std::string())) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    RollbackQuietly();
    connection_ = std::exchange(other.connection_, nullptr);
    savepoint_ = std::exchange(other.savepoint_, std::string());
  }
  return *this;
}

Transaction::~Transaction() { RollbackQuietly(); }

Result<void> Transaction::Commit() {
  if (connection_ == nullptr) return make_error_code(Errc::misuse);
  if (IsNested()) {
    // RELEASE inside an outer transaction commits nothing to the file: it cannot be busy.
    Result<void> released = connection_->Execute("RELEASE " + savepoint_);
    connection_ = nullptr;
    return released;
  }
  Result<void> committed = connection_->Execute("COMMIT");
  // After a failed COMMIT, SQLite either kept the transaction open (busy: retry) or rolled it
  // back itself; autocommit tells which.
  if (committed || !connection_->InTransaction()) connection_ = nullptr;
  return committed;
}

Result<void> Transaction::Rollback() {
  if (connection_ == nullptr) return make_error_code(Errc::misuse);
  Connection* connection = std::exchange(connection_, nullptr);
  // SQLite already rolled the whole transaction back on an error (disk full, I/O): the savepoint
  // went with it.
  if (!connection->InTransaction()) return Success();
  if (IsNested()) {
    // ROLLBACK TO undoes the work but keeps the savepoint open; RELEASE then closes it.
    return connection->Execute("ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_);
  }
  return connection->Execute("ROLLBACK");
}

void Transaction::RollbackQuietly() noexcept {
  if (connection_ == nullptr) return;
  // A destructor cannot report failure; a failed ROLLBACK leaves nothing committed anyway, and
  // SQLite rolls back when the connection closes.
  try {
    static_cast<void>(Rollback());
  } catch (...) {  // The savepoint's name is a std::string: concatenation may throw bad_alloc.
    connection_ = nullptr;
  }
}

}  // namespace minegate::db
