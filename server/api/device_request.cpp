#include "server/api/device_request.hpp"

#include "proto/auth/device_auth.hpp"

namespace minegate::server {

std::variant<DeviceRecord, ApiResponse> AuthenticateDevice(
    RegistryReader& registry, std::string_view url_device_id, std::string_view authorization,
    std::string_view method, std::string_view signed_target, std::int64_t now_ms) {
  ::minegate::auth::DeviceAuthorization presented;
  if (!::minegate::auth::ParseAuthorizationHeader(authorization, presented)) {
    return ErrorResponse(401, "signature d'appareil manquante ou mal formée",
                         "device signature missing or malformed");
  }
  const std::int64_t skew = presented.timestamp_ms - now_ms;
  if (skew > ::minegate::auth::kRequestWindowMs || -skew > ::minegate::auth::kRequestWindowMs) {
    return ErrorResponse(401, "horodatage hors de la fenêtre de 5 minutes",
                         "timestamp outside the 5-minute window");
  }
  auto device = registry.FindDevice(presented.device_id);
  if (!device) return ErrorResponse(503, "registre indisponible", "registry unavailable");
  if (!device.value() || !device.value()->enrolled || device.value()->revoked_at_ms ||
      !::minegate::auth::VerifySignature(
          device.value()->public_key,
          ::minegate::auth::RequestSignedBytes(method, signed_target, presented.timestamp_ms,
                                               presented.device_id),
          presented.signature)) {
    return ErrorResponse(401, "signature d'appareil invalide", "invalid device signature");
  }
  if (presented.device_id != url_device_id) {
    return ErrorResponse(403, "un appareil ne consulte que ce qui le concerne",
                         "a device may only read what concerns it");
  }
  return *device.value();
}

}  // namespace minegate::server
