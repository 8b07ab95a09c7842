#pragma once
/// Encoding and decoding of the credential layout described in credential.hpp.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "proto/credential/credential.hpp"
#include "proto/credential/error.hpp"

namespace minegate::credential {

/// Parses untrusted tag bytes. Size-bounded before anything is read; every
/// way the bytes can be wrong has its own Errc. Does not verify the signature.
Result<Credential> Decode(std::span<const std::uint8_t> bytes);

/// Encodes fields and key id, without the signature (the bytes to sign).
/// Fails with bad_card_number or card_number_on_bracelet for invalid fields.
Result<std::vector<std::uint8_t>> EncodeUnsigned(const CredentialFields& fields,
                                                 const KeyId& key_id);

/// The exact message an Ed25519 signature covers for a tag UID.
std::vector<std::uint8_t> SignedMessage(std::span<const std::uint8_t> tag_uid,
                                        std::span<const std::uint8_t> signed_bytes);

/// True when a UID has a length ISO 14443-A allows (4, 7 or 10 bytes).
bool IsValidUid(std::span<const std::uint8_t> tag_uid);

/// True for what a miner's card credential may carry as its number: 1..kMaxCardNumberLength
/// characters of [0-9A-Z/-] (upper case as printed).
bool IsValidCardNumber(std::span<const std::uint8_t> number);
bool IsValidCardNumber(std::string_view number);

}  // namespace minegate::credential
