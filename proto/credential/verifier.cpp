#include "proto/credential/verifier.hpp"

#include <sodium.h>

#include "proto/credential/codec.hpp"
#include "proto/credential/internal/sodium.hpp"

namespace minegate::credential {

Result<void> Verify(const Credential& credential, std::span<const std::uint8_t> tag_uid,
                    const KeySet& keys) {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  if (!IsValidUid(tag_uid)) return Errc::bad_uid;
  const TrustedKey* key = keys.Find(credential.key_id);
  if (key == nullptr) return Errc::unknown_key;
  const auto message = SignedMessage(tag_uid, credential.signed_bytes);
  if (crypto_sign_verify_detached(credential.signature.data(), message.data(), message.size(),
                                  key->public_key.data()) != 0) {
    return Errc::bad_signature;
  }
  if (key->revoked_at_ms && credential.fields.issued_at_ms >= *key->revoked_at_ms) {
    return Errc::key_revoked;
  }
  return boost::outcome_v2::success();
}

Result<Credential> DecodeAndVerify(std::span<const std::uint8_t> bytes,
                                   std::span<const std::uint8_t> tag_uid, const KeySet& keys) {
  auto credential = Decode(bytes);
  if (!credential) return credential.error();
  if (auto verified = Verify(credential.value(), tag_uid, keys); !verified) return verified.error();
  return credential;
}

}  // namespace minegate::credential
