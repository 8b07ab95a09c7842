#pragma once
/// POST /v1/devices/enroll: a kiosk presents its one-time code and its device
/// public key (docs/protocol.md §2). Plain inputs and outputs.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "server/admin/device_registry.hpp"
#include "server/api/api_response.hpp"

namespace minegate::server {

/// Completes an enrolment; in the server it runs on the writer thread.
using CompleteEnrolment = std::function<admin::Result<admin::EnrolledDevice>(
    std::string_view code, std::span<const std::uint8_t> public_key)>;

ApiResponse HandleEnrolment(std::string_view body, const CompleteEnrolment& complete,
                            std::string_view sealing_public_key, std::string_view sealing_key_id,
                            std::int64_t now_ms);

}  // namespace minegate::server
