#include "db/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "db/connection.hpp"
#include "db/internal/sqlite_errc.hpp"
#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace minegate::db {
namespace {

boost::system::error_code LastSystemError() { return {errno, boost::system::system_category()}; }

/// The temporary file and SQLite's journal beside it, removed unless released.
class TemporaryCopy {
 public:
  explicit TemporaryCopy(std::string path) : path_(std::move(path)) {}
  TemporaryCopy(const TemporaryCopy&) = delete;
  TemporaryCopy& operator=(const TemporaryCopy&) = delete;
  ~TemporaryCopy() {
    if (path_.empty()) return;
    ::unlink(path_.c_str());
    ::unlink((path_ + "-journal").c_str());
  }
  const std::string& path() const { return path_; }
  /// The file is moved to its name (or removed by the move's failure): nothing left to remove.
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

/// Finishes the backup handle exactly once, on every path.
class BackupHandle {
 public:
  explicit BackupHandle(sqlite3_backup* handle) : handle_(handle) {}
  BackupHandle(const BackupHandle&) = delete;
  BackupHandle& operator=(const BackupHandle&) = delete;
  ~BackupHandle() { Finish(); }
  sqlite3_backup* get() const { return handle_; }
  /// sqlite3_backup_finish's code (the first error a step met, or SQLITE_OK); SQLITE_OK again
  /// once finished.
  int Finish() { return sqlite3_backup_finish(std::exchange(handle_, nullptr)); }

 private:
  sqlite3_backup* handle_;
};

}  // namespace

Result<BackupReport> Backup::Copy(Connection& source, const std::filesystem::path& target,
                                  const BackupOptions& options) {
  if (source.db_ == nullptr || target.empty() || options.pages_per_step <= 0 ||
      options.max_busy_pauses < 0 || options.busy_pause.count() < 0) {
    return make_error_code(Errc::bad_parameter);
  }
  // Refused before the long copy; the final link refuses a file that appeared meanwhile.
  std::error_code exists_error;
  if (options.write_mode == base::WriteMode::create_new &&
      std::filesystem::exists(target, exists_error)) {
    return make_error_code(boost::system::errc::file_exists);
  }

  // The snapshot every page is read from (see the class comment). A caller's open transaction
  // already is one; otherwise a deferred BEGIN plus a read starts it.
  std::optional<Transaction> snapshot;
  if (!source.InTransaction()) {
    Result<Transaction> begun = Transaction::Begin(source, Transaction::Mode::kDeferred);
    if (!begun) return begun.error();
    snapshot.emplace(std::move(begun).value());
    if (Result<void> read = source.Execute("SELECT count(*) FROM sqlite_schema"); !read) {
      return read.error();
    }
  }

  // mkostemp: a unique name (two backups never share one) created 0600 whatever the umask, as
  // the copy holds everything the database holds.
  std::string temporary_name = target.string() + ".tmp.XXXXXX";
  const int fd = ::mkostemp(temporary_name.data(), O_CLOEXEC);
  if (fd < 0) return LastSystemError();
  ::close(fd);
  TemporaryCopy temporary(temporary_name);

  BackupReport report;
  {
    // An empty file is an empty database. No WAL on the copy: it must be one self-contained
    // file. Its durability is the final fsync's job, not each step's.
    OpenOptions copy_options;
    copy_options.wal = false;
    copy_options.synchronous = OpenOptions::Synchronous::kNormal;
    Result<Connection> copy = Connection::Open(temporary.path(), copy_options);
    if (!copy) return copy.error();
    Connection& destination = copy.value();

    BackupHandle backup(sqlite3_backup_init(destination.db_, "main", source.db_, "main"));
    if (backup.get() == nullptr) {
      return internal::SqliteError(sqlite3_extended_errcode(destination.db_));
    }
    sqlite3_backup* const raw = backup.get();
    int rc = SQLITE_OK;
    int remaining_before = -1;
    while (true) {
      rc = sqlite3_backup_step(raw, options.pages_per_step);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        if (report.busy_pauses >= options.max_busy_pauses) break;
        ++report.busy_pauses;
        std::this_thread::sleep_for(options.busy_pause);
        continue;
      }
      if (rc != SQLITE_OK && rc != SQLITE_DONE) break;
      ++report.steps;
      const int remaining = sqlite3_backup_remaining(raw);
      const int total = sqlite3_backup_pagecount(raw);
      // More pages left than before: the API started over because the source changed, which
      // the snapshot rules out. Stop rather than loop (the bound on restarts is zero).
      if (remaining_before >= 0 && remaining > remaining_before) {
        return make_error_code(Errc::interrupted);
      }
      remaining_before = remaining;
      if (options.progress) options.progress(total - remaining, total);
      if (rc == SQLITE_DONE) break;
    }
    report.pages = sqlite3_backup_pagecount(raw);
    const int finished = backup.Finish();
    if (rc != SQLITE_DONE) {
      return internal::SqliteError((rc & 0xff) == SQLITE_OK ? finished : rc);
    }
    if (finished != SQLITE_OK) return internal::SqliteError(finished);
    snapshot.reset();  // The read is over: the server's checkpoints may pass again.

    // The copied header says WAL when the source was in WAL mode; a backup file is opened
    // read-only by restores and must need no -wal or -shm beside it.
    auto mode = QueryOne(destination, "PRAGMA journal_mode = DELETE",
                         [](const Statement& row) { return row.ColumnText(0); });
    if (!mode) return mode.error();
    if (mode.value() != "delete") return make_error_code(Errc::internal);

    auto problems = CheckIntegrity(destination, options.check);
    if (!problems) return problems.error();
    if (!problems.value().empty()) return make_error_code(Errc::corrupt);
    auto page_size = QueryOne(destination, "PRAGMA page_size",
                              [](const Statement& row) { return row.ColumnInt64(0); });
    if (!page_size) return page_size.error();
    report.page_size = page_size.value();
    report.bytes = report.pages * report.page_size;
  }  // The copy's connection closes here, before its file is synced and named.

  const std::string placed = temporary.path();
  temporary.Release();  // MoveFileDurably removes it on failure.
  if (Result<void> moved = base::MoveFileDurably(placed, target, options.write_mode); !moved) {
    ::unlink((placed + "-journal").c_str());
    return moved.error();
  }
  return report;
}

}  // namespace minegate::db
