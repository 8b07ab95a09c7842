#pragma once
/// Where the kiosk's server is and how it is recognised: the pinned SHA-256 fingerprint of its
/// certificate, given at enrolment. Shared by the sync client, enrolment and reconcile.

#include <chrono>
#include <cstdint>
#include <string>

#include "kiosk/server_link/tls_pin.hpp"

namespace minegate::kiosk::sync {

struct ServerAddress {
  std::string host;  ///< DNS name or IP literal
  std::uint16_t port = 8443;
  /// SHA-256 of the server's certificate, hex (colons allowed). Required: without a pin
  /// there is no connection.
  std::string fingerprint;
  std::chrono::milliseconds connect_timeout{10000};
  /// TLS, and for the sync stream the WebSocket upgrade and the Challenge-Welcome exchange.
  std::chrono::milliseconds handshake_timeout{10000};
};

/// The transport's view of it; LinkErrc::bad_fingerprint without a valid pin,
/// sync::Errc::bad_options without a host or a port.
net::Result<net::TlsEndpoint> ToEndpoint(const ServerAddress& address);

}  // namespace minegate::kiosk::sync
