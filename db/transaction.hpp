#pragma once

#include <string>

#include "db/error.hpp"

namespace minegate::db {

class Connection;

/// A transaction that rolls back unless committed, so an early `return` on error changes nothing.
///
/// Transactions nest: Begin on a connection that is already in a transaction opens a SAVEPOINT
/// instead of a BEGIN. The inner Commit releases it into the outer transaction (nothing is
/// durable until the outermost commits); the inner Rollback, or its destructor, undoes the inner
/// work only and leaves the outer transaction open. So a store method that opens its own
/// transaction can run inside a caller's, e.g. to commit a change together with its audit entry.
///
/// Threading: same thread as its connection. Nested transactions end innermost first (scopes do
/// that by themselves).
class Transaction {
 public:
  enum class Mode {
    /// Takes locks on first use. For read-only work: a read that later writes can fail with
    /// Errc::busy mid-transaction, when another writer got in first.
    kDeferred,
    /// Takes the write lock at BEGIN. Writers use this: two deferred readers that both try to
    /// upgrade to writers deadlock (one gets SQLITE_BUSY with no retry possible), whereas here a
    /// waiting writer just waits up to the busy timeout at BEGIN, before doing any work.
    kImmediate,
  };

  /// Starts a transaction, or a savepoint when `connection` is already in one. Errc::busy if
  /// another connection holds the write lock past the busy timeout (immediate mode). A nested
  /// transaction takes no lock of its own: the outer transaction's mode decides, so an outer
  /// transaction whose inner ones write is opened kImmediate.
  static Result<Transaction> Begin(Connection& connection, Mode mode);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  /// Rolls back if still open. Never throws.
  ~Transaction();

  /// Makes the changes permanent (durable per OpenOptions::synchronous); for a nested
  /// transaction, hands them to the outer one. On Errc::busy the transaction stays open and
  /// Commit() may be retried; on other errors SQLite may already have rolled back, and the
  /// destructor cleans up whatever remains.
  Result<void> Commit();
  /// Undoes the changes now rather than at scope exit (a nested one: its own changes only).
  Result<void> Rollback();
  bool IsActive() const noexcept { return connection_ != nullptr; }
  /// True when this transaction is a savepoint inside another one.
  bool IsNested() const noexcept { return !savepoint_.empty(); }

 private:
  Transaction(Connection* connection, std::string savepoint) noexcept
      : connection_(connection), savepoint_(std::move(savepoint)) {}
  void RollbackQuietly() noexcept;

  Connection* connection_ = nullptr;  ///< Null once committed, rolled back or moved from.
  std::string savepoint_;             ///< The savepoint's name when nested, else empty.
};

}  // namespace minegate::db
