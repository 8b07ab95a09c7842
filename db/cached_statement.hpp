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
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "db/statement.hpp"

namespace minegate::db {

namespace internal {

/// Hashes std::string and std::string_view alike, so that a lookup by the caller's SQL text
/// allocates nothing (C++20 heterogeneous lookup).
struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const noexcept {
    return std::hash<std::string_view>{}(sql);
  }
};

/// The idle statements of one connection, by SQL text. Owned by the connection; a handle that
/// outlives it finalizes its statement instead of returning it.
class StatementCache {
 public:
  /// Where the idle statements of one SQL text wait. Its address is stable while the cache lives
  /// (a map's nodes do not move, and none is erased).
  using Slot = std::vector<Statement>;

  /// Statements kept idle at most, and SQL texts given a slot at most: far above the few a hot
  /// path uses, low enough that a caller building SQL text at run time cannot grow it without
  /// bound.
  static constexpr std::size_t kCapacity = 64;

  /// The slot of `sql` (nullptr once kCapacity texts have one: not cached), and an idle
  /// statement from it if one waits.
  std::pair<Slot*, std::optional<Statement>> Take(std::string_view sql);
  /// Keeps `statement` (already reset) in `slot` for the next Take, unless the cache is full.
  void Give(Slot& slot, Statement statement);
  std::size_t idle() const noexcept { return idle_count_; }

 private:
  std::unordered_map<std::string, Slot, SqlHash, std::equal_to<>> slots_;
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
  CachedStatement(internal::StatementCache::Slot* slot, Statement statement,
                  std::weak_ptr<internal::StatementCache> cache) noexcept
      : slot_(slot), statement_(std::move(statement)), cache_(std::move(cache)) {}

  internal::StatementCache::Slot* slot_;  ///< nullptr: not kept when the handle goes
  std::optional<Statement> statement_;
  std::weak_ptr<internal::StatementCache> cache_;
};

}  // namespace minegate::db
