#pragma once
/// GET /v1/devices/{device_id}/reconcile: what the server holds for a device,
/// answered only to that device, authenticated by its signature (docs/protocol.md §7).
/// Plain inputs and outputs: the HTTP layer converts.

#include <cstdint>
#include <string>
#include <string_view>

#include "server/api/api_response.hpp"
#include "server/sync/registry_reader.hpp"

namespace minegate::server {

ApiResponse HandleReconcile(RegistryReader& registry, std::string_view device_id,
                            std::string_view authorization, std::string_view method,
                            std::string_view path, std::int64_t now_ms);

}  // namespace minegate::server
