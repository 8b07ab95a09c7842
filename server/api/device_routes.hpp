#pragma once
/// Administrators manage kiosks: the list with what each sent and whether it is connected,
/// a new device's one-time enrolment code (and the enrolment file a kiosk reads), revocation.
/// The same server/admin code as `minegatectl device ...`. Handlers for the gateway.

#include <functional>
#include <string>
#include <vector>

#include "server/admin/server_keys.hpp"
#include "server/api/api_call.hpp"

namespace minegate::server::api {

struct DeviceRouteContext {
  /// The devices connected now (their sync stream open and authenticated).
  std::function<std::vector<std::string>()> connected_devices;
  /// The server's sealing keys (only the public key and its id go into an enrolment file).
  const admin::ServerKeys* keys = nullptr;
  /// The SHA-256 of the certificate the server serves, lower-case hex, for kiosks to pin.
  std::function<std::string()> certificate_sha256;
};

ApiHandler ListDevicesHandler(DeviceRouteContext context);   ///< GET /v1/devices → DeviceList
ApiHandler CreateDeviceHandler(DeviceRouteContext context);  ///< POST /v1/devices → 201 code
ApiHandler RevokeDeviceHandler();  ///< POST /v1/devices/{id}/revoke → DeviceRevocationReport

}  // namespace minegate::server::api
