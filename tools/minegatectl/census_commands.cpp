#include "tools/minegatectl/census_commands.hpp"

#include <limits>
#include <string>

#include "base/clock.hpp"
#include "server/admin/census_campaigns.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {
namespace {

namespace admin = server::admin;

constexpr std::int64_t kMaxMs = std::numeric_limits<std::int64_t>::max();

/// "ouverte / open", "à venir / upcoming" or "close / closed" at `now`.
std::string State(const admin::CensusCampaignInfo& campaign, std::int64_t now) {
  if (campaign.closes_at_ms <= now) return "close / closed";
  if (campaign.opens_at_ms > now) return "à venir / upcoming";
  return "ouverte / open";
}

}  // namespace

int RunCensusAdd(const CtlContext& context) {
  const std::optional<std::string> campaign_id = RequiredOption(context, "id");
  if (!campaign_id) return kExitUsage;
  bool bad = false;
  const std::optional<std::int64_t> site_id = IntegerOption(context, "site", 1, kMaxId, bad);
  if (bad) return kExitUsage;
  if (!site_id) return UsageError(context, "option obligatoire / required option: --site");
  const std::optional<std::string> name_fr = RequiredOption(context, "fr");
  if (!name_fr) return kExitUsage;
  const std::optional<std::string> name_en = RequiredOption(context, "en");
  if (!name_en) return kExitUsage;
  const std::optional<std::int64_t> opens_at = IntegerOption(context, "opens-at", 0, kMaxMs, bad);
  if (bad) return kExitUsage;
  const std::optional<std::int64_t> closes_at = IntegerOption(context, "closes-at", 1, kMaxMs, bad);
  if (bad) return kExitUsage;
  if (!closes_at) return UsageError(context, "option obligatoire / required option: --closes-at");

  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  const std::int64_t now = base::NowMs();
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("census:" + *campaign_id);
  change->AddTarget("site:" + std::to_string(*site_id));
  auto version = admin::CensusCampaignRegistry(*connection, [now] {
                   return now;
                 }).AddCampaign(*campaign_id, *site_id, *name_fr, *name_en, opens_at, *closes_at);
  if (!version) return change->Refuse(version.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "campagne créée / campaign created: " << *campaign_id << " (site " << *site_id
              << ", " << FormatTime(opens_at.value_or(now)) << " → " << FormatTime(*closes_at)
              << ", campagnes / campaigns v" << version.value() << ")\n";
  return kExitOk;
}

int RunCensusClose(const CtlContext& context) {
  const std::optional<std::string> campaign_id = RequiredOption(context, "id");
  if (!campaign_id) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  const std::int64_t now = base::NowMs();
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("census:" + *campaign_id);
  auto version =
      admin::CensusCampaignRegistry(*connection, [now] { return now; }).CloseCampaign(*campaign_id);
  if (!version) return change->Refuse(version.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "campagne close / campaign closed: " << *campaign_id << " (" << FormatTime(now)
              << ", campagnes / campaigns v" << version.value() << ")\n";
  return kExitOk;
}

int RunCensusList(const CtlContext& context) {
  bool bad = false;
  const std::optional<std::int64_t> site_id = IntegerOption(context, "site", 1, kMaxId, bad);
  if (bad) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto campaigns = admin::CensusCampaignRegistry(*connection).ListCampaigns(site_id);
  if (!campaigns) return Refused(context, campaigns.error());
  const std::int64_t now = base::NowMs();
  Table table({"ID", "SITE", "NOM / NAME (FR)", "NOM / NAME (EN)", "OUVERTURE / OPENS",
               "CLÔTURE / CLOSES", "ÉTAT / STATE"});
  for (const admin::CensusCampaignInfo& campaign : campaigns.value()) {
    table.AddRow({campaign.campaign_id, std::to_string(campaign.site_id), campaign.name_fr,
                  campaign.name_en, FormatTime(campaign.opens_at_ms),
                  FormatTime(campaign.closes_at_ms), State(campaign, now)});
  }
  table.Print(context.out);
  return kExitOk;
}

}  // namespace minegate::ctl
