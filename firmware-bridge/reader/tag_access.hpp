#pragma once
/// Reading and writing the NDEF message of the tag in the field, whatever its
/// type: NTAG21x bracelets (Type 2) and DESFire miner's cards (Type 4).

#include <cstdint>
#include <span>
#include <vector>

#include "firmware-bridge/reader/error.hpp"
#include "firmware-bridge/reader/nfc_reader.hpp"
#include "firmware-bridge/reader/tag_model.hpp"

namespace minegate::reader {

/// Which tag this is (ATQA/SAK, then GET_VERSION or the Type 4 capability container).
Result<TagInfo> IdentifyTag(NfcReader& reader, const Target& target);

/// The tag's NDEF message; empty for a blank tag (formatted or not).
Result<std::vector<std::uint8_t>> ReadNdefMessage(NfcReader& reader, const TagInfo& info);

/// Replaces the tag's NDEF message. The length is zeroed first and written last,
/// so a tag torn away mid-write holds either the old message, no message, or the
/// new one in full — never a spliced message.
Result<void> WriteNdefMessage(NfcReader& reader, const TagInfo& info,
                              std::span<const std::uint8_t> message);

}  // namespace minegate::reader
