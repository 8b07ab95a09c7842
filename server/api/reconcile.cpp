#include "server/api/reconcile.hpp"

#include <google/protobuf/util/json_util.h>

#include "minegate/v1/sync.pb.h"
#include "server/api/device_request.hpp"

namespace minegate::server {

ApiResponse HandleReconcile(RegistryReader& registry, std::string_view device_id,
                            std::string_view authorization, std::string_view method,
                            std::string_view path, std::int64_t now_ms) {
  auto device = AuthenticateDevice(registry, device_id, authorization, method, path, now_ms);
  if (auto* refusal = std::get_if<ApiResponse>(&device)) return *refusal;
  auto state = registry.SyncState(std::string(device_id));
  if (!state) return ErrorResponse(503, "registre indisponible", "registry unavailable");

  v1::ReconcileReport report;
  report.set_device_id(std::string(device_id));
  report.set_event_count(state.value().event_count);
  report.set_highest_seq(state.value().highest_seq);
  report.set_contiguous_seq(state.value().contiguous_seq);
  for (const auto& [first, last] : state.value().gaps) {
    auto* gap = report.add_gaps();
    gap->set_first_missing(first);
    gap->set_last_missing(last);
  }
  ApiResponse response;
  (void)google::protobuf::util::MessageToJsonString(report, &response.body);
  return response;
}

}  // namespace minegate::server
