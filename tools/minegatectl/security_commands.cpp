#include "tools/minegatectl/security_commands.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "server/security/security_events.hpp"
#include "server/security/security_settings.hpp"
#include "server/security/travel_rule.hpp"
#include "tools/minegatectl/audit_change.hpp"
#include "tools/minegatectl/store_access.hpp"
#include "tools/minegatectl/table.hpp"

namespace minegate::ctl {
namespace {

namespace security = server::security;

constexpr std::int64_t kMaxListed = 10'000;

std::string Place(const security::EventTap& tap) {
  std::string place = tap.site_name + " #" + std::to_string(tap.site_id);
  if (!tap.gate_name.empty()) place += " (" + tap.gate_name + ")";
  return place;
}

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

/// "1800 km/h", or "instantané / instantaneous" for two taps with the same time.
std::string Speed(const security::SecurityEvent& event) {
  if (event.elapsed_ms == 0) return "instantané / instantaneous";
  return std::to_string(
             std::lround(security::RequiredSpeedKmh(event.distance_km, event.elapsed_ms))) +
         " km/h";
}

}  // namespace

int RunSecurityList(const CtlContext& context) {
  std::optional<security::EventStatus> status;
  if (const auto name = context.args.Get("status")) {
    status = security::ParseEventStatus(*name);
    if (!status) {
      return UsageError(context, "--status : open | revoked | dismissed");
    }
  }
  bool bad = false;
  const std::optional<std::int64_t> limit = IntegerOption(context, "limit", 1, kMaxListed, bad);
  if (bad) return kExitUsage;
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto settings = security::ReadSecuritySettings(*connection);
  if (!settings) return Refused(context, settings.error());
  security::SecurityEvents events(*connection);
  auto listed = events.List(status, 0, static_cast<std::size_t>(limit.value_or(100)));
  if (!listed) return Refused(context, listed.error());
  auto open = events.CountOpen();
  if (!open) return Refused(context, open.error());
  context.out << "vitesse plausible / plausible speed: " << settings.value().max_speed_kmh
              << " km/h ; en attente de décision / waiting for a decision: " << open.value()
              << "\n";
  Table table({"ID", "ÉTAT / STATUS", "BRACELET (UID)", "PREMIER / FIRST", "À / AT",
               "SECOND / SECOND", "À / AT", "DISTANCE", "VITESSE / SPEED", "PAR / BY"});
  for (const security::SecurityEvent& event : listed.value()) {
    table.AddRow(
        {std::to_string(event.event_id), std::string(security::EventStatusName(event.status)),
         Upper(base::ToHex(event.tag_uid)), Place(event.first), FormatTime(event.first.at_ms),
         Place(event.second), FormatTime(event.second.at_ms),
         std::to_string(std::lround(event.distance_km)) + " km", Speed(event), event.resolved_by});
  }
  table.Print(context.out);
  return kExitOk;
}

int RunSecuritySetSpeed(const CtlContext& context) {
  bool bad = false;
  const std::optional<std::int64_t> kmh =
      IntegerOption(context, "kmh", security::kMinSpeedKmh, security::kMaxSpeedKmh, bad);
  if (bad) return kExitUsage;
  if (!kmh) return UsageError(context, "option obligatoire / required option: --kmh");
  std::optional<db::Connection> connection = OpenInitialisedStore(context);
  if (!connection) return kExitRefused;
  auto change = AuditedChange::Begin(context, *connection);
  if (!change) return kExitRefused;
  change->AddTarget("security_settings");
  auto set = security::SetMaxSpeed(*connection, static_cast<std::int32_t>(*kmh), base::NowMs());
  if (!set) return change->Refuse(set.error());
  if (!change->Commit()) return kExitRefused;
  context.out << "vitesse plausible / plausible speed: " << set.value().max_speed_kmh
              << " km/h ; les passages reçus désormais en sont jugés / taps received from now "
                 "on are judged with it\n";
  return kExitOk;
}

}  // namespace minegate::ctl
