#pragma once
/// The device keys a verifier trusts, and for a revoked key the bracelets it
/// issued that stay valid. Not thread-safe for writes: build it, then share it
/// read-only.

#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include "proto/credential/credential.hpp"
#include "proto/credential/issued_digest.hpp"
#include "proto/credential/signing_key.hpp"

namespace minegate::credential {

struct TrustedKey {
  PublicKey public_key{};
  /// When the key was revoked (ms since the epoch). Informative only: the
  /// issued-at time inside a credential is written by whoever holds the key,
  /// so a thief could backdate it. A revoked key's credential is accepted only
  /// when it is in `issued_before_revocation`.
  std::optional<std::int64_t> revoked_at_ms = std::nullopt;
  /// Digests (DigestOfIssued) of the bracelets the server had received from
  /// this device when it was revoked. A verifier may hold only the subset it
  /// needs (the kiosk loads the one digest of the tag being verified).
  std::set<IssuedDigest> issued_before_revocation = {};
};

class KeySet {
 public:
  /// Adds a key, or replaces the entry with the same key id.
  void Upsert(const TrustedKey& key);
  /// Marks a key revoked, keeping only the given bracelets valid; false when
  /// the key is unknown.
  bool Revoke(const KeyId& id, std::int64_t revoked_at_ms,
              std::set<IssuedDigest> issued_before_revocation = {});
  const TrustedKey* Find(const KeyId& id) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::map<KeyId, TrustedKey> keys_;
};

}  // namespace minegate::credential
