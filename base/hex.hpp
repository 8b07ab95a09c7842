#pragma once
/// Hexadecimal text for tag UIDs, keys, digests and credentials, through libsodium's
/// constant-time codec (key material passes here). Reading accepts what technicians type:
/// either case, and ':' ' ' '-' or a newline between bytes ("04a1b2", "04:A1:B2").

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::base {

/// Lower-case hex, two digits per byte, no separators.
std::string ToHex(std::span<const std::uint8_t> bytes);
std::string ToHex(std::string_view bytes);
/// nullopt when a byte is cut in half, a character is not hex or not an allowed separator.
std::optional<std::vector<std::uint8_t>> FromHex(std::string_view text);

}  // namespace minegate::base
