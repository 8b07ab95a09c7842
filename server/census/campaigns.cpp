#include "server/census/campaigns.hpp"

#include "db/query.hpp"
#include "server/census/internal/site_name.hpp"

namespace minegate::server::census {
namespace {

Result<CampaignView> ViewOf(db::Connection& connection, admin::CensusCampaignInfo info,
                            std::int64_t now_ms) {
  CampaignView view;
  auto name = internal::SiteName(connection, info.site_id);
  if (!name) return name.error();
  view.site_name = name.value().value_or("");
  // A prefix of the observations' primary key: counted in the index.
  auto observed = db::QueryOne(
      connection, "SELECT count(*) FROM census_observations WHERE campaign_id = ?1",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, info.campaign_id);
  if (!observed) return observed.error();
  view.observed = observed.value();
  view.status = CampaignStatus(info, now_ms);
  view.info = std::move(info);
  return view;
}

}  // namespace

std::string CampaignStatus(const admin::CensusCampaignInfo& campaign, std::int64_t now_ms) {
  if (campaign.closes_at_ms <= now_ms) return "closed";
  if (campaign.opens_at_ms > now_ms) return "scheduled";
  return "open";
}

Result<std::vector<CampaignView>> ListCampaignViews(db::Connection& connection,
                                                    std::optional<std::int64_t> site_id,
                                                    std::int64_t now_ms) {
  admin::CensusCampaignRegistry registry(connection, [now_ms] { return now_ms; });
  auto campaigns = registry.ListCampaigns(site_id);
  if (!campaigns) return campaigns.error();
  std::vector<CampaignView> views;
  for (admin::CensusCampaignInfo& info : campaigns.value()) {
    auto view = ViewOf(connection, std::move(info), now_ms);
    if (!view) return view.error();
    views.push_back(std::move(view).value());
  }
  return views;
}

Result<CampaignView> ReadCampaignView(db::Connection& connection, std::string_view campaign_id,
                                      std::int64_t now_ms) {
  admin::CensusCampaignRegistry registry(connection, [now_ms] { return now_ms; });
  auto found = registry.FindCampaign(campaign_id);
  if (!found) return found.error();
  return ViewOf(connection, std::move(found).value(), now_ms);
}

}  // namespace minegate::server::census
