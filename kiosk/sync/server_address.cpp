#include "kiosk/sync/server_address.hpp"

#include "kiosk/sync/sync_error.hpp"

namespace minegate::kiosk::sync {

net::Result<net::TlsEndpoint> ToEndpoint(const ServerAddress& address) {
  if (address.host.empty() || address.port == 0) return make_error_code(Errc::bad_options);
  auto pin = net::ParseFingerprint(address.fingerprint);
  if (!pin) return pin.error();
  net::TlsEndpoint endpoint;
  endpoint.host = address.host;
  endpoint.port = address.port;
  endpoint.pin = pin.value();
  endpoint.connect_timeout = address.connect_timeout;
  endpoint.handshake_timeout = address.handshake_timeout;
  return endpoint;
}

}  // namespace minegate::kiosk::sync
