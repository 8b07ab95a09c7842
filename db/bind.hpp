#pragma once
/// The one way to bind values: BindAll(statement, id, name, db::Blob(bytes), std::nullopt) sets
/// parameters 1..N in order, and refuses a count that is not the statement's. PrepareAll for
/// classes that keep prepared statements. db/query.hpp builds the one-call queries on these.
///
/// What binds as what:
///   integers (bool, enums cast by the caller, unsigned)   INTEGER (uint64 above INT64_MAX wraps)
///   float, double                                          REAL
///   std::string, std::string_view, const char*            TEXT
///   db::Blob (bytes in a std::string), std::span<const std::uint8_t>,
///   std::vector<std::uint8_t>                              BLOB (empty is an empty blob, not NULL)
///   std::nullopt, an empty std::optional<any of these>    NULL

#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"

namespace minegate::db {

/// A BLOB parameter from bytes held in a std::string (protobuf `bytes` fields).
struct Blob {
  std::span<const std::uint8_t> bytes;
  explicit Blob(std::string_view data)
      : bytes(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()) {}
  explicit Blob(std::span<const std::uint8_t> data) : bytes(data) {}
};

namespace internal {

// Every overload is declared before the optional<T> template below, which finds them by ordinary
// lookup. Strings have exact overloads: otherwise std::string converts equally well to
// string_view and to the span, and the call is ambiguous.
inline Result<void> BindOne(Statement& s, int i, std::nullopt_t) { return s.BindNull(i); }
inline Result<void> BindOne(Statement& s, int i, const Blob& v) { return s.BindBlob(i, v.bytes); }
inline Result<void> BindOne(Statement& s, int i, std::span<const std::uint8_t> v) {
  return s.BindBlob(i, v);
}
inline Result<void> BindOne(Statement& s, int i, const std::vector<std::uint8_t>& v) {
  return s.BindBlob(i, v);
}
inline Result<void> BindOne(Statement& s, int i, std::string_view v) { return s.BindText(i, v); }
inline Result<void> BindOne(Statement& s, int i, const std::string& v) { return s.BindText(i, v); }
inline Result<void> BindOne(Statement& s, int i, const char* v) { return s.BindText(i, v); }
template <std::integral T>
Result<void> BindOne(Statement& s, int i, T v) {
  return s.BindInt64(i, static_cast<std::int64_t>(v));
}
template <std::floating_point T>
Result<void> BindOne(Statement& s, int i, T v) {
  return s.BindDouble(i, static_cast<double>(v));
}
template <class T>
Result<void> BindOne(Statement& s, int i, const std::optional<T>& v) {
  if (!v) return s.BindNull(i);
  return BindOne(s, i, *v);
}

}  // namespace internal

/// Prepares each SQL text into its slot, in order; stops at the first failure.
/// For classes that prepare their statements once and keep them.
inline Result<void> PrepareAll(
    Connection& connection,
    std::span<const std::pair<std::optional<Statement>*, const char*>> statements) {
  for (const auto& [slot, sql] : statements) {
    auto statement = connection.Prepare(sql);
    if (!statement) return statement.error();
    slot->emplace(std::move(statement).value());
  }
  return Success();
}

/// Resets the statement and binds `values` to parameters 1..N. Fewer or more values than the
/// statement's parameters is Errc::bad_parameter, before anything is bound: a parameter left out
/// would silently run as NULL, or as the value a kept statement had the time before.
template <class... Values>
Result<void> BindAll(Statement& statement, const Values&... values) {
  statement.Reset();
  if (statement.ParameterCount() != static_cast<int>(sizeof...(Values))) {
    return make_error_code(Errc::bad_parameter);
  }
  int index = 0;
  Result<void> result = Success();
  ((result ? (result = internal::BindOne(statement, ++index, values)) : result), ...);
  return result;
}

}  // namespace minegate::db
