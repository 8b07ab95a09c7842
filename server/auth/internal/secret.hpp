#pragma once
/// Session ids, CSRF tokens and API token secrets: 32 random bytes, written as 43 characters of
/// unpadded base64url (cookie- and header-safe), stored only as a BLAKE2b-256 digest. A random
/// 256-bit secret needs no slow hash: nobody can guess it, so a fast digest is enough to make a
/// copied database useless for signing in.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "server/auth/error.hpp"

namespace minegate::server::auth::internal {

inline constexpr std::size_t kSecretBytes = 32;
inline constexpr std::size_t kSecretChars = 43;  ///< ceil(32 * 8 / 6), no padding.
using Secret = std::array<std::uint8_t, kSecretBytes>;
using Digest = std::array<std::uint8_t, 32>;

/// 32 bytes from the system's CSPRNG (Errc::crypto_unavailable if libsodium cannot start).
Result<Secret> RandomSecret();
/// `bytes` random bytes as lower-case hex.
Result<std::string> RandomHex(std::size_t bytes);
std::string EncodeSecret(const Secret& secret);
/// nullopt unless `text` is exactly 43 characters of base64url that decode to 32 bytes.
std::optional<Secret> DecodeSecret(std::string_view text);
/// BLAKE2b-256 of `bytes`.
Digest DigestOf(std::span<const std::uint8_t> bytes);
Digest DigestOf(std::string_view text);
/// True when both are the same bytes, compared in time that depends only on their length
/// (sodium_memcmp); false at once when the lengths differ (a length is no secret).
bool SameInConstantTime(std::string_view a, std::string_view b);
bool SameInConstantTime(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace minegate::server::auth::internal
