#pragma once
/// What revoking a kiosk does besides marking its key: the bracelets it
/// issued are frozen (only those stay valid), and the PINs and staff cards of
/// the roster it held are marked compromised. Both run inside the caller's
/// write transaction, so a revocation is all or nothing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "server/admin/error.hpp"

namespace minegate::server::admin::internal {

/// Replaces the device's frozen set with the digests of every BraceletIssued
/// the server received from it up to `at_ms` (server receipt time: the thief
/// writes the event's own time). Returns how many bracelets stay valid.
Result<std::size_t> FreezeIssuedBracelets(db::Connection& connection, std::string_view device_id,
                                          std::int64_t at_ms);

/// Marks compromised the PIN and staff card of every active kiosk agent
/// assigned to `site_id` — now, or until after the device last sent an event
/// (its roster may still hold them) — whose PIN or card is not already marked,
/// naming the device that held them. Returns those agents' ids, sorted.
Result<std::vector<std::string>> MarkRosterCompromised(db::Connection& connection,
                                                       std::string_view device_id,
                                                       std::int64_t site_id, std::int64_t at_ms);

}  // namespace minegate::server::admin::internal
