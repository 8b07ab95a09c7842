#pragma once
/// The fingerprint of one bracelet exactly as issued: its tag UID and its
/// credential bytes. When a device key is revoked, the server freezes the
/// digests of the bracelets it had received from that device; only those stay
/// valid, whatever date a credential carries.

#include <array>
#include <cstdint>
#include <span>

#include "proto/credential/credential.hpp"

namespace minegate::credential {

inline constexpr std::size_t kIssuedDigestSize = 16;
/// Domain separation, so the digest can never collide with another BLAKE2b use.
inline constexpr char kIssuedDigestContext[] = "minegate-issued-v1";

using IssuedDigest = std::array<std::uint8_t, kIssuedDigestSize>;

/// BLAKE2b-128 of "minegate-issued-v1" || uid length (1 byte) || uid || credential bytes.
IssuedDigest DigestOfIssued(std::span<const std::uint8_t> tag_uid,
                            std::span<const std::uint8_t> credential_bytes);

/// The same for a decoded credential (its signed bytes followed by its signature).
IssuedDigest DigestOfIssued(std::span<const std::uint8_t> tag_uid, const Credential& credential);

}  // namespace minegate::credential
