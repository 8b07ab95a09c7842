#pragma once
/// Authenticates an HTTPS request signed by an enrolled device (docs/protocol.md
/// §7): the `Authorization: Minegate-Device id=…, ts=…, sig=…` header, the
/// timestamp within the window, the signature by the device's key over the
/// method and `signed_target`, the device neither unknown nor revoked, and the
/// device the one the URL names.

#include <cstdint>
#include <string_view>
#include <variant>

#include "server/api/api_response.hpp"
#include "server/sync/registry_reader.hpp"

namespace minegate::server {

/// The device, or the refusal to send (401, 403 or 503).
std::variant<DeviceRecord, ApiResponse> AuthenticateDevice(
    RegistryReader& registry, std::string_view url_device_id, std::string_view authorization,
    std::string_view method, std::string_view signed_target, std::int64_t now_ms);

}  // namespace minegate::server
