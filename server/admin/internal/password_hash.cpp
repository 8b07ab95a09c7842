#include "server/admin/internal/password_hash.hpp"

#include <sodium.h>

#include <array>

#include "server/admin/internal/sodium.hpp"

namespace minegate::server::admin::internal {

Result<std::string> HashSecret(std::string_view secret) {
  if (!SodiumReady()) return Errc::crypto_unavailable;
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str(hash.data(), secret.data(), secret.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Errc::crypto_unavailable;
  }
  return std::string(hash.data());
}

Result<std::string> HashPin(std::string_view pin) {
  if (!SodiumReady()) return Errc::crypto_unavailable;
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str(hash.data(), pin.data(), pin.size(), kPinOpsLimit, kPinMemLimit) != 0) {
    return Errc::crypto_unavailable;
  }
  return std::string(hash.data());
}

bool VerifySecret(const std::string& hash, std::string_view secret) {
  if (!SodiumReady()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

bool VerifyAgainstDummy(std::string_view secret) {
  // Hashed once per process, on first need; the value itself does not matter.
  static const std::string dummy = [] {
    auto hash = HashSecret("minegate-no-such-user");
    return hash ? hash.value() : std::string();
  }();
  VerifySecret(dummy, secret);
  return false;
}

}  // namespace minegate::server::admin::internal
