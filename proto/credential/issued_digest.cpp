#include "proto/credential/issued_digest.hpp"

#include <sodium.h>

#include <cstring>

#include "proto/credential/internal/sodium.hpp"

namespace minegate::credential {
namespace {

void Update(crypto_generichash_state& state, std::span<const std::uint8_t> bytes) {
  crypto_generichash_update(&state, bytes.data(), bytes.size());
}

IssuedDigest Finish(crypto_generichash_state& state) {
  IssuedDigest digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  return digest;
}

crypto_generichash_state Start(std::span<const std::uint8_t> tag_uid) {
  // SodiumReady() is only a guard: BLAKE2b needs no initialisation, but keep
  // the library's rule of initialising libsodium before any call.
  (void)internal::SodiumReady();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kIssuedDigestSize);
  const auto* context = reinterpret_cast<const std::uint8_t*>(kIssuedDigestContext);
  Update(state, {context, std::strlen(kIssuedDigestContext)});
  const std::uint8_t length = static_cast<std::uint8_t>(tag_uid.size());
  Update(state, {&length, 1});
  Update(state, tag_uid);
  return state;
}

}  // namespace

IssuedDigest DigestOfIssued(std::span<const std::uint8_t> tag_uid,
                            std::span<const std::uint8_t> credential_bytes) {
  auto state = Start(tag_uid);
  Update(state, credential_bytes);
  return Finish(state);
}

IssuedDigest DigestOfIssued(std::span<const std::uint8_t> tag_uid, const Credential& credential) {
  auto state = Start(tag_uid);
  Update(state, credential.signed_bytes);
  Update(state, credential.signature);
  return Finish(state);
}

}  // namespace minegate::credential
