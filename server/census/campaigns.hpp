#pragma once
/// Campaigns as EMAPE's pages show them: server/admin's CensusCampaignRegistry (the one store of
/// campaigns, what kiosks receive) with the site's name, a status at a given time and the number
/// of persons observed so far. Threading: uses its connection, on that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/census/error.hpp"

namespace minegate::server::census {

struct CampaignView {
  admin::CensusCampaignInfo info;
  std::string site_name;
  /// "scheduled", "open" or "closed" at the time asked.
  std::string status;
  std::int64_t observed = 0;
};

std::string CampaignStatus(const admin::CensusCampaignInfo& campaign, std::int64_t now_ms);

/// Every campaign, or those of one site, by opening time then id.
Result<std::vector<CampaignView>> ListCampaignViews(db::Connection& connection,
                                                    std::optional<std::int64_t> site_id,
                                                    std::int64_t now_ms);
/// One campaign; admin::Errc::unknown_campaign.
Result<CampaignView> ReadCampaignView(db::Connection& connection, std::string_view campaign_id,
                                      std::int64_t now_ms);

}  // namespace minegate::server::census
