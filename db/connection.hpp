#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "db/cached_statement.hpp"
#include "db/error.hpp"

struct sqlite3;

namespace minegate::db {

class Statement;

/// How a connection opens its file.
struct OpenOptions {
  enum class Access {
    kReadOnly,         ///< Never writes; fails if the file does not exist.
    kReadWriteCreate,  ///< Creates the file if missing.
  };

  /// Durability of a commit in WAL mode (PRAGMA synchronous).
  enum class Synchronous {
    /// The WAL is synced at checkpoints only: the database stays consistent, but a power loss can
    /// undo the last commits. For caches and data that can be rebuilt.
    kNormal,
    /// The WAL is synced on every commit: once Commit() returns, the transaction survives power
    /// loss. The system acknowledges events only after a durable commit, so this is the default;
    /// the writer thread groups writes per commit to pay for the fsync once.
    kFull,
  };

  Access access = Access::kReadWriteCreate;
  /// How long a call waits for another connection's lock before returning Errc::busy.
  std::chrono::milliseconds busy_timeout{5000};
  /// Write-ahead log: readers never block the writer nor the writer readers. Ignored for
  /// ":memory:" and for read-only connections (they use whatever mode the file has).
  bool wal = true;
  Synchronous synchronous = Synchronous::kFull;
  /// Page cache of this connection in KiB (PRAGMA cache_size = -N), for a connection whose
  /// transactions touch more pages than SQLite's 2 MB default holds; nullopt keeps the default.
  std::optional<std::int64_t> cache_kib;
  /// Temporary files (statement journals of savepoints, sorts) in memory (PRAGMA temp_store =
  /// MEMORY) instead of on disk; they make nothing durable.
  bool temp_store_memory = false;
};

/// One open SQLite database with the project's settings: foreign keys enforced, WAL, a busy
/// timeout and explicit durability.
///
/// Threading: one connection per thread; it is opened SQLITE_OPEN_NOMUTEX, so the owner must never
/// share it (or its statements) across threads without its own lock.
class Connection {
 public:
  /// Opens `path` (or ":memory:"; an empty path is refused) and applies `options`. A file that is
  /// not a database fails here with Errc::not_a_database, not later at the first query.
  static Result<Connection> Open(const std::filesystem::path& path,
                                 const OpenOptions& options = {});

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  /// Runs a script of zero or more statements separated by semicolons, discarding result rows.
  /// Stops at the first failing statement; earlier statements stay applied unless the caller
  /// wrapped the script in a Transaction.
  Result<void> Execute(std::string_view sql);

  /// Compiles exactly one statement. Several statements are refused with Errc::bad_parameter
  /// rather than silently ignoring all but the first; use Execute() for scripts.
  Result<Statement> Prepare(std::string_view sql);

  /// Prepare, but from the connection's cache: the statement is compiled the first time `sql` is
  /// asked for and reused after (db/cached_statement.hpp). For a query run on a hot path from a
  /// function; a class that keeps its statements prepares them once with PrepareAll instead.
  Result<CachedStatement> PrepareCached(std::string_view sql);
  /// Statements the cache holds idle, ready for their SQL's next PrepareCached (for tests and
  /// diagnostics).
  std::size_t IdleCachedStatements() const noexcept;

  /// Rowid of the last successful INSERT on this connection.
  std::int64_t LastInsertRowId() const noexcept;
  /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  std::int64_t Changes() const noexcept;
  /// True while a transaction is open (BEGIN without COMMIT or ROLLBACK yet).
  bool InTransaction() const noexcept;
  bool IsReadOnly() const noexcept;

  /// SQLite's English explanation of the last failure on this connection, for logs: the Errc says
  /// what class of failure, this says which table, column or token.
  std::string LastErrorMessage() const;
  /// SQLite's extended result code of the last failure (e.g. 2067 = SQLITE_CONSTRAINT_UNIQUE).
  int LastExtendedErrorCode() const noexcept;

 private:
  /// The backup API joins two connections' handles.
  friend class Backup;

  explicit Connection(sqlite3* db) noexcept : db_(db) {}
  Result<void> Configure(const std::filesystem::path& path, const OpenOptions& options);

  sqlite3* db_ = nullptr;
  /// Created on the first PrepareCached; emptied before the handle is closed.
  std::shared_ptr<internal::StatementCache> cache_;
};

}  // namespace minegate::db
