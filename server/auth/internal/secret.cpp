#include "server/auth/internal/secret.hpp"

#include <sodium.h>

#include "base/hex.hpp"

namespace minegate::server::auth::internal {
namespace {

bool SodiumStarted() {
  // sodium_init() is idempotent and thread-safe; the static saves the repeated calls.
  static const bool started = sodium_init() >= 0;
  return started;
}

}  // namespace

Result<Secret> RandomSecret() {
  if (!SodiumStarted()) return Errc::crypto_unavailable;
  Secret secret{};
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

Result<std::string> RandomHex(std::size_t bytes) {
  if (!SodiumStarted()) return Errc::crypto_unavailable;
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return base::ToHex(raw);
}

std::string EncodeSecret(const Secret& secret) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(kSecretBytes, kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), secret.data(), secret.size(), kVariant);
  text.resize(kSecretChars);  // the terminating NUL sodium writes
  return text;
}

std::optional<Secret> DecodeSecret(std::string_view text) {
  if (text.size() != kSecretChars) return std::nullopt;
  Secret secret{};
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(secret.data(), secret.size(), text.data(), text.size(), nullptr, &length,
                        &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  if (length != kSecretBytes || end != text.data() + text.size()) return std::nullopt;
  return secret;
}

Digest DigestOf(std::span<const std::uint8_t> bytes) {
  Digest digest{};
  crypto_generichash(digest.data(), digest.size(), bytes.data(), bytes.size(), nullptr, 0);
  return digest;
}

Digest DigestOf(std::string_view text) {
  return DigestOf(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

bool SameInConstantTime(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool SameInConstantTime(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace minegate::server::auth::internal
