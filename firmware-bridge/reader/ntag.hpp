#pragma once
/// NTAG213/215/216 (NFC Forum Type 2) commands over the selected target.

#include <cstdint>
#include <span>
#include <vector>

#include "firmware-bridge/reader/error.hpp"
#include "firmware-bridge/reader/nfc_reader.hpp"
#include "firmware-bridge/reader/tag_model.hpp"

namespace minegate::reader::ntag {

inline constexpr std::uint8_t kFirstUserPage = 4;
inline constexpr std::size_t kPageSize = 4;

/// GET_VERSION and the capability container: model, user memory, write access.
Result<TagInfo> Identify(NfcReader& reader);

/// `count` bytes of user memory from its start (page 4), with FAST_READ.
Result<std::vector<std::uint8_t>> ReadUserMemory(NfcReader& reader, std::size_t count);

/// Writes whole pages of user memory, from user page `first_page_index` (0 = page 4).
Result<void> WriteUserPages(NfcReader& reader, std::size_t first_page_index,
                            std::span<const std::uint8_t> bytes);

}  // namespace minegate::reader::ntag
