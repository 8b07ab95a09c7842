#pragma once
/// Queries in one call, so a store method reads as its SQL, its values and how a row becomes a
/// value rather than as a ladder of checked Prepare, Bind and Step calls. The SQL stays in the
/// store; these only remove the boilerplate. The first failure (prepare, bind, step, or a row
/// the reader refuses) is returned as a value and nothing after it runs.
///
/// On a connection: prepare, bind ?1..?N with BindAll (db/bind.hpp), run, finalize.
///   Execute(connection, sql, values...)             runs a statement that returns no rows
///   Exists(connection, sql, values...)              true when there is at least one row
///   QueryAll(connection, sql, read, values...)      every row as read(row), in order
///   QueryFirst(connection, sql, read, values...)    the first row, or nullopt when none
///   QueryOne(connection, sql, read, values...)      the first row; Errc::no_row when none
///   Query(connection, sql, values...)               the bound statement, for what is left
/// On a statement already bound (kept by a class, or bound again in a loop):
///   ReadAll, ReadFirst, ReadOne, HasRow, ForEachRow (statement, ...)
/// which leave it reset with its bindings kept: ready to bind again, and holding no read lock.
///
/// `read` takes the current row (`const Statement&`) and returns a T, or a Result<T> when a row
/// can be refused (a blob that does not parse): that error stops the query and is returned.

#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "db/bind.hpp"
#include "db/connection.hpp"
#include "db/error.hpp"
#include "db/statement.hpp"

namespace minegate::db {
namespace internal {

template <class T>
struct RowValue {
  using type = T;
};
template <class T>
struct RowValue<Result<T>> {
  using type = T;
};

/// The value `read` makes of one row, whether it returns a T or a Result<T>.
template <class Read>
using ReadValue =
    typename RowValue<std::remove_cvref_t<std::invoke_result_t<Read&, const Statement&>>>::type;

/// read(row) as a Result: a T converts to a successful one, a Result<T> passes as it is.
template <class Read>
Result<ReadValue<Read>> ReadRow(Read& read, const Statement& row) {
  return read(row);
}

/// Resets the statement on every way out, after the return value has been read from it.
class ResetAtEnd {
 public:
  explicit ResetAtEnd(Statement& statement) noexcept : statement_(statement) {}
  ResetAtEnd(const ResetAtEnd&) = delete;
  ResetAtEnd& operator=(const ResetAtEnd&) = delete;
  ~ResetAtEnd() { statement_.Reset(); }

 private:
  Statement& statement_;
};

}  // namespace internal

/// Steps through every row, calling visit(row). `visit` returns void to go on; Result<void> when
/// it can fail (writes, parsing), its error stopping the walk; or Result<bool>, false stopping
/// the walk early without error (a byte budget reached).
template <class Visit>
Result<void> ForEachRow(Statement& statement, Visit visit) {
  using Returned = std::invoke_result_t<Visit&, const Statement&>;
  static_assert(std::is_void_v<Returned> || std::is_same_v<Returned, Result<void>> ||
                    std::is_same_v<Returned, Result<bool>>,
                "visit returns void, Result<void> or Result<bool>");
  const internal::ResetAtEnd reset(statement);
  const Statement& row = statement;
  for (;;) {
    auto stepped = statement.Step();
    if (!stepped) return stepped.error();
    if (!stepped.value()) return Success();
    if constexpr (std::is_void_v<Returned>) {
      visit(row);
    } else if constexpr (std::is_same_v<Returned, Result<void>>) {
      if (auto visited = visit(row); !visited) return visited.error();
    } else {
      auto more = visit(row);
      if (!more) return more.error();
      if (!more.value()) return Success();
    }
  }
}

/// Every row as read(row), in the statement's order.
template <class Read>
Result<std::vector<internal::ReadValue<Read>>> ReadAll(Statement& statement, Read read) {
  std::vector<internal::ReadValue<Read>> rows;
  auto walked = ForEachRow(statement, [&](const Statement& row) -> Result<void> {
    auto value = internal::ReadRow(read, row);
    if (!value) return value.error();
    rows.push_back(std::move(value).value());
    return Success();
  });
  if (!walked) return walked.error();
  return rows;
}

/// The first row as read(row), or nullopt when there is none. Later rows are not stepped.
template <class Read>
Result<std::optional<internal::ReadValue<Read>>> ReadFirst(Statement& statement, Read read) {
  using Value = internal::ReadValue<Read>;
  const internal::ResetAtEnd reset(statement);
  auto stepped = statement.Step();
  if (!stepped) return stepped.error();
  if (!stepped.value()) return std::optional<Value>();
  auto value = internal::ReadRow(read, statement);
  if (!value) return value.error();
  return std::optional<Value>(std::move(value).value());
}

/// The first row as read(row); Errc::no_row when there is none (a row the schema guarantees).
template <class Read>
Result<internal::ReadValue<Read>> ReadOne(Statement& statement, Read read) {
  auto first = ReadFirst(statement, std::move(read));
  if (!first) return first.error();
  if (!first.value()) return make_error_code(Errc::no_row);
  return *std::move(first).value();
}

/// True when the statement returns at least one row.
inline Result<bool> HasRow(Statement& statement) {
  const internal::ResetAtEnd reset(statement);
  return statement.Step();
}

/// Prepares `sql` and binds `values` to ?1..?N in order (BindAll: the count must match).
template <class... Values>
Result<Statement> Query(Connection& connection, std::string_view sql, const Values&... values) {
  auto statement = connection.Prepare(sql);
  if (!statement) return statement.error();
  if (auto bound = BindAll(statement.value(), values...); !bound) return bound.error();
  return statement;
}

/// Prepares, binds and runs one statement that returns no rows (INSERT, UPDATE, DELETE). For a
/// script of several statements without values, Connection::Execute.
template <class... Values>
Result<void> Execute(Connection& connection, std::string_view sql, const Values&... values) {
  auto statement = Query(connection, sql, values...);
  if (!statement) return statement.error();
  return statement.value().Run();
}

/// True when the query returns at least one row.
template <class... Values>
Result<bool> Exists(Connection& connection, std::string_view sql, const Values&... values) {
  auto statement = Query(connection, sql, values...);
  if (!statement) return statement.error();
  return HasRow(statement.value());
}

/// Every row of the query as read(row), in order.
template <class Read, class... Values>
Result<std::vector<internal::ReadValue<Read>>> QueryAll(Connection& connection,
                                                        std::string_view sql, Read read,
                                                        const Values&... values) {
  auto statement = Query(connection, sql, values...);
  if (!statement) return statement.error();
  return ReadAll(statement.value(), std::move(read));
}

/// The first row of the query as read(row), or nullopt when there is none.
template <class Read, class... Values>
Result<std::optional<internal::ReadValue<Read>>> QueryFirst(Connection& connection,
                                                            std::string_view sql, Read read,
                                                            const Values&... values) {
  auto statement = Query(connection, sql, values...);
  if (!statement) return statement.error();
  return ReadFirst(statement.value(), std::move(read));
}

/// Query, from the connection's statement cache (Connection::PrepareCached): for a lookup a hot
/// path runs again and again. CachedQueryFirst and CachedExists read it in one call.
template <class... Values>
Result<CachedStatement> CachedQuery(Connection& connection, std::string_view sql,
                                    const Values&... values) {
  auto statement = connection.PrepareCached(sql);
  if (!statement) return statement.error();
  if (auto bound = BindAll(*statement.value(), values...); !bound) return bound.error();
  return statement;
}

/// QueryFirst, from the connection's statement cache.
template <class Read, class... Values>
Result<std::optional<internal::ReadValue<Read>>> CachedQueryFirst(Connection& connection,
                                                                  std::string_view sql, Read read,
                                                                  const Values&... values) {
  auto statement = CachedQuery(connection, sql, values...);
  if (!statement) return statement.error();
  return ReadFirst(*statement.value(), std::move(read));
}

/// Exists, from the connection's statement cache.
template <class... Values>
Result<bool> CachedExists(Connection& connection, std::string_view sql, const Values&... values) {
  auto statement = CachedQuery(connection, sql, values...);
  if (!statement) return statement.error();
  return HasRow(*statement.value());
}

/// The first row of the query as read(row); Errc::no_row when there is none.
template <class Read, class... Values>
Result<internal::ReadValue<Read>> QueryOne(Connection& connection, std::string_view sql, Read read,
                                           const Values&... values) {
  auto statement = Query(connection, sql, values...);
  if (!statement) return statement.error();
  return ReadOne(statement.value(), std::move(read));
}

}  // namespace minegate::db
