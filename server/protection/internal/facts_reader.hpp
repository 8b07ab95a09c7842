#pragma once
/// Gathers one person's PersonFacts from the projections (persons, companions, passages) and
/// the protection tables (description keys, search-notice matches), never from the events
/// being stored: the facts are sets, so the assessment does not depend on the order the events
/// arrived in. Statements prepared once; for the monitor and the notice store (a few persons at
/// a time). The re-evaluator reads whole chunks with its own range scans.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"
#include "server/protection/internal/active_rules.hpp"
#include "server/protection/protection_error.hpp"
#include "server/risk/person_facts.hpp"

namespace minegate::server::protection::internal {

/// A companion recorded with a person, as the companions projection holds it.
struct CompanionRow {
  /// The companion's person token (16 bytes) when read from a bracelet, else empty.
  std::string companion_token;
  /// risk::CompanionKey: the token's hex or "d:" + the folded description.
  std::string key;
  v1::CompanionRelation relation = v1::COMPANION_RELATION_UNSPECIFIED;
  bool answered_for_person = false;
  std::int64_t recorded_at_ms = 0;
};

/// The companion key of a companions row (token or description).
std::string CompanionKeyOf(std::string_view companion_token, std::string_view description);

/// A person's registration as the projection holds it, and when it was recorded.
using Registration = std::pair<v1::PersonRegistered, std::int64_t>;

/// A stored PersonRegistered record, parsed.
Result<v1::PersonRegistered> ParseRecord(const std::vector<std::uint8_t>& bytes);

class FactsReader {
 public:
  static Result<std::unique_ptr<FactsReader>> Create(db::Connection& connection);

  /// Her facts under `rules` into `facts` (cleared first); false when she is not registered
  /// (yet). Passages are read only when a rule can use them for her, the persons her
  /// companions brought only within the recruiter pattern's window.
  /// `registration`, when given, is hers as read from the projection by the caller.
  Result<bool> Read(std::string_view person_token, const RulesInUse& rules,
                    risk::PersonFacts& facts, const Registration* registration = nullptr);
  /// Her registration and when it was recorded; nullopt when not registered.
  Result<std::optional<Registration>> RegistrationOf(std::string_view person_token);
  /// Her sex (the column alone, no record parsed); nullopt when not registered.
  Result<std::optional<v1::Sex>> SexOf(std::string_view person_token);
  /// Whether her verified passage at `site_id`, `at_ms` (stored at `log_position`) can change
  /// her stays as risk.proto defines them (runs of passages at one site; every stay but the
  /// last one counted short or not): false when her nearest verified passage before it is at
  /// the same site and the nearest after it, if any, too — the passage then only extends her
  /// last stay or falls inside one, and the number of sites and the earlier stays are the same.
  /// Her latest verified passage (site, time); nullopt when she has none.
  Result<std::optional<std::pair<std::uint32_t, std::int64_t>>> LatestPassage(
      std::string_view person_token);
  Result<bool> PassageChangesStays(std::string_view person_token, std::uint32_t site_id,
                                   std::int64_t at_ms, std::int64_t log_position);
  Result<std::vector<CompanionRow>> CompanionsOf(std::string_view person_token);
  /// The registered persons recorded with this companion (by token, or by description key)
  /// between `from_ms` and `to_ms` inclusive, appended to `out`.
  Result<void> BroughtBy(const CompanionRow& companion, std::int64_t from_ms, std::int64_t to_ms,
                         std::vector<risk::BroughtPerson>& out);

 private:
  // Made by Create, which prepares every statement on the connection it is given.
  FactsReader() = default;

  std::optional<db::Statement> person_;
  std::optional<db::Statement> companions_;
  std::optional<db::Statement> brought_by_token_;
  std::optional<db::Statement> brought_by_key_;
  std::optional<db::Statement> passages_;
  std::optional<db::Statement> sex_;
  std::optional<db::Statement> passage_before_;
  std::optional<db::Statement> passage_after_;
  std::optional<db::Statement> latest_passage_;
  std::optional<db::Statement> matches_;
};

}  // namespace minegate::server::protection::internal
