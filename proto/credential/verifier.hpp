#pragma once
/// Verifying: is this credential, read from the tag with this UID, one that a
/// trusted device issued for this very tag?

#include <cstdint>
#include <span>

#include "proto/credential/credential.hpp"
#include "proto/credential/error.hpp"
#include "proto/credential/key_set.hpp"

namespace minegate::credential {

/// Checks, in order: the key is known (unknown_key), the signature covers
/// these bytes and this UID (bad_signature), and the credential was issued
/// before any revocation of its key (key_revoked). The issued-at time is only
/// trusted once the signature has verified.
Result<void> Verify(const Credential& credential, std::span<const std::uint8_t> tag_uid,
                    const KeySet& keys);

/// Decode() then Verify(): the one call a gate makes for tapped bytes.
Result<Credential> DecodeAndVerify(std::span<const std::uint8_t> bytes,
                                   std::span<const std::uint8_t> tag_uid, const KeySet& keys);

}  // namespace minegate::credential
