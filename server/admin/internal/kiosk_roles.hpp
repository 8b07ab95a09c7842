#pragma once
/// The roles that sign in at a kiosk with a PIN (HasKioskPin), as the SQL that lists, resets and
/// compromises their PINs names them, and their role on a kiosk's roster. Header only: a
/// constant and a mapping.

#include <string>
#include <string_view>

#include "minegate/v1/sync.pb.h"

namespace minegate::server::admin::internal {

/// HasKioskPin's roles as an SQL list, for `role IN ...` (agent_roster_test checks it against
/// HasKioskPin over every role).
inline constexpr std::string_view kKioskPinRolesSql =
    "('gate_agent', 'emape_official', 'border_police')";

/// The kiosk's role for a stored role name of kKioskPinRolesSql (any other reads as a gate
/// agent: the queries that call it list only those).
inline v1::AgentRole AgentRoleOf(std::string_view role) {
  if (role == "emape_official") return v1::AGENT_ROLE_EMAPE_OFFICIAL;
  if (role == "border_police") return v1::AGENT_ROLE_BORDER_POLICE;
  return v1::AGENT_ROLE_GATE_AGENT;
}

}  // namespace minegate::server::admin::internal
