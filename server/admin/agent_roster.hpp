#pragma once
/// The agent roster kiosks hold so that agents sign in offline: every active (not disabled) gate
/// agent and EMAPE official with a PIN, with their PIN's Argon2id hash and staff card. Always
/// read whole: a kiosk replaces its roster with it, so a disabled agent or a changed PIN takes
/// effect at the next version ('agent_roster' in list_versions, moved by UserRegistry).

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

/// The roster at its current version, agents by user id. Reads in one transaction, so the
/// version and the agents agree.
Result<v1::AgentRoster> ReadAgentRoster(db::Connection& connection);

}  // namespace minegate::server::admin
