#pragma once
/// The agent roster a kiosk holds so that agents sign in offline: the active (not disabled) gate
/// agents, EMAPE officials and border police officers assigned to the kiosk's site (police sign
/// in for the police mode, which reads from the server and records nothing), with their PIN's
/// Argon2id hash and staff card. A stolen kiosk therefore exposes one site's agents, not the
/// nation's. A PIN or a card marked compromised (a kiosk that held it was revoked) is never sent:
/// the agent is left out until an administrator sets a new PIN, and the card is left out until a
/// new one is set. Always read whole: a kiosk replaces its roster with it, so a disabled agent or a
/// changed PIN takes effect at the next version ('agent_roster' in list_versions, moved by
/// UserRegistry).

#include <cstdint>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

/// The roster at its current version, agents by user id. Reads in one transaction, so the
/// version and the agents agree.
Result<v1::AgentRoster> ReadAgentRoster(db::Connection& connection, std::int64_t site_id);

}  // namespace minegate::server::admin
