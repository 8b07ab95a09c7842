#pragma once
/// Who may act as an agent at a kiosk of a site: the one question the server asks of its users
/// when an event names an agent (server/ingest checks every event's agent_id with it). Gate
/// agents and EMAPE officials work at kiosks; border police, protection officers, administrators
/// and auditors never do.
///
/// The decision is one SQL query (in kiosk_agents.cpp): the user's role, whether the user was
/// active and assigned to the site (user_sites) when the event happened.

#include <cstdint>
#include <optional>
#include <string_view>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

/// The role with which `user_id` may act as a kiosk agent at `site_id` for an event that happened
/// at `at_ms`: AGENT_ROLE_GATE_AGENT or AGENT_ROLE_EMAPE_OFFICIAL. nullopt when the user does not
/// exist, has another role, was disabled at or before `at_ms`, or was not assigned to the site
/// then. (An agent disabled after
/// recording offline keeps those events: kiosks sign in from a roster that may be days old, and a
/// refused batch would hold up everything the kiosk recorded after it.)
Result<std::optional<v1::AgentRole>> KioskAgentRole(db::Connection& connection,
                                                    std::string_view user_id, std::int64_t site_id,
                                                    std::int64_t at_ms);

}  // namespace minegate::server::admin
