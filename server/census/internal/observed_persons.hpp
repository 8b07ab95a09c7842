#pragma once
/// What the census counts of each person a campaign observed, read in one index-backed query:
/// the campaign's observations (their primary key), the person's registration (persons' primary
/// key), a miner's card held (miner_cards_by_person; a card whose number is revoked in
/// miner_card_numbers, by its primary key, is not held) and the first verified entry at the
/// observation's site (passages_entries_by_site, schema 0011). The declared birth is parsed from
/// the stored registration only when the birth year alone cannot tell the age band (or a list
/// needs the exact age). Threading: uses the caller's connection, on its thread.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "minegate/v1/events.pb.h"
#include "server/census/error.hpp"

namespace minegate::server::census::internal {

struct ObservedPerson {
  std::vector<std::uint8_t> person_token;
  std::int64_t site_id = 0;
  std::int64_t observed_at_ms = 0;
  /// False when the registration has not reached the server (counted as "unknown").
  bool registered = false;
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  std::uint32_t birth_year = 0;
  /// The youngest age the declared birth allows at the reference time; nullopt if unregistered.
  std::optional<std::uint32_t> age_years;
  bool age_approximate = false;
  std::string nationality;
  v1::Occupation occupation = v1::OCCUPATION_UNSPECIFIED;
  /// A card linked and not revoked.
  bool card_held = false;
  std::optional<std::int64_t> first_entry_ms;
  /// Lists only.
  std::string given_name;
  std::string family_name;
};

/// Which persons of the campaign a list wants (names and exact ages read).
enum class ListFilter {
  kMinors,          ///< under 18 at the reference time
  kCardCandidates,  ///< 18 or over and no miner's card held (a revoked one is none)
};

/// Where a list's page starts: after this (family name, given name, token) in that order.
struct ListPosition {
  std::string family_name;
  std::string given_name;
  std::vector<std::uint8_t> person_token;
};

/// Calls `visit` for every person `campaign_id` observed (in no particular order), with ages at
/// `age_at_ms`.
Result<void> ForEachObserved(db::Connection& connection, std::string_view campaign_id,
                             std::int64_t age_at_ms,
                             const std::function<void(const ObservedPerson&)>& visit);

/// The registered persons of `campaign_id` that `filter` keeps, by family name, given name and
/// token, after `after` (the first page when nullopt), at most `limit`.
Result<std::vector<ObservedPerson>> ListObserved(db::Connection& connection,
                                                 std::string_view campaign_id,
                                                 std::int64_t age_at_ms, ListFilter filter,
                                                 const std::optional<ListPosition>& after,
                                                 std::size_t limit);

/// The SQL of ForEachObserved (?1 campaign, ?2 reference year) and of ListObserved, for the
/// query-plan test (every table reached by an index).
std::string ObservedSql();
std::string ListSql(ListFilter filter);

/// The UTC year of `at_ms`.
std::int64_t YearOf(std::int64_t at_ms);

}  // namespace minegate::server::census::internal
