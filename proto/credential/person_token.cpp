#include "proto/credential/person_token.hpp"

#include <sodium.h>

#include "proto/credential/internal/sodium.hpp"

namespace minegate::credential {

Result<PersonToken> NewPersonToken() {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  PersonToken token{};
  randombytes_buf(token.data(), token.size());
  return token;
}

}  // namespace minegate::credential
