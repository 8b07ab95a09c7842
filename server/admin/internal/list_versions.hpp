#pragma once
/// The versions of the down-stream lists kiosks hold ('trust_list', 'alerts', ...), kept in
/// list_versions so that a kiosk's Hello can name what it has and receive only what changed.

#include <cstdint>
#include <string_view>

#include "db/connection.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin::internal {

inline constexpr std::string_view kTrustList = "trust_list";
inline constexpr std::string_view kAlerts = "alerts";
inline constexpr std::string_view kCensusCampaigns = "census_campaigns";
inline constexpr std::string_view kAgentRoster = "agent_roster";

/// The list's current version.
Result<std::int64_t> CurrentListVersion(db::Connection& connection, std::string_view list);

/// Increments the list's version and returns the new one. Call it inside the transaction that
/// changes the list, so the version and the rows it covers commit together.
Result<std::int64_t> BumpListVersion(db::Connection& connection, std::string_view list);

}  // namespace minegate::server::admin::internal
