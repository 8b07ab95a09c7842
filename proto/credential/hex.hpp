#pragma once
/// Hexadecimal text for credentials, tag UIDs and keys, as technicians type and read them
/// ("04a1b2..." or "04:A1:B2", case and separators ':' ' ' '-' ignored).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::credential {

std::string ToHex(std::span<const std::uint8_t> bytes);
/// nullopt when the text has an odd number of digits or a non-hex character.
std::optional<std::vector<std::uint8_t>> FromHex(std::string_view text);

}  // namespace minegate::credential
