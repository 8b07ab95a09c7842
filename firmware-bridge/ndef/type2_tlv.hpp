// NFC Forum Type 2 Tag (NTAG21x) user memory: the TLV blocks that wrap the NDEF message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "firmware-bridge/ndef/error.hpp"

namespace minegate::ndef {

/// Largest message the 3-byte TLV length form can carry (0xFFFF is reserved).
inline constexpr std::size_t kMaxType2Message = 0xFFFE;

/// Bytes EncodeType2Area produces for a message of `message_size` bytes (TLV header,
/// message, terminator), so callers can check it fits: NTAG213 has 144 user bytes,
/// NTAG215 504, NTAG216 888. SIZE_MAX when the message cannot be encoded at all.
std::size_t Type2AreaSize(std::size_t message_size);

/// `03 L <message> FE`, with L as one byte below 255 and as `FF hi lo` from 255 on.
/// Returns an empty vector when the message exceeds kMaxType2Message.
std::vector<std::uint8_t> EncodeType2Area(std::span<const std::uint8_t> ndef_message);

/// The first NDEF TLV's value from user memory (page 4 onwards). NULL TLVs are skipped,
/// Lock/Memory Control, proprietary and unknown TLVs are skipped by their length, a
/// Terminator ends the search; no Terminator is needed after the NDEF TLV.
/// A blank-but-formatted tag (`03 00`) gives an empty vector; memory with no NDEF TLV
/// at all (e.g. all zeros) gives Errc::no_ndef_tlv; a length that does not fit the area
/// gives Errc::bad_tlv_length.
Result<std::vector<std::uint8_t>> ExtractNdefFromType2Area(
    std::span<const std::uint8_t> user_memory);

}  // namespace minegate::ndef
