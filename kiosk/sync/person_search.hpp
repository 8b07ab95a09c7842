#pragma once
/// The gate agent's search for the record of someone whose bracelet was lost
/// (docs/protocol.md §7): GET /v1/devices/{device_id}/person-candidates, signed
/// by the device key over the whole target (the terms included), naming the
/// agent signed in. Online only: nothing of the answer is stored.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_error.hpp"
#include "minegate/v1/sync.pb.h"
#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::sync {

/// The request target for `query`, parameters percent-encoded.
std::string PersonCandidatesTarget(const std::string& device_id,
                                   const v1::PersonCandidatesQuery& query);

/// `done` runs on `io`'s thread. Refusals: 400 (incomplete terms), 401 (signature refused, or
/// the kiosk's clock more than 5 minutes off), 403 (agent not assigned to the site).
void AsyncFindCandidates(boost::asio::io_context& io, const ServerAddress& server,
                         const credential::SigningKey& key, const std::string& device_id,
                         const v1::PersonCandidatesQuery& query,
                         std::function<void(Answer<v1::PersonCandidates>)> done,
                         std::chrono::milliseconds timeout = std::chrono::seconds(15));

}  // namespace minegate::kiosk::sync
