#include "db/cached_statement.hpp"

#include <utility>

namespace minegate::db {
namespace internal {

std::optional<Statement> StatementCache::Take(std::string_view sql) {
  const auto found = idle_.find(std::string(sql));
  if (found == idle_.end() || found->second.empty()) return std::nullopt;
  Statement statement = std::move(found->second.back());
  found->second.pop_back();
  --idle_count_;
  return statement;
}

void StatementCache::Give(std::string sql, Statement statement) {
  if (idle_count_ >= kCapacity) return;  // finalized here, when `statement` goes
  idle_[std::move(sql)].push_back(std::move(statement));
  ++idle_count_;
}

}  // namespace internal

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : sql_(std::move(other.sql_)),
      // Disengaged in `other`, so that its destructor gives nothing back.
      statement_(std::exchange(other.statement_, std::nullopt)),
      cache_(std::move(other.cache_)) {}

CachedStatement::~CachedStatement() {
  if (!statement_) return;  // moved from
  // Reset first: a statement left mid-step would hold its read transaction open.
  statement_->Reset();
  statement_->ClearBindings();
  if (auto cache = cache_.lock()) cache->Give(std::move(sql_), std::move(*statement_));
}

}  // namespace minegate::db
