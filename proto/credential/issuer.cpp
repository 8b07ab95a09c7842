#include "proto/credential/issuer.hpp"

#include "proto/credential/codec.hpp"

namespace minegate::credential {

Result<std::vector<std::uint8_t>> Issue(const CredentialFields& fields,
                                        std::span<const std::uint8_t> tag_uid,
                                        const SigningKey& key) {
  if (!IsValidUid(tag_uid)) return Errc::bad_uid;
  auto encoded = EncodeUnsigned(fields, key.key_id());
  if (!encoded) return encoded.error();
  std::vector<std::uint8_t> bytes = std::move(encoded).value();
  const Signature signature = key.Sign(SignedMessage(tag_uid, bytes));
  bytes.insert(bytes.end(), signature.begin(), signature.end());
  return bytes;
}

}  // namespace minegate::credential
