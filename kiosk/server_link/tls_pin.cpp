#include "kiosk/server_link/tls_pin.hpp"

#include <openssl/evp.h>

#include <algorithm>

#include "proto/credential/hex.hpp"

namespace minegate::kiosk::net {

Result<Sha256> ParseFingerprint(std::string_view text) {
  // credential::FromHex accepts the separators people copy from a log (':', ' ', '-').
  const auto bytes = credential::FromHex(text);
  Sha256 out{};
  if (!bytes || bytes->size() != out.size()) return make_error_code(LinkErrc::bad_fingerprint);
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

std::string FingerprintHex(const Sha256& fingerprint) { return credential::ToHex(fingerprint); }

Sha256 CertificateDigest(const std::uint8_t* der, std::size_t size) {
  Sha256 digest{};
  unsigned int length = 0;
  EVP_Digest(der, size, digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

}  // namespace minegate::kiosk::net
