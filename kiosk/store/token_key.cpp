#include "kiosk/store/token_key.hpp"

#include <sodium.h>

namespace minegate::kiosk::store {

static_assert(kTokenKeyBytes >= crypto_generichash_BYTES_MIN);
static_assert(kTokenKeyDomain.size() >= crypto_generichash_KEYBYTES_MIN);

std::string TokenKey(std::string_view person_token) {
  std::string key(kTokenKeyBytes, '\0');
  // Cannot fail with these lengths (checked above); libsodium returns 0.
  (void)crypto_generichash(
      reinterpret_cast<unsigned char*>(key.data()), key.size(),
      reinterpret_cast<const unsigned char*>(person_token.data()), person_token.size(),
      reinterpret_cast<const unsigned char*>(kTokenKeyDomain.data()), kTokenKeyDomain.size());
  return key;
}

}  // namespace minegate::kiosk::store
