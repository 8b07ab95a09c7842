#pragma once
/// A self-signed server certificate for a first start without a configured one.

#include <chrono>
#include <string>
#include <vector>

#include "server/tls/error.hpp"

namespace minegate::server::tls::internal {

struct PemPair {
  std::string certificate_pem;
  std::string private_key_pem;
};

/// ECDSA P-256 key; X.509 v3 certificate signed with it (SHA-256), CN minegate-server,
/// SAN DNS:localhost, IP:127.0.0.1 and each of `host_names` (an IP literal becomes an IP
/// entry, anything else a DNS entry; each must pass IsValidCertificateHostName), not a CA,
/// server authentication only, valid from a day ago (kiosk clocks drift) for `validity`.
Result<PemPair> GenerateSelfSigned(const std::vector<std::string>& host_names,
                                   std::chrono::hours validity);

}  // namespace minegate::server::tls::internal
