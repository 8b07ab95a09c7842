#pragma once
/// The person-level lists of a campaign, for EMAPE's follow-up: the minors observed (under 18 on
/// the campaign's opening day: counted, listed, never offered a miner's card) and the card
/// issuance list (adults observed without a card). Census data only — names, sex, age, birth
/// year, nationality, occupation, site —, never a flag, a case, a referral, a notice or an
/// answer to the protection questions. By family name, given name, then token, in pages.
/// Threading: uses its connection, on that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "minegate/v1/events.pb.h"
#include "server/census/error.hpp"

namespace minegate::server::census {

enum class CampaignList { kMinors, kCardCandidates };

struct ListedPerson {
  std::vector<std::uint8_t> person_token;  ///< for the audit entry, not shown
  std::string given_name;
  std::string family_name;
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  std::uint32_t age_years = 0;
  bool age_approximate = false;
  std::uint32_t birth_year = 0;
  std::string nationality;
  v1::Occupation occupation = v1::OCCUPATION_UNSPECIFIED;
  std::int64_t site_id = 0;
  std::int64_t observed_at_ms = 0;
};

struct ListPage {
  std::vector<ListedPerson> persons;
  /// Where the next page starts (opaque), empty on the last page.
  std::string next_position;
};

/// A page of at most `limit` persons after `after_position` (empty: the first page).
/// admin::Errc::unknown_campaign; Errc::bad_list_position for a position this did not make.
Result<ListPage> ReadCampaignList(db::Connection& connection, std::string_view campaign_id,
                                  CampaignList list, std::string_view after_position,
                                  std::size_t limit);

}  // namespace minegate::server::census
