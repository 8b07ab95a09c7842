#pragma once
/// How the kiosk recognises its server: by the SHA-256 fingerprint of the server's leaf
/// certificate, given at enrolment. No certificate authority is trusted, and there is no
/// connection without a pin.

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/server_link/tls_error.hpp"

namespace minegate::kiosk::net {

using Sha256 = std::array<std::uint8_t, 32>;

/// 64 hex digits in either case; colons and spaces between them are ignored (the form
/// `openssl x509 -fingerprint -sha256` prints is accepted). LinkErrc::bad_fingerprint otherwise.
Result<Sha256> ParseFingerprint(std::string_view text);

/// 64 lower-case hex digits.
std::string FingerprintHex(const Sha256& fingerprint);

/// The SHA-256 of a DER-encoded certificate.
Sha256 CertificateDigest(const std::uint8_t* der, std::size_t size);

/// Where the server is and which certificate it must present.
struct TlsEndpoint {
  std::string host;  ///< DNS name (also sent as SNI) or IP literal
  std::uint16_t port = 8443;
  Sha256 pin{};
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds handshake_timeout{10000};
};

}  // namespace minegate::kiosk::net
