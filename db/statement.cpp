#include "db/statement.hpp"

#include <sqlite3.h>

#include <utility>

#include "db/internal/sqlite_errc.hpp"

namespace minegate::db {
namespace {

/// A non-null address for empty text and blobs: SQLite binds NULL when given a null pointer, and
/// an empty string_view or span may well have one.
constexpr char kEmpty[1] = {'\0'};

}  // namespace

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Result<void> Statement::Check(int sqlite_code) const noexcept {
  if (sqlite_code == SQLITE_OK) return Success();
  return internal::SqliteError(sqlite_code);
}

Result<void> Statement::BindInt64(int index, std::int64_t value) {
  if (stmt_ == nullptr) return make_error_code(Errc::misuse);
  return Check(sqlite3_bind_int64(stmt_, index, value));
}

Result<void> Statement::BindDouble(int index, double value) {
  if (stmt_ == nullptr) return make_error_code(Errc::misuse);
  return Check(sqlite3_bind_double(stmt_, index, value));
}

Result<void> Statement::BindText(int index, std::string_view value) {
  if (stmt_ == nullptr) return make_error_code(Errc::misuse);
  const char* data = value.empty() ? kEmpty : value.data();
  // SQLITE_TRANSIENT: SQLite copies now, so the caller's buffer need not outlive the step.
  return Check(
      sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

Result<void> Statement::BindBlob(int index, std::span<const std::uint8_t> value) {
  if (stmt_ == nullptr) return make_error_code(Errc::misuse);
  const void* data = value.empty() ? static_cast<const void*>(kEmpty) : value.data();
  return Check(sqlite3_bind_blob64(stmt_, index, data, value.size(), SQLITE_TRANSIENT));
}

Result<void> Statement::BindNull(int index) {
  if (stmt_ == nullptr) return make_error_code(Errc::misuse);
  return Check(sqlite3_bind_null(stmt_, index));
}

int Statement::ParameterCount() const noexcept {
  return stmt_ == nullptr ? 0 : sqlite3_bind_parameter_count(stmt_);
}

Result<bool> Statement::Step() {
  if (stmt_ == nullptr) return make_error_code(Errc::misuse);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return internal::SqliteError(sqlite3_db_handle(stmt_), rc);
}

Result<void> Statement::Run() {
  Result<bool> row = Step();
  while (row && row.value()) row = Step();
  Reset();
  if (!row) return row.error();
  return Success();
}

void Statement::Reset() noexcept {
  // sqlite3_reset repeats the last step's error, which Step() already returned: ignore it.
  if (stmt_ != nullptr) sqlite3_reset(stmt_);
}

void Statement::ClearBindings() noexcept {
  if (stmt_ != nullptr) sqlite3_clear_bindings(stmt_);
}

int Statement::ColumnCount() const noexcept {
  return stmt_ == nullptr ? 0 : sqlite3_column_count(stmt_);
}

bool Statement::ColumnIsNull(int column) const noexcept {
  return stmt_ == nullptr || sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::ColumnInt64(int column) const noexcept {
  return stmt_ == nullptr ? 0 : sqlite3_column_int64(stmt_, column);
}

double Statement::ColumnDouble(int column) const noexcept {
  return stmt_ == nullptr ? 0.0 : sqlite3_column_double(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  if (stmt_ == nullptr) return {};
  // Pointer first, then size: the documented order, since fetching the text may convert it.
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr || size <= 0) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::vector<std::uint8_t> Statement::ColumnBlob(int column) const {
  if (stmt_ == nullptr) return {};
  const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  if (bytes == nullptr || size <= 0) return {};
  return std::vector<std::uint8_t>(bytes, bytes + size);
}

std::string_view Statement::Sql() const noexcept {
  const char* sql = stmt_ == nullptr ? nullptr : sqlite3_sql(stmt_);
  return sql == nullptr ? std::string_view() : std::string_view(sql);
}

}  // namespace minegate::db
