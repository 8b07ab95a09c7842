// NFC Forum Type 4 Tag (the DESFire EV1 miner's card): the NDEF file and the
// Capability Container that points to it (Type 4 Tag Technical Specification 2.0).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "firmware-bridge/ndef/error.hpp"

namespace minegate::ndef {

/// Largest message an NDEF file can hold: the file is at most 0xFFFE bytes, NLEN included.
inline constexpr std::size_t kMaxType4Message = 0xFFFE - 2;

/// Size of a mapping 2.0 CC holding exactly one NDEF File Control TLV.
inline constexpr std::size_t kType4CcSize = 15;

/// The CC file (E103), fields in file order. The NDEF File Control TLV (T=04, L=06) is
/// implied: minegate neither writes nor accepts another TLV in its place.
/// Defaults are those of a DESFire EV1 NDEF application with a 2 KiB file, read and
/// write granted without security.
struct Type4Cc {
  std::uint16_t cclen = kType4CcSize;
  std::uint8_t mapping_version = 0x20;  ///< major in the high nibble
  std::uint16_t mle = 0x003B;           ///< max R-APDU data size
  std::uint16_t mlc = 0x0034;           ///< max C-APDU data size
  std::uint16_t ndef_file_id = 0xE104;
  std::uint16_t ndef_file_max = 0x0800;  ///< NDEF file size, NLEN included
  std::uint8_t read_access = 0x00;       ///< 00 granted, 80-FE proprietary, FF none
  std::uint8_t write_access = 0x00;      ///< 00 granted, 80-FE proprietary, FF none

  bool operator==(const Type4Cc&) const = default;
};

/// 2-byte big-endian NLEN followed by the message. Returns an empty vector when the
/// message exceeds kMaxType4Message.
std::vector<std::uint8_t> EncodeType4File(std::span<const std::uint8_t> ndef_message);

/// The message in an NDEF file read from the card. `file` may be longer than NLEN + 2
/// (the whole file was read); NLEN 0 gives an empty vector (blank or being written).
/// Errc::truncated under 2 bytes, Errc::too_large when NLEN exceeds `max_message`,
/// Errc::nlen_beyond_file when NLEN exceeds the bytes given.
Result<std::vector<std::uint8_t>> DecodeType4File(std::span<const std::uint8_t> file,
                                                  std::size_t max_message = kMaxType4Message);

/// The 15 CC bytes, fields written as given (DecodeType4Cc is the validating side).
std::array<std::uint8_t, kType4CcSize> EncodeType4Cc(const Type4Cc& cc);

/// Parses and validates the first 15 bytes of a CC file: mapping version major 2,
/// CCLEN 000F-FFFE, MLe >= 000F, MLc >= 0001, TLV 04 06, a usable file id (not 0000,
/// E102, E103, 3F00, 3FFF, FFFF) and a file size 0005-FFFE as the specification requires.
Result<Type4Cc> DecodeType4Cc(std::span<const std::uint8_t> bytes);

}  // namespace minegate::ndef
