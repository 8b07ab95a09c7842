#pragma once
/// The certificate fingerprint a kiosk pins when the server's certificate is self-signed.

#include <string>
#include <string_view>

#include "server/tls/error.hpp"

namespace minegate::server::tls {

/// SHA-256 of the DER encoding of the first certificate in `certificate_pem`, as 64
/// lower-case hex digits (what `openssl x509 -noout -fingerprint -sha256` prints, without the
/// colons and in lower case).
Result<std::string> CertificateSha256Fingerprint(std::string_view certificate_pem);

}  // namespace minegate::server::tls
