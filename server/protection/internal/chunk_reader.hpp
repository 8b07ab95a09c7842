#pragma once
/// The re-evaluator's bulk read: a chunk of persons in token order and, for the same token
/// range, their companions, verified passages, open notice matches and whether they have an
/// assessment already, each with one ordered range scan merged into the persons (no point query
/// per person). Objects are reused from one chunk to the next.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/protection/internal/active_rules.hpp"
#include "server/protection/internal/facts_reader.hpp"
#include "server/protection/protection_error.hpp"
#include "server/risk/person_facts.hpp"

namespace minegate::server::protection::internal {

/// A companions row of the chunk, with what the re-evaluator may have to backfill.
struct ChunkCompanion {
  CompanionRow row;
  std::int64_t log_position = 0;
  /// Recorded by description and not yet in companion_description_keys.
  bool key_missing = false;
};

struct ChunkPerson {
  std::string token;
  risk::PersonFacts facts;  ///< companions' `others` filled by the re-evaluator
  std::vector<ChunkCompanion> companions;
  /// She has an assessment, hence her phonetic keys (written together).
  bool assessed = false;
};

class ChunkReader {
 public:
  static Result<std::unique_ptr<ChunkReader>> Create(db::Connection& connection);

  /// Reads up to `limit` persons with a token above `after` (empty: from the first) into
  /// `persons`, resized to the count read; passages only for those a rule can use them for.
  Result<void> Read(std::string_view after, std::size_t limit, const RulesInUse& rules,
                    std::vector<ChunkPerson>& persons);

 private:
  // Made by Create, which prepares every statement on the connection it is given.
  ChunkReader() = default;

  std::optional<db::Statement> persons_;
  std::optional<db::Statement> companions_;
  std::optional<db::Statement> passages_;
  std::optional<db::Statement> matches_;
  std::optional<db::Statement> assessed_;
  std::vector<bool> wants_passages_;
};

}  // namespace minegate::server::protection::internal
