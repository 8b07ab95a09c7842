#pragma once
/// A device's Ed25519 signing key: it signs the bracelets a kiosk issues.
/// Thread-safe for concurrent Sign() calls; the secret is wiped on destruction.

#include <array>
#include <cstdint>
#include <span>

#include "proto/credential/credential.hpp"
#include "proto/credential/error.hpp"

namespace minegate::credential {

inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSeedSize = 32;
using PublicKey = std::array<std::uint8_t, kPublicKeySize>;
using Seed = std::array<std::uint8_t, kSeedSize>;

/// The key id credentials name: the first 8 bytes of BLAKE2b-128(public key).
KeyId KeyIdOf(const PublicKey& public_key);

class SigningKey {
 public:
  /// A fresh random key.
  static Result<SigningKey> Generate();
  /// The key a stored 32-byte seed determines.
  static Result<SigningKey> FromSeed(const Seed& seed);

  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&& other) noexcept;
  ~SigningKey();

  const PublicKey& public_key() const { return public_key_; }
  const KeyId& key_id() const { return key_id_; }
  /// The seed, for the owner to store (encrypted, 0600) and reload.
  Seed seed() const;

  Signature Sign(std::span<const std::uint8_t> message) const;

 private:
  SigningKey() = default;

  std::array<std::uint8_t, 64> secret_key_{};
  PublicKey public_key_{};
  KeyId key_id_{};
};

}  // namespace minegate::credential
