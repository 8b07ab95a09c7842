#pragma once
/// The device keys a verifier trusts, each possibly revoked from a given time.
/// Not thread-safe for writes: build it, then share it read-only.

#include <cstdint>
#include <map>
#include <optional>

#include "proto/credential/credential.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::credential {

struct TrustedKey {
  PublicKey public_key{};
  /// Credentials issued at or after this time (ms since the epoch) are
  /// refused; earlier ones stay valid, so a stolen kiosk's key can be revoked
  /// without re-issuing every bracelet it signed before the theft.
  std::optional<std::int64_t> revoked_at_ms;
};

class KeySet {
 public:
  /// Adds a key, or replaces the entry with the same key id.
  void Upsert(const TrustedKey& key);
  /// Marks a key revoked from a time; false when the key is unknown.
  bool Revoke(const KeyId& id, std::int64_t revoked_at_ms);
  const TrustedKey* Find(const KeyId& id) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::map<KeyId, TrustedKey> keys_;
};

}  // namespace minegate::credential
