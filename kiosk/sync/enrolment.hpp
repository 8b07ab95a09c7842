#pragma once
/// Enrolment (docs/protocol.md §2): the kiosk presents the one-time code an administrator
/// obtained with `minegatectl device enroll` and its device public key; the server binds the
/// key to the device record and answers with the device's identity and its sealing key.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "kiosk/sync/server_address.hpp"
#include "kiosk/sync/sync_error.hpp"
#include "minegate/v1/sync.pb.h"
#include "proto/credential/signing_key.hpp"

namespace minegate::kiosk::sync {

/// POST /v1/devices/enroll, asynchronously, on `io`'s thread. Refusals carry the HTTP status
/// and the server's message (403: unknown or expired code, 409: key already enrolled, ...).
void AsyncEnrol(boost::asio::io_context& io, const ServerAddress& server, const std::string& code,
                const credential::PublicKey& public_key,
                std::function<void(Answer<v1::EnrolmentResponse>)> done,
                std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// The same on a private io_context, blocking until the answer: for the command line.
Answer<v1::EnrolmentResponse> Enrol(const ServerAddress& server, const std::string& code,
                                    const credential::PublicKey& public_key,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace minegate::kiosk::sync
