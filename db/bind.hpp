#pragma once
/// Statements in one call: PrepareAll for classes that keep prepared statements,
/// BindAll for a whole parameter list: BindAll(statement, id, name, blob, std::nullopt).
/// Integers bind as INTEGER, strings as TEXT, byte spans and vectors as BLOB,
/// std::nullopt / an empty optional as NULL.

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

inline Result<void> BindOne(Statement& s, int i, std::nullopt_t) { return s.BindNull(i); }
inline Result<void> BindOne(Statement& s, int i, const Blob& v) { return s.BindBlob(i, v.bytes); }
inline Result<void> BindOne(Statement& s, int i, std::string_view v) { return s.BindText(i, v); }
inline Result<void> BindOne(Statement& s, int i, const std::string& v) { return s.BindText(i, v); }
inline Result<void> BindOne(Statement& s, int i, const char* v) { return s.BindText(i, v); }
inline Result<void> BindOne(Statement& s, int i, const std::vector<std::uint8_t>& v) {
  return s.BindBlob(i, v);
}
template <std::integral T>
Result<void> BindOne(Statement& s, int i, T v) {
  return s.BindInt64(i, static_cast<std::int64_t>(v));
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

/// Resets the statement and binds `values` to parameters 1..N.
template <class... Values>
Result<void> BindAll(Statement& statement, const Values&... values) {
  statement.Reset();
  int index = 0;
  Result<void> result = Success();
  ((result ? (result = internal::BindOne(statement, ++index, values)) : result), ...);
  return result;
}

}  // namespace minegate::db
