#pragma once
/// GET /v1/devices/{device_id}/person-candidates: a gate agent at a kiosk looks
/// for the record of someone whose bracelet was lost (docs/protocol.md §7).
/// Device-signed over the whole target, query included, so the terms cannot be
/// changed in transit. Plain inputs and outputs: the HTTP layer converts.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "minegate/v1/sync.pb.h"
#include "server/api/api_response.hpp"
#include "server/registry/registry_error.hpp"
#include "server/sync/registry_reader.hpp"

namespace minegate::server {

/// Runs the search and its audit record (on the writer thread, which owns the writes).
using FindCandidates = std::function<registry::Result<v1::PersonCandidates>(
    std::string_view device_id, const v1::PersonCandidatesQuery& query)>;
/// A percent-decoded query parameter, nullopt when absent.
using QueryParameter = std::function<std::optional<std::string>(std::string_view name)>;

ApiResponse HandlePersonCandidates(RegistryReader& registry, std::string_view device_id,
                                   std::string_view authorization, std::string_view target,
                                   const QueryParameter& parameter, const FindCandidates& find,
                                   std::int64_t now_ms);

}  // namespace minegate::server
