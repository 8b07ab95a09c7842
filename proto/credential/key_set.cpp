#include "proto/credential/key_set.hpp"

#include <utility>

namespace minegate::credential {

void KeySet::Upsert(const TrustedKey& key) { keys_[KeyIdOf(key.public_key)] = key; }

bool KeySet::Revoke(const KeyId& id, std::int64_t revoked_at_ms,
                    std::set<IssuedDigest> issued_before_revocation) {
  auto it = keys_.find(id);
  if (it == keys_.end()) return false;
  it->second.revoked_at_ms = revoked_at_ms;
  it->second.issued_before_revocation = std::move(issued_before_revocation);
  return true;
}

const TrustedKey* KeySet::Find(const KeyId& id) const {
  auto it = keys_.find(id);
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace minegate::credential
