#pragma once
/// A person's history across every site and gate, as the border police see it: the
/// registration (names, birth, nationality, origin, identity document, languages, occupation,
/// entry into Senegal), entries and exits, census observations, companions recorded with the
/// person and the persons this person came with, bracelets issued, replaced and revoked, and
/// miner's cards linked. Never protection data: PoliceTimeline has no field for a flag, a case
/// or the protection questions of a registration, and this reader reads no table of
/// server/protection. Read in one snapshot of its own. Reads only: the audit entry is the
/// caller's.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <string>

#include "db/connection.hpp"
#include "minegate/v1/police.pb.h"
#include "server/police/police_error.hpp"

namespace minegate::server::police {

/// Passages a timeline lists at most, newest first (a miner tapping twice a day for a year
/// has 700); passage_count says how many there are.
inline constexpr std::size_t kMaxPassagesShown = 1000;

/// The person token of a person id: 32 hex digits (either case); nullopt otherwise.
std::optional<std::string> PersonTokenOf(std::string_view person_id);

class PersonTimeline {
 public:
  explicit PersonTimeline(db::Connection& connection) : connection_(connection) {}

  /// The timeline of `person_token` (16 bytes); Errc::unknown_person when no registration
  /// holds it. produced_at_ms and printed_by are the caller's to set.
  Result<v1::PoliceTimeline> Read(const std::string& person_token);

 private:
  Result<bool> Registration(const std::string& token, v1::PoliceTimeline& out);
  Result<void> Passages(const std::string& token, v1::PoliceTimeline& out);
  Result<void> Census(const std::string& token, v1::PoliceTimeline& out);
  Result<void> Companions(const std::string& token, v1::PoliceTimeline& out);
  Result<void> Bracelets(const std::string& token, v1::PoliceTimeline& out);
  Result<void> MinerCards(const std::string& token, v1::PoliceTimeline& out);

  db::Connection& connection_;
};

}  // namespace minegate::server::police
