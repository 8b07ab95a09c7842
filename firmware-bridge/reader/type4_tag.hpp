#pragma once
/// NFC Forum Type 4 tags (the DESFire EV1 miner's card): the NDEF application
/// through ISO 7816-4 APDUs (SELECT, READ BINARY, UPDATE BINARY).

#include <cstdint>
#include <span>
#include <vector>

#include "firmware-bridge/reader/error.hpp"
#include "firmware-bridge/reader/nfc_reader.hpp"
#include "firmware-bridge/reader/tag_model.hpp"

namespace minegate::reader::type4 {

/// Selects the NDEF application and reads its capability container.
Result<TagInfo> Identify(NfcReader& reader);

/// The NDEF file's message (NLEN bytes after the 2-byte length); empty when blank.
Result<std::vector<std::uint8_t>> ReadNdefMessage(NfcReader& reader, const TagInfo& info);

/// Writes `bytes` into the NDEF file at `offset` in chunks of at most MLc.
Result<void> UpdateNdefFile(NfcReader& reader, const TagInfo& info, std::size_t offset,
                            std::span<const std::uint8_t> bytes);

}  // namespace minegate::reader::type4
