#include "server/api/reconcile.hpp"

#include <google/protobuf/util/json_util.h>

#include "minegate/v1/sync.pb.h"
#include "proto/auth/device_auth.hpp"

namespace minegate::server {

ApiResponse ErrorResponse(int status, std::string_view fr, std::string_view en) {
  v1::LocalizedText text;
  text.set_fr(std::string(fr));
  text.set_en(std::string(en));
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(text, &json);
  return {status, "application/json", "{\"error\":" + json + "}"};
}

ApiResponse HandleReconcile(RegistryReader& registry, std::string_view device_id,
                            std::string_view authorization, std::string_view method,
                            std::string_view path, std::int64_t now_ms) {
  auth::DeviceAuthorization presented;
  if (!auth::ParseAuthorizationHeader(authorization, presented)) {
    return ErrorResponse(401, "signature d'appareil manquante ou mal formée",
                         "device signature missing or malformed");
  }
  const std::int64_t skew = presented.timestamp_ms - now_ms;
  if (skew > auth::kRequestWindowMs || -skew > auth::kRequestWindowMs) {
    return ErrorResponse(401, "horodatage hors de la fenêtre de 5 minutes",
                         "timestamp outside the 5-minute window");
  }
  auto device = registry.FindDevice(presented.device_id);
  if (!device) return ErrorResponse(503, "registre indisponible", "registry unavailable");
  if (!device.value() || !device.value()->enrolled || device.value()->revoked_at_ms ||
      !auth::VerifySignature(
          device.value()->public_key,
          auth::RequestSignedBytes(method, path, presented.timestamp_ms, presented.device_id),
          presented.signature)) {
    return ErrorResponse(401, "signature d'appareil invalide", "invalid device signature");
  }
  if (presented.device_id != device_id) {
    return ErrorResponse(403, "un appareil ne consulte que ses propres chiffres",
                         "a device may only read its own figures");
  }
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
