#pragma once
/// A census campaign's results: the persons its taps observed (its census observations, each
/// person once), broken down by sex, age band, nationality, occupation, month of installation at
/// the site (first verified entry there) and miner's card held, each a table whose counts add up
/// to its total (the persons observed); the age-sex pyramid; the minors observed (counted; listed
/// by CensusLists) and the adults without a card (the card issuance list). Counts only: no name,
/// no token, no protection data (flags, cases, referrals, notices and the protection questions
/// are never read). The tables are plain rows, so each can be a CSV row source as it is.
/// Threading: uses its connection, on that connection's thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/census/campaigns.hpp"
#include "server/census/categories.hpp"
#include "server/census/error.hpp"

namespace minegate::server::census {

struct TableRow {
  std::string key;  ///< stable: "female", "18_25", "MLI", "2026-09", "yes", "unknown"
  std::string label_fr;
  std::string label_en;
  std::int64_t count = 0;
};

/// One breakdown: rows in a fixed order (categories in their order, nationalities by count then
/// code, months in time order; "unknown" last), zero rows kept for the fixed categories.
struct BreakdownTable {
  std::string
      name;  ///< "sex", "age_band", "nationality", "occupation", "installation_month", "miner_card"
  std::vector<TableRow> rows;
  std::int64_t total = 0;
};

struct PyramidRow {
  AgeBand band = AgeBand::kUnknown;
  std::int64_t female = 0;
  std::int64_t male = 0;
  std::int64_t unspecified = 0;  ///< sex not stated, or not registered
};

struct CampaignResults {
  admin::CensusCampaignInfo campaign;
  /// Its site's name, read with the counts.
  std::string site_name;
  /// Ages are counted on this day: the campaign's opening.
  std::int64_t age_reference_ms = 0;
  std::int64_t observed = 0;
  /// Observed persons whose registration has not reached the server (in every "unknown" row).
  std::int64_t unregistered = 0;
  std::int64_t minors = 0;
  std::int64_t adults = 0;
  std::int64_t adults_with_card = 0;
  /// Adults without a card: the card issuance list's length.
  std::int64_t card_candidates = 0;
  /// by_sex, by_age_band, by_nationality, by_occupation, by_installation_month, by_miner_card.
  std::vector<BreakdownTable> tables;
  /// Every band (youngest first, unknown last) by sex.
  std::vector<PyramidRow> pyramid;
};

/// The campaign's results; admin::Errc::unknown_campaign when there is none.
Result<CampaignResults> ReadCampaignResults(db::Connection& connection,
                                            std::string_view campaign_id);

/// The campaign as its pages show it, from its results (one read: the persons observed are those
/// counted) at `now_ms`.
CampaignView ViewOfResults(const CampaignResults& results, std::int64_t now_ms);

/// The campaign `campaign_id`, or admin::Errc::unknown_campaign.
Result<admin::CensusCampaignInfo> FindCampaign(db::Connection& connection,
                                               std::string_view campaign_id);

}  // namespace minegate::server::census
