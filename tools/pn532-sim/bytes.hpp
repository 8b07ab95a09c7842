// Byte buffers and their hexadecimal spelling, shared by every part of the emulator.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::pn532sim {

/// Frames, tag memories and UIDs are all plain byte vectors.
using Bytes = std::vector<std::uint8_t>;

/// "04A1B2": the control protocol's spelling (compact, one token, easy to compare).
std::string ToHex(std::span<const std::uint8_t> bytes);

/// "04 A1 B2": the log's spelling, the way libnfc prints frames.
std::string ToSpacedHex(std::span<const std::uint8_t> bytes);

/// Parses hex digits (base::FromHex: ':' ' ' '-' between bytes); nullopt on anything else.
std::optional<Bytes> ParseHex(std::string_view text);

}  // namespace minegate::pn532sim
