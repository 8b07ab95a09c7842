#include "db/connection.hpp"

#include <sqlite3.h>

#include <limits>
#include <string>
#include <utility>

#include "db/internal/sqlite_errc.hpp"
#include "db/statement.hpp"

namespace minegate::db {
namespace {

bool IsInMemory(const std::filesystem::path& path) { return path.native() == ":memory:"; }

int ToSqliteLength(std::string_view sql) {
  // SQLite takes an int length; larger scripts are refused by the caller first.
  return static_cast<int>(sql.size());
}

/// Steps a compiled statement to the end, discarding rows (PRAGMAs inside scripts return some).
int StepToDone(sqlite3_stmt* stmt) {
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt);
  return rc;
}

}  // namespace

Result<Connection> Connection::Open(const std::filesystem::path& path, const OpenOptions& options) {
  // NOMUTEX: the caller owns the connection on one thread (see the class comment), so SQLite's
  // per-connection mutex would only cost time. EXRESCODE: extended codes from the open itself.
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= options.access == OpenOptions::Access::kReadOnly
               ? SQLITE_OPEN_READONLY
               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  // An empty path would give SQLite's private temporary database: from a missing configuration
  // value that would silently lose every write, so refuse it.
  if (path.empty()) return make_error_code(Errc::bad_parameter);
  const std::string name = path.string();

  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  // Even a failed open may allocate a handle; the Connection owns and closes it either way.
  Connection connection(raw);
  if (rc != SQLITE_OK) return internal::SqliteError(rc);
  if (raw == nullptr) return make_error_code(Errc::no_memory);
  sqlite3_extended_result_codes(raw, 1);

  Result<void> configured = connection.Configure(path, options);
  if (!configured) return configured.error();
  return connection;
}

Result<void> Connection::Configure(const std::filesystem::path& path, const OpenOptions& options) {
  const auto timeout_ms = options.busy_timeout.count();
  if (timeout_ms < 0 || timeout_ms > std::numeric_limits<int>::max()) {
    return make_error_code(Errc::bad_parameter);
  }
  sqlite3_busy_timeout(db_, static_cast<int>(timeout_ms));

  // Opening is lazy: read the schema now so that a file which is not a database, or is damaged,
  // fails at Open with a clear code instead of at some later query.
  if (Result<void> probe = Execute("SELECT count(*) FROM sqlite_schema"); !probe) {
    return probe.error();
  }

  // Always on: SQLite's default is off, per connection, for backwards compatibility.
  if (Result<void> fk = Execute("PRAGMA foreign_keys = ON"); !fk) return fk.error();
  Result<Statement> fk_check = Prepare("PRAGMA foreign_keys");
  if (!fk_check) return fk_check.error();
  Result<bool> fk_row = fk_check.value().Step();
  if (!fk_row) return fk_row.error();
  // A build without foreign-key support would silently accept the pragma: refuse to run on it.
  if (!fk_row.value() || fk_check.value().ColumnInt64(0) != 1) {
    return make_error_code(Errc::open_failed);
  }

  const bool read_only = options.access == OpenOptions::Access::kReadOnly;
  if (options.wal && !read_only && !IsInMemory(path)) {
    Result<Statement> wal = Prepare("PRAGMA journal_mode = WAL");
    if (!wal) return wal.error();
    Result<bool> wal_row = wal.value().Step();
    if (!wal_row) return wal_row.error();
    // SQLite answers with the mode it actually uses; anything else means WAL is unavailable on
    // this file system and our concurrency and durability assumptions would not hold.
    if (!wal_row.value() || wal.value().ColumnText(0) != "wal") {
      return make_error_code(Errc::open_failed);
    }
  }

  if (Result<void> sync = Execute(options.synchronous == OpenOptions::Synchronous::kFull
                                      ? "PRAGMA synchronous = FULL"
                                      : "PRAGMA synchronous = NORMAL");
      !sync) {
    return sync.error();
  }
  if (options.cache_kib) {
    // A negative cache_size counts KiB; a positive one would count pages.
    if (*options.cache_kib <= 0) return make_error_code(Errc::bad_parameter);
    const std::string cache = "PRAGMA cache_size = -" + std::to_string(*options.cache_kib);
    if (Result<void> set = Execute(cache); !set) return set.error();
  }
  if (options.temp_store_memory) {
    if (Result<void> set = Execute("PRAGMA temp_store = MEMORY"); !set) return set.error();
  }
  return Success();
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    cache_.reset();
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

// close_v2 defers the close until every statement is finalized, so destruction order between a
// Connection and its Statements cannot leak or crash. The idle cached statements are finalized
// first, so that the close is not deferred for them.
Connection::~Connection() {
  cache_.reset();
  sqlite3_close_v2(db_);
}

std::size_t Connection::IdleCachedStatements() const noexcept {
  return cache_ ? cache_->idle() : 0;
}

Result<CachedStatement> Connection::PrepareCached(std::string_view sql) {
  if (!cache_) cache_ = std::make_shared<internal::StatementCache>();
  auto [slot, idle] = cache_->Take(sql);
  if (idle) return CachedStatement(slot, std::move(*idle), cache_);
  auto prepared = Prepare(sql);
  if (!prepared) return prepared.error();
  return CachedStatement(slot, std::move(prepared).value(), cache_);
}

Result<void> Connection::Execute(std::string_view sql) {
  if (db_ == nullptr) return make_error_code(Errc::misuse);
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return make_error_code(Errc::too_big);
  }
  // A prepare loop rather than sqlite3_exec: it takes a string_view (no copy, no terminator
  // needed, e.g. for embedded migrations) and reports the same codes.
  const char* next = sql.data();
  const char* const end = sql.data() + sql.size();
  while (next < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int length = static_cast<int>(end - next);
    const int prepared = sqlite3_prepare_v2(db_, next, length, &stmt, &tail);
    if (prepared != SQLITE_OK) return internal::SqliteError(prepared);
    next = tail;
    if (stmt == nullptr) continue;  // Only whitespace or a comment.
    const int stepped = StepToDone(stmt);
    sqlite3_finalize(stmt);
    if (stepped != SQLITE_DONE) return internal::SqliteError(db_, stepped);
  }
  return Success();
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  if (db_ == nullptr) return make_error_code(Errc::misuse);
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return make_error_code(Errc::too_big);
  }
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), ToSqliteLength(sql), &raw, &tail);
  if (rc != SQLITE_OK) return internal::SqliteError(rc);
  if (raw == nullptr) return make_error_code(Errc::bad_parameter);  // Empty or only comments.
  Statement statement(raw);

  // Whatever follows must be empty: compiling it yields no statement only for blanks/comments.
  const char* const end = sql.data() + sql.size();
  sqlite3_stmt* extra = nullptr;
  const int extra_rc = sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &extra, nullptr);
  const bool has_extra = extra != nullptr;
  sqlite3_finalize(extra);
  if (extra_rc != SQLITE_OK) return internal::SqliteError(extra_rc);
  if (has_extra) return make_error_code(Errc::bad_parameter);
  return statement;
}

std::int64_t Connection::LastInsertRowId() const noexcept {
  return db_ == nullptr ? 0 : sqlite3_last_insert_rowid(db_);
}

std::int64_t Connection::Changes() const noexcept {
  return db_ == nullptr ? 0 : sqlite3_changes64(db_);
}

bool Connection::InTransaction() const noexcept {
  return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
}

bool Connection::IsReadOnly() const noexcept {
  return db_ == nullptr || sqlite3_db_readonly(db_, "main") == 1;
}

std::string Connection::LastErrorMessage() const {
  return db_ == nullptr ? std::string("no connection") : std::string(sqlite3_errmsg(db_));
}

int Connection::LastExtendedErrorCode() const noexcept {
  return db_ == nullptr ? SQLITE_MISUSE : sqlite3_extended_errcode(db_);
}

}  // namespace minegate::db
