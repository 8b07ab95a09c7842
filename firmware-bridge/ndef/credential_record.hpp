#pragma once
/// Where a minegate credential sits on a tag: one NDEF external record of type
/// "minegate.sn:cred" (credential::kNdefExternalType), in the NDEF TLV of a Type 2
/// tag (bracelet) or the NDEF file of a Type 4 tag (miner's card).

#include <cstdint>
#include <span>
#include <vector>

#include "firmware-bridge/ndef/error.hpp"

namespace minegate::ndef {

/// The NDEF message carrying a credential.
std::vector<std::uint8_t> CredentialMessage(std::span<const std::uint8_t> credential);

/// Type 2 user memory (from page 4) carrying a credential: `03 L <message> FE`.
std::vector<std::uint8_t> CredentialType2Area(std::span<const std::uint8_t> credential);

/// The credential bytes in an NDEF message; Errc::record_not_found when the
/// message holds no minegate record.
Result<std::vector<std::uint8_t>> CredentialFromMessage(std::span<const std::uint8_t> message);

/// The credential bytes in Type 2 user memory. A blank tag gives
/// Errc::no_ndef_tlv or Errc::record_not_found.
Result<std::vector<std::uint8_t>> CredentialFromType2Area(std::span<const std::uint8_t> memory);

}  // namespace minegate::ndef
