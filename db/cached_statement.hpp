#pragma once
/// A statement from its connection's cache (Connection::PrepareCached), for a query a hot path
/// runs from a function rather than from a class that keeps its statements (PrepareAll): SQLite
/// compiles a statement in tens of microseconds, far more than it takes to run a lookup by key,
/// and a per-event check that prepared its query each time spent most of its time compiling.
/// Modelled on rusqlite's prepare_cached.
///
/// The handle owns the statement while it lives; when it goes, the statement is reset, its
/// bindings cleared, and it returns to the cache for the next call with the same SQL. Two live
/// handles for the same SQL are two statements, so nesting cannot share one.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "db/statement.hpp"

namespace minegate::db {

namespace internal {

/// The idle statements of one connection, by SQL text. Owned by the connection; a handle that
/// outlives it finalizes its statement instead of returning it.
class StatementCache {
 public:
  /// Statements kept idle at most: far above the few a hot path uses, low enough that a caller
  /// building SQL text at run time cannot grow it without bound.
  static constexpr std::size_t kCapacity = 64;

  /// An idle statement for `sql`, if one is kept.
  std::optional<Statement> Take(std::string_view sql);
  /// Keeps `statement` (already reset) for the next Take of `sql`, unless the cache is full.
  void Give(std::string sql, Statement statement);
  std::size_t idle() const noexcept { return idle_count_; }

 private:
  std::unordered_map<std::string, std::vector<Statement>> idle_;
  std::size_t idle_count_ = 0;
};

}  // namespace internal

class CachedStatement {
 public:
  CachedStatement(CachedStatement&& other) noexcept;
  CachedStatement& operator=(CachedStatement&&) = delete;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  ~CachedStatement();

  Statement& operator*() noexcept { return *statement_; }
  Statement* operator->() noexcept { return &*statement_; }

 private:
  friend class Connection;
  CachedStatement(std::string sql, Statement statement,
                  std::weak_ptr<internal::StatementCache> cache) noexcept
      : sql_(std::move(sql)), statement_(std::move(statement)), cache_(std::move(cache)) {}

  std::string sql_;
  std::optional<Statement> statement_;
  std::weak_ptr<internal::StatementCache> cache_;
};

}  // namespace minegate::db
