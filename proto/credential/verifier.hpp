#pragma once
/// Verifying: is this credential, read from the tag with this UID, one that a
/// trusted device issued for this very tag?

#include <cstdint>
#include <span>

#include "proto/credential/credential.hpp"
#include "proto/credential/error.hpp"
#include "proto/credential/key_set.hpp"

namespace minegate::credential {

/// How far in the future a credential may be dated: device clocks drift, and a
/// kiosk that issued a bracelet a little fast must not see it refused next door.
inline constexpr std::int64_t kMaxFutureSkewMs = 15 * 60 * 1000;

/// Checks, in order: the key is known (unknown_key), the signature covers
/// these bytes and this UID (bad_signature), the credential is not dated
/// later than `now_ms` + kMaxFutureSkewMs (issued_in_future), and, when the
/// key is revoked, that this exact (UID, credential) is one of the bracelets
/// frozen at revocation (key_revoked). The date inside a credential is never
/// what decides a revocation: whoever holds a stolen key writes it.
Result<void> Verify(const Credential& credential, std::span<const std::uint8_t> tag_uid,
                    const KeySet& keys, std::int64_t now_ms);

/// Decode() then Verify(): the one call a gate makes for tapped bytes.
Result<Credential> DecodeAndVerify(std::span<const std::uint8_t> bytes,
                                   std::span<const std::uint8_t> tag_uid, const KeySet& keys,
                                   std::int64_t now_ms);

}  // namespace minegate::credential
