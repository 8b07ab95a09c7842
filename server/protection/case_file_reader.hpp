#pragma once
/// What the protection officers' pages show of the person a case is about, read from the
/// projections (persons, companions, passages, presence) and the site registry: her
/// registration, where she was last seen, the companions recorded with her, and her movements
/// across sites as stays. Only protection-officer routes call it; the gateway audits each read
/// with her person token. The risk tables are not read here (the assessment is AssessmentStore's).
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "minegate/v1/events.pb.h"
#include "server/protection/protection_error.hpp"

namespace minegate::server::protection {

struct PersonOnFile {
  /// Her PersonRegistered, as the registering kiosk sent it.
  v1::PersonRegistered registration;
  std::int64_t registered_at_ms = 0;
  std::uint32_t registered_site_id = 0;
  /// "" when the site is no longer in the registry.
  std::string registered_site_name;
};

/// A verified passage of hers: where and when she was seen.
struct SiteSeen {
  std::uint32_t site_id = 0;
  std::string site_name;
  std::int64_t at_ms = 0;
  v1::Direction direction = v1::DIRECTION_UNSPECIFIED;
};

struct CompanionOnFile {
  v1::CompanionRelation relation = v1::COMPANION_RELATION_UNSPECIFIED;
  bool answered_for_person = false;
  /// The companion's person token (16 bytes) when read from a bracelet, else empty.
  std::string companion_token;
  /// The description the agent typed when the companion had no bracelet, else empty.
  std::string description;
  /// The companion's names when the companion is registered (by bracelet), else empty.
  std::string companion_given_name;
  std::string companion_family_name;
  std::int64_t recorded_at_ms = 0;
  std::uint32_t site_id = 0;
  std::string site_name;
};

/// Consecutive verified passages at one site.
struct Stay {
  std::uint32_t site_id = 0;
  std::string site_name;
  std::int64_t first_at_ms = 0;
  std::int64_t last_at_ms = 0;
  std::int64_t passages = 0;
};

struct Movements {
  /// Oldest first; only the latest `max_stays` when there are more.
  std::vector<Stay> stays;
  /// Every stay, and every verified passage, whatever the limit.
  std::int64_t stay_count = 0;
  std::int64_t passage_count = 0;
};

class CaseFileReader {
 public:
  explicit CaseFileReader(db::Connection& connection) : connection_(connection) {}

  /// Her registration; nullopt when the projection does not hold her (not registered yet: a
  /// passage or a companion can arrive before the registration).
  Result<std::optional<PersonOnFile>> Person(std::string_view person_token);
  /// Her latest verified passage; nullopt when she has none.
  Result<std::optional<SiteSeen>> LastSeen(std::string_view person_token);
  /// The companions recorded with her, oldest first.
  Result<std::vector<CompanionOnFile>> Companions(std::string_view person_token);
  /// Her verified passages as stays at one site after another, the latest `max_stays`.
  Result<Movements> MovementsOf(std::string_view person_token, std::size_t max_stays);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server::protection
