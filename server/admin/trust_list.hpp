#pragma once
/// The device keys kiosks trust, sent to them as a versioned delta: a kiosk names the version it
/// holds in its Hello and receives only the devices that changed since (enrolled, revoked).

#include <cstdint>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/admin/error.hpp"

namespace minegate::server::admin {

/// The trust-list update for a kiosk that holds `version`.
///
/// With version 0 (a new kiosk) the update is full: every enrolled device, revoked ones included
/// with their revoked_at_ms, since bracelets they signed before revocation stay valid. Otherwise
/// only devices whose trust_version is above `version`. A version above the server's current one
/// cannot come from this server's history (a restored backup, another server): the kiosk gets a
/// full list to replace whatever it holds. Read in one transaction, so the version and the keys
/// agree.
Result<v1::TrustListUpdate> TrustListSince(db::Connection& connection, std::uint64_t version);

}  // namespace minegate::server::admin
