#include "kiosk/net/tls_pin.hpp"

#include <openssl/evp.h>

namespace minegate::kiosk::net {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<Sha256> ParseFingerprint(std::string_view text) {
  Sha256 out{};
  std::size_t digits = 0;
  for (const char c : text) {
    if (c == ':' || c == ' ') continue;
    const int value = HexValue(c);
    if (value < 0 || digits >= out.size() * 2) return make_error_code(LinkErrc::bad_fingerprint);
    auto& byte = out[digits / 2];
    byte = static_cast<std::uint8_t>(digits % 2 == 0 ? value << 4 : byte | value);
    ++digits;
  }
  if (digits != out.size() * 2) return make_error_code(LinkErrc::bad_fingerprint);
  return out;
}

std::string FingerprintHex(const Sha256& fingerprint) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(fingerprint.size() * 2);
  for (const std::uint8_t byte : fingerprint) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0f];
  }
  return hex;
}

Sha256 CertificateDigest(const std::uint8_t* der, std::size_t size) {
  Sha256 digest{};
  unsigned int length = 0;
  EVP_Digest(der, size, digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

}  // namespace minegate::kiosk::net
