#pragma once
/// EMAPE census campaigns: a named period during which agents at a site's kiosks record who is
/// present (CensusObserved events naming the campaign). Kiosks of the site receive the
/// campaigns that are open or closed for less than a week, as a versioned list sent whole
/// ('census_campaigns' in list_versions); the server refuses census events that name a campaign
/// of another site or none.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kMaxCampaignNameChars = 120;
/// How long after closing a campaign is still sent to kiosks (late census taps are still shown).
inline constexpr std::int64_t kCampaignKioskRetentionMs = 7LL * 24 * 3'600'000;

struct CensusCampaignInfo {
  std::string campaign_id;
  std::int64_t site_id = 0;
  std::string name_fr;
  std::string name_en;
  std::int64_t opens_at_ms = 0;
  std::int64_t closes_at_ms = 0;
  std::int64_t created_at_ms = 0;
};

/// Errc::bad_campaign_id unless 3..64 characters of [a-z0-9-].
Result<void> CheckCampaignId(std::string_view campaign_id);

class CensusCampaignRegistry {
 public:
  explicit CensusCampaignRegistry(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Opens a campaign at a site from `opens_at_ms` (default now) to `closes_at_ms`. Ids are
  /// never reused. Returns the new 'census_campaigns' version. Errors: Errc::bad_campaign_id,
  /// bad_campaign_name (French and English both required, at most 120 characters each),
  /// bad_campaign_period (opening not before closing, or a negative time), bad_time (closing
  /// already past), unknown_site, campaign_exists.
  Result<std::int64_t> AddCampaign(std::string_view campaign_id, std::int64_t site_id,
                                   std::string_view name_fr, std::string_view name_en,
                                   std::optional<std::int64_t> opens_at_ms,
                                   std::int64_t closes_at_ms);
  /// Closes a campaign now: its closing time moves to now if it was later (a campaign closed
  /// before its opening keeps a one-millisecond period ending now, so it never opens). Returns
  /// the new 'census_campaigns' version. Errc::unknown_campaign, campaign_already_closed.
  Result<std::int64_t> CloseCampaign(std::string_view campaign_id);
  /// Opens now a campaign scheduled for later: its opening moves to now. Returns the new
  /// 'census_campaigns' version (kiosks of the site receive it). Errc::unknown_campaign,
  /// campaign_already_open (opened already, still running), campaign_already_closed.
  Result<std::int64_t> OpenCampaign(std::string_view campaign_id);

  /// One campaign; Errc::unknown_campaign when there is none.
  Result<CensusCampaignInfo> FindCampaign(std::string_view campaign_id);

  /// Every campaign, or those of one site, by opening time then id.
  Result<std::vector<CensusCampaignInfo>> ListCampaigns(
      std::optional<std::int64_t> site_id = std::nullopt);

  /// What a kiosk of `site_id` holds: the site's campaigns closing after
  /// now - kCampaignKioskRetentionMs, at the current version, whole.
  Result<v1::CensusCampaigns> CampaignsForKiosk(std::int64_t site_id);
  /// Ids of every campaign of the site, however old: an event recorded offline during a campaign
  /// closed long ago is still accepted.
  Result<std::vector<std::string>> SiteCampaignIds(std::int64_t site_id);

 private:
  /// Moves the campaign's period to [opens, closes), with a new list version, and commits
  /// `transaction` (the one its checks read in). Gives the version.
  Result<std::int64_t> Reschedule(db::Transaction& transaction, std::string_view campaign_id,
                                  std::int64_t opens_at_ms, std::int64_t closes_at_ms);

  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::admin
