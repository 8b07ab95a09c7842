#include "proto/credential/verifier.hpp"

#include <sodium.h>

#include "proto/credential/codec.hpp"
#include "proto/credential/internal/sodium.hpp"
#include "proto/credential/issued_digest.hpp"

namespace minegate::credential {

Result<void> Verify(const Credential& credential, std::span<const std::uint8_t> tag_uid,
                    const KeySet& keys, std::int64_t now_ms) {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  if (!IsValidUid(tag_uid)) return Errc::bad_uid;
  const TrustedKey* key = keys.Find(credential.key_id);
  if (key == nullptr) return Errc::unknown_key;
  const auto message = SignedMessage(tag_uid, credential.signed_bytes);
  if (crypto_sign_verify_detached(credential.signature.data(), message.data(), message.size(),
                                  key->public_key.data()) != 0) {
    return Errc::bad_signature;
  }
  // Only trusted once the signature verified; a trusted kiosk never dates
  // ahead of its clock by more than the skew, a forger might.
  if (credential.fields.issued_at_ms > now_ms + kMaxFutureSkewMs) return Errc::issued_in_future;
  if (key->revoked_at_ms &&
      !key->issued_before_revocation.contains(DigestOfIssued(tag_uid, credential))) {
    return Errc::key_revoked;
  }
  return boost::outcome_v2::success();
}

Result<Credential> DecodeAndVerify(std::span<const std::uint8_t> bytes,
                                   std::span<const std::uint8_t> tag_uid, const KeySet& keys,
                                   std::int64_t now_ms) {
  auto credential = Decode(bytes);
  if (!credential) return credential.error();
  if (auto verified = Verify(credential.value(), tag_uid, keys, now_ms); !verified) {
    return verified.error();
  }
  return credential;
}

}  // namespace minegate::credential
