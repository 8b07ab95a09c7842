#include "server/tls/fingerprint.hpp"

#include <openssl/evp.h>

#include <array>

#include "server/tls/internal/pem.hpp"

namespace minegate::server::tls {

Result<std::string> CertificateSha256Fingerprint(std::string_view certificate_pem) {
  const auto certificates = internal::ParseCertificates(certificate_pem);
  if (certificates.empty()) return make_error_code(Errc::certificate_unreadable);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (X509_digest(certificates.front().get(), EVP_sha256(), digest.data(), &size) != 1) {
    internal::ClearOpenSslErrors();
    return make_error_code(Errc::certificate_unreadable);
  }
  constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

}  // namespace minegate::server::tls
