#pragma once

#include "db/error.hpp"

namespace minegate::db {

class Connection;

/// A transaction that rolls back unless committed, so an early `return` on error changes nothing.
///
/// Threading: same thread as its connection; at most one open per connection (no nesting).
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

  /// Starts a transaction. Errc::busy if another connection holds the write lock past the busy
  /// timeout (immediate mode); Errc::misuse if `connection` is already in a transaction.
  static Result<Transaction> Begin(Connection& connection, Mode mode);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  /// Rolls back if still open. Never throws.
  ~Transaction();

  /// Makes the changes permanent (durable per OpenOptions::synchronous). On Errc::busy the
  /// transaction stays open and Commit() may be retried; on other errors SQLite may already have
  /// rolled back, and the destructor cleans up whatever remains.
  Result<void> Commit();
  /// Undoes the changes now rather than at scope exit.
  Result<void> Rollback();
  bool IsActive() const noexcept { return connection_ != nullptr; }

 private:
  explicit Transaction(Connection* connection) noexcept : connection_(connection) {}
  void RollbackQuietly() noexcept;

  Connection* connection_ = nullptr;  ///< Null once committed, rolled back or moved from.
};

}  // namespace minegate::db
