#include "db/cached_statement.hpp"

#include <utility>

namespace minegate::db {
namespace internal {

std::pair<StatementCache::Slot*, std::optional<Statement>> StatementCache::Take(
    std::string_view sql) {
  auto found = slots_.find(sql);
  if (found == slots_.end()) {
    if (slots_.size() >= kCapacity) return {nullptr, std::nullopt};
    found = slots_.emplace(std::string(sql), Slot{}).first;
  }
  Slot& slot = found->second;
  if (slot.empty()) return {&slot, std::nullopt};
  Statement statement = std::move(slot.back());
  slot.pop_back();
  --idle_count_;
  return {&slot, std::move(statement)};
}

void StatementCache::Give(Slot& slot, Statement statement) {
  if (idle_count_ >= kCapacity) return;  // finalized here, when `statement` goes
  slot.push_back(std::move(statement));
  ++idle_count_;
}

}  // namespace internal

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : slot_(other.slot_),
      // Disengaged in `other`, so that its destructor gives nothing back.
      statement_(std::exchange(other.statement_, std::nullopt)),
      cache_(std::move(other.cache_)) {}

CachedStatement::~CachedStatement() {
  if (!statement_) return;  // moved from
  // Reset first: a statement left mid-step would hold its read transaction open.
  statement_->Reset();
  statement_->ClearBindings();
  if (slot_ == nullptr) return;
  if (auto cache = cache_.lock()) cache->Give(*slot_, std::move(*statement_));
}

}  // namespace minegate::db
