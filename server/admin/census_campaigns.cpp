#include "server/admin/census_campaigns.hpp"

#include <algorithm>

#include "db/query.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"
#include "server/admin/internal/list_versions.hpp"
#include "server/admin/internal/text_checks.hpp"

namespace minegate::server::admin {
namespace {

constexpr std::size_t kMinCampaignIdChars = 3;
constexpr std::size_t kMaxCampaignIdChars = 64;

constexpr std::string_view kSelectCampaign =
    "SELECT campaign_id, site_id, name_fr, name_en, opens_at_ms, closes_at_ms, created_at_ms "
    "FROM census_campaigns";

CensusCampaignInfo ReadCampaign(const db::Statement& row) {
  CensusCampaignInfo campaign;
  campaign.campaign_id = row.ColumnText(0);
  campaign.site_id = row.ColumnInt64(1);
  campaign.name_fr = row.ColumnText(2);
  campaign.name_en = row.ColumnText(3);
  campaign.opens_at_ms = row.ColumnInt64(4);
  campaign.closes_at_ms = row.ColumnInt64(5);
  campaign.created_at_ms = row.ColumnInt64(6);
  return campaign;
}

}  // namespace

Result<void> CheckCampaignId(std::string_view campaign_id) {
  // No '.' or '_' (unlike user ids): campaign ids are read aloud and typed on kiosks.
  const bool ok = campaign_id.size() >= kMinCampaignIdChars &&
                  campaign_id.size() <= kMaxCampaignIdChars &&
                  std::all_of(campaign_id.begin(), campaign_id.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                  });
  if (!ok) return Errc::bad_campaign_id;
  return Success();
}

Result<std::int64_t> CensusCampaignRegistry::AddCampaign(
    std::string_view campaign_id, std::int64_t site_id, std::string_view name_fr,
    std::string_view name_en, std::optional<std::int64_t> opens_at_ms, std::int64_t closes_at_ms) {
  if (auto ok = CheckCampaignId(campaign_id); !ok) return ok.error();
  if (!internal::IsPrintableText(name_fr, kMaxCampaignNameChars) ||
      !internal::IsPrintableText(name_en, kMaxCampaignNameChars)) {
    return Errc::bad_campaign_name;
  }
  const std::int64_t now = clock_();
  const std::int64_t opens = opens_at_ms.value_or(now);
  if (opens < 0 || opens >= closes_at_ms) return Errc::bad_campaign_period;
  if (closes_at_ms <= now) return Errc::bad_time;

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto site = db::Exists(connection_, "SELECT 1 FROM sites WHERE site_id = ?1", site_id);
  if (!site) return site.error();
  if (!site.value()) return Errc::unknown_site;
  auto taken =
      db::Exists(connection_, "SELECT 1 FROM census_campaigns WHERE campaign_id = ?1", campaign_id);
  if (!taken) return taken.error();
  if (taken.value()) return Errc::campaign_exists;
  auto version = internal::BumpListVersion(connection_, internal::kCensusCampaigns);
  if (!version) return version.error();
  auto inserted = db::Execute(
      connection_,
      "INSERT INTO census_campaigns (campaign_id, site_id, name_fr, name_en, opens_at_ms, "
      "closes_at_ms, created_at_ms, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      campaign_id, site_id, name_fr, name_en, opens, closes_at_ms, now, version.value());
  if (!inserted) return inserted.error();
  auto committed = transaction.value().Commit();
  if (!committed) return committed.error();
  return version.value();
}

Result<std::int64_t> CensusCampaignRegistry::CloseCampaign(std::string_view campaign_id) {
  const std::int64_t now = clock_();
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto campaign = FindCampaign(campaign_id);
  if (!campaign) return campaign.error();
  if (campaign.value().closes_at_ms <= now) return Errc::campaign_already_closed;
  // The schema requires opening < closing: a campaign that had not opened yet is moved to end
  // just as it begins, so no kiosk ever shows it open.
  const std::int64_t opens = std::min(campaign.value().opens_at_ms, now - 1);
  return Reschedule(transaction.value(), campaign_id, opens, now);
}

Result<std::int64_t> CensusCampaignRegistry::OpenCampaign(std::string_view campaign_id) {
  const std::int64_t now = clock_();
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto campaign = FindCampaign(campaign_id);
  if (!campaign) return campaign.error();
  if (campaign.value().closes_at_ms <= now) return Errc::campaign_already_closed;
  if (campaign.value().opens_at_ms <= now) return Errc::campaign_already_open;
  return Reschedule(transaction.value(), campaign_id, now, campaign.value().closes_at_ms);
}

Result<std::int64_t> CensusCampaignRegistry::Reschedule(db::Transaction& transaction,
                                                        std::string_view campaign_id,
                                                        std::int64_t opens_at_ms,
                                                        std::int64_t closes_at_ms) {
  auto version = internal::BumpListVersion(connection_, internal::kCensusCampaigns);
  if (!version) return version.error();
  auto updated = db::Execute(connection_,
                             "UPDATE census_campaigns SET opens_at_ms = ?2, "
                             "closes_at_ms = ?3, version = ?4 WHERE campaign_id = ?1",
                             campaign_id, opens_at_ms, closes_at_ms, version.value());
  if (!updated) return updated.error();
  auto committed = transaction.Commit();
  if (!committed) return committed.error();
  return version.value();
}

Result<CensusCampaignInfo> CensusCampaignRegistry::FindCampaign(std::string_view campaign_id) {
  auto campaign =
      db::QueryFirst(connection_, std::string(kSelectCampaign) + " WHERE campaign_id = ?1",
                     ReadCampaign, campaign_id);
  if (!campaign) return campaign.error();
  if (!campaign.value()) return Errc::unknown_campaign;
  return *campaign.value();
}

Result<std::vector<CensusCampaignInfo>> CensusCampaignRegistry::ListCampaigns(
    std::optional<std::int64_t> site_id) {
  if (site_id) {
    return db::QueryAll(
        connection_,
        std::string(kSelectCampaign) + " WHERE site_id = ?1 ORDER BY opens_at_ms, campaign_id",
        ReadCampaign, *site_id);
  }
  return db::QueryAll(connection_,
                      std::string(kSelectCampaign) + " ORDER BY opens_at_ms, campaign_id",
                      ReadCampaign);
}

Result<v1::CensusCampaigns> CensusCampaignRegistry::CampaignsForKiosk(std::int64_t site_id) {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kDeferred);
  if (!transaction) return transaction.error();
  auto version = internal::CurrentListVersion(connection_, internal::kCensusCampaigns);
  if (!version) return version.error();
  auto campaigns = db::QueryAll(
      connection_,
      std::string(kSelectCampaign) +
          " WHERE site_id = ?1 AND closes_at_ms > ?2 ORDER BY opens_at_ms, campaign_id",
      ReadCampaign, site_id, clock_() - kCampaignKioskRetentionMs);
  if (!campaigns) return campaigns.error();
  v1::CensusCampaigns list;
  list.set_version(static_cast<std::uint64_t>(version.value()));
  for (const CensusCampaignInfo& info : campaigns.value()) {
    v1::CensusCampaign* campaign = list.add_campaigns();
    campaign->set_campaign_id(info.campaign_id);
    campaign->mutable_name()->set_fr(info.name_fr);
    campaign->mutable_name()->set_en(info.name_en);
    campaign->set_opens_at_ms(info.opens_at_ms);
    campaign->set_closes_at_ms(info.closes_at_ms);
  }
  return list;
}

Result<std::vector<std::string>> CensusCampaignRegistry::SiteCampaignIds(std::int64_t site_id) {
  return db::QueryAll(
      connection_, "SELECT campaign_id FROM census_campaigns WHERE site_id = ?1",
      [](const db::Statement& row) { return row.ColumnText(0); }, site_id);
}

}  // namespace minegate::server::admin
