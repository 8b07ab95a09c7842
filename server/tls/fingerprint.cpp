#include "server/tls/fingerprint.hpp"

#include <openssl/evp.h>

#include <array>

#include "base/hex.hpp"
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
  return base::ToHex(std::span<const std::uint8_t>(digest.data(), size));
}

}  // namespace minegate::server::tls
