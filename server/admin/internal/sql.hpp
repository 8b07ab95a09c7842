#pragma once
/// One-call prepare-and-bind for the admin queries, so each query reads as its SQL and its values
/// rather than a ladder of checked Bind calls.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin::internal {

inline db::Result<void> BindValue(db::Statement& s, int i, std::int64_t v) {
  return s.BindInt64(i, v);
}
inline db::Result<void> BindValue(db::Statement& s, int i, std::string_view v) {
  return s.BindText(i, v);
}
// Exact overloads for strings: otherwise std::string converts equally well to string_view and to
// optional<string_view>, and the call is ambiguous.
inline db::Result<void> BindValue(db::Statement& s, int i, const std::string& v) {
  return s.BindText(i, v);
}
inline db::Result<void> BindValue(db::Statement& s, int i, const char* v) {
  return s.BindText(i, v);
}
inline db::Result<void> BindValue(db::Statement& s, int i, std::span<const std::uint8_t> v) {
  return s.BindBlob(i, v);
}
inline db::Result<void> BindValue(db::Statement& s, int i, std::nullopt_t) { return s.BindNull(i); }
inline db::Result<void> BindValue(db::Statement& s, int i, std::optional<std::int64_t> v) {
  return s.BindOptionalInt64(i, v);
}
inline db::Result<void> BindValue(db::Statement& s, int i, std::optional<std::string_view> v) {
  return s.BindOptionalText(i, v);
}

/// Prepares `sql` and binds `values` to ?1..?N in order.
template <class... Values>
Result<db::Statement> Query(db::Connection& connection, std::string_view sql,
                            const Values&... values) {
  auto statement = connection.Prepare(sql);
  if (!statement) return statement.error();
  int index = 0;
  boost::system::error_code failure;
  const auto bind = [&](const auto& value) {
    if (failure) return;
    auto bound = BindValue(statement.value(), ++index, value);
    if (!bound) failure = bound.error();
  };
  (bind(values), ...);
  static_cast<void>(bind);  // a query without parameters never calls it
  if (failure) return failure;
  return statement;
}

/// Prepares, binds and runs a statement that returns no rows (INSERT, UPDATE).
template <class... Values>
Result<void> Execute(db::Connection& connection, std::string_view sql, const Values&... values) {
  auto statement = Query(connection, sql, values...);
  if (!statement) return statement.error();
  auto ran = statement.value().Run();
  if (!ran) return ran.error();
  return Success();
}

/// True when the query returns at least one row.
template <class... Values>
Result<bool> Exists(db::Connection& connection, std::string_view sql, const Values&... values) {
  auto query = Query(connection, sql, values...);
  if (!query) return query.error();
  auto row = query.value().Step();
  if (!row) return row.error();
  return row.value();
}

/// The first row of the query as a T, or nullopt when there is none.
template <class T, class Read, class... Values>
Result<std::optional<T>> FirstRow(db::Connection& connection, std::string_view sql, Read read,
                                  const Values&... values) {
  auto query = Query(connection, sql, values...);
  if (!query) return query.error();
  auto row = query.value().Step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<T>();
  return std::optional<T>(read(query.value()));
}

/// Every row of the query, each turned into a T by `read(statement)`.
template <class T, class Read, class... Values>
Result<std::vector<T>> CollectRows(db::Connection& connection, std::string_view sql, Read read,
                                   const Values&... values) {
  auto query = Query(connection, sql, values...);
  if (!query) return query.error();
  std::vector<T> rows;
  for (;;) {
    auto row = query.value().Step();
    if (!row) return row.error();
    if (!row.value()) return rows;
    rows.push_back(read(query.value()));
  }
}

}  // namespace minegate::server::admin::internal
