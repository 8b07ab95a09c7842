#pragma once
/// Reconciling counts (docs/protocol.md §7): what the server holds for this device, asked over
/// HTTPS with a request signed by the device key, for the kiosk to compare with its outbox.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_error.hpp"
#include "minegate/v1/sync.pb.h"
#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::sync {

/// GET /v1/devices/{device_id}/reconcile, signed, bounded by `timeout` once connected.
/// `done` runs on `io`'s thread. Refusals: 401 (signature refused, or the kiosk's clock more
/// than 5 minutes off), 403, 404, with the server's message.
void AsyncReconcile(boost::asio::io_context& io, const ServerAddress& server,
                    const credential::SigningKey& key, const std::string& device_id,
                    std::function<void(Answer<v1::ReconcileReport>)> done,
                    std::chrono::milliseconds timeout = std::chrono::seconds(15));

}  // namespace minegate::kiosk::sync
