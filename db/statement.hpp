#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/error.hpp"

struct sqlite3_stmt;

namespace minegate::db {

class Connection;

/// One compiled SQL statement, created by Connection::Prepare and reusable: bind, step, reset.
/// Parameters are numbered from 1 (`?1`, or the order of `?`), columns from 0, as in SQLite.
///
/// Threading: belongs to its connection's thread; must not outlive it in use (destroying it later
/// is safe).
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Result<void> BindInt64(int index, std::int64_t value);
  Result<void> BindDouble(int index, double value);
  /// Copies the text (UTF-8), so `value` may die before Step().
  Result<void> BindText(int index, std::string_view value);
  /// Copies the bytes. An empty span binds an empty blob, not NULL.
  Result<void> BindBlob(int index, std::span<const std::uint8_t> value);
  Result<void> BindNull(int index);
  /// How many parameters the SQL declares: the largest index (`?3` counts as three even if `?2`
  /// is never written), or the number of `?`.
  int ParameterCount() const noexcept;

  /// Advances to the next row: true when a row is ready to read, false when the statement is done.
  Result<bool> Step();
  /// Steps to the end, discarding any rows, then resets, so the statement can be bound and run
  /// again (INSERT, UPDATE, DELETE in a loop).
  Result<void> Run();
  /// Rewinds to before the first row and releases the statement's read lock. Bindings are kept.
  void Reset() noexcept;
  /// Sets every parameter back to NULL.
  void ClearBindings() noexcept;

  // Column getters read the current row (after Step() returned true). SQLite converts between
  // types as documented in "Result Values From A Query"; NULL reads as 0, "" or empty.
  int ColumnCount() const noexcept;
  bool ColumnIsNull(int column) const noexcept;
  std::int64_t ColumnInt64(int column) const noexcept;
  double ColumnDouble(int column) const noexcept;
  std::string ColumnText(int column) const;
  std::vector<std::uint8_t> ColumnBlob(int column) const;

  /// The SQL text, for logs.
  std::string_view Sql() const noexcept;

 private:
  friend class Connection;
  explicit Statement(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}
  Result<void> Check(int sqlite_code) const noexcept;

  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace minegate::db
