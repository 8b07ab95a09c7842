#include "proto/credential/signing_key.hpp"

#include <sodium.h>

#include <algorithm>

#include "proto/credential/internal/sodium.hpp"

namespace minegate::credential {

KeyId KeyIdOf(const PublicKey& public_key) {
  // crypto_generichash cannot output fewer than 16 bytes: hash to 16, keep 8.
  std::array<std::uint8_t, crypto_generichash_BYTES_MIN> digest{};
  crypto_generichash(digest.data(), digest.size(), public_key.data(), public_key.size(), nullptr,
                     0);
  KeyId id{};
  std::copy_n(digest.begin(), id.size(), id.begin());
  return id;
}

Result<SigningKey> SigningKey::Generate() {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  Seed seed{};
  randombytes_buf(seed.data(), seed.size());
  auto key = FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

Result<SigningKey> SigningKey::FromSeed(const Seed& seed) {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_key_.data(), seed.data());
  key.key_id_ = KeyIdOf(key.public_key_);
  return key;
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : secret_key_(other.secret_key_), public_key_(other.public_key_), key_id_(other.key_id_) {
  sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    secret_key_ = other.secret_key_;
    public_key_ = other.public_key_;
    key_id_ = other.key_id_;
    sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
  }
  return *this;
}

SigningKey::~SigningKey() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Seed SigningKey::seed() const {
  Seed seed{};
  crypto_sign_ed25519_sk_to_seed(seed.data(), secret_key_.data());
  return seed;
}

Signature SigningKey::Sign(std::span<const std::uint8_t> message) const {
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       secret_key_.data());
  return signature;
}

}  // namespace minegate::credential
