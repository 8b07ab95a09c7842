// Fuzz target: credential bytes as read from any tag, by anyone.
// Properties: Decode never crashes; whatever decodes re-encodes to the very
// same bytes; verification of fuzzed bytes against a real key never succeeds
// unless the bytes are exactly a credential that key issued for that UID.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "proto/credential/codec.hpp"
#include "proto/credential/key_set.hpp"
#include "proto/credential/signing_key.hpp"
#include "proto/credential/verifier.hpp"

namespace {

using namespace minegate::credential;

const SigningKey& FuzzKey() {
  static const SigningKey key = [] {
    Seed seed{};
    seed.fill(0x5A);
    return SigningKey::FromSeed(seed).value();
  }();
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  auto decoded = Decode(bytes);
  if (!decoded) return 0;

  const Credential& credential = decoded.value();
  auto reencoded = EncodeUnsigned(credential.fields, credential.key_id);
  if (!reencoded || reencoded.value() != credential.signed_bytes) std::abort();
  if (credential.signed_bytes.size() + kSignatureSize != size) std::abort();

  KeySet keys;
  keys.Upsert({.public_key = FuzzKey().public_key()});
  static constexpr std::uint8_t kUid[] = {0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
  if (Verify(credential, kUid, keys, INT64_MAX - kMaxFutureSkewMs)) {
    // Only a genuine signature by FuzzKey() can get here; the fuzzer cannot forge one.
    const auto expected = FuzzKey().Sign(SignedMessage(kUid, credential.signed_bytes));
    if (expected != credential.signature) std::abort();
  }
  return 0;
}
