#pragma once
/// The credential written on a bracelet or a miner's card.
///
/// Anyone's phone can read an NFC tag, so a credential carries no personal
/// data: a random person token, where and when it was issued, which device
/// key signed it, and an Ed25519 signature binding all of it to the tag's UID
/// (a copy on another tag fails). A miner's card also carries its printed
/// card number, which EMAPE prints on the card anyway.
///
/// Layout, version 1 (big-endian integers):
///
///   offset size field
///   0      1    version = 1
///   1      1    kind: 1 bracelet, 2 miner card
///   2      16   person token (random)
///   18     4    issuing site id
///   22     8    issued at, ms since the Unix epoch (UTC)
///   30     8    signing key id (BLAKE2b-128 of the public key, first 8 bytes)
///   38     1+n  miner card only: n (1..16), then n bytes of [0-9A-Z/-]
///   ..     64   Ed25519 signature over
///                 "minegate-cred-v1" || uid length (1 byte) || uid || bytes[0, signature)
///
/// A bracelet credential is 102 bytes. Inside one NDEF external record of
/// type "minegate.sn:cred" in a Type 2 TLV it takes 124 of an NTAG213's 144
/// bytes of user memory.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace minegate::credential {

inline constexpr std::uint8_t kVersion1 = 1;
inline constexpr std::size_t kPersonTokenSize = 16;
inline constexpr std::size_t kKeyIdSize = 8;
inline constexpr std::size_t kSignatureSize = 64;
inline constexpr std::size_t kMaxCardNumberLength = 16;
/// Fixed fields before the optional card number.
inline constexpr std::size_t kFixedHeaderSize = 1 + 1 + kPersonTokenSize + 4 + 8 + kKeyIdSize;
inline constexpr std::size_t kBraceletSize = kFixedHeaderSize + kSignatureSize;
inline constexpr std::size_t kMaxEncodedSize =
    kFixedHeaderSize + 1 + kMaxCardNumberLength + kSignatureSize;
/// NDEF external type under which the credential is stored on a tag.
inline constexpr char kNdefExternalType[] = "minegate.sn:cred";
/// Domain separation for the signature, so it can never be mistaken for a
/// signature made by the same device key for another purpose.
inline constexpr char kSignatureContext[] = "minegate-cred-v1";

enum class Kind : std::uint8_t {
  bracelet = 1,
  miner_card = 2,
};

using PersonToken = std::array<std::uint8_t, kPersonTokenSize>;
using KeyId = std::array<std::uint8_t, kKeyIdSize>;
using Signature = std::array<std::uint8_t, kSignatureSize>;

/// What an issuer decides; the key id and signature are added when signing.
struct CredentialFields {
  Kind kind = Kind::bracelet;
  PersonToken person_token{};
  std::uint32_t site_id = 0;
  std::int64_t issued_at_ms = 0;
  /// Miner card only, 1..16 characters of [0-9A-Z/-]; empty for a bracelet.
  std::string card_number;

  friend bool operator==(const CredentialFields&, const CredentialFields&) = default;
};

/// A decoded credential. Decoding proves only that the bytes are well formed;
/// trust it after Verify().
struct Credential {
  std::uint8_t version = kVersion1;
  CredentialFields fields;
  KeyId key_id{};
  Signature signature{};
  /// The encoded bytes the signature covers (everything before it).
  std::vector<std::uint8_t> signed_bytes;
};

}  // namespace minegate::credential
