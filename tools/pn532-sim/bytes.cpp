#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {
namespace {

constexpr std::string_view kDigits = "0123456789ABCDEF";

std::optional<std::uint8_t> NibbleValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<std::uint8_t>(c - 'A' + 10);
  return std::nullopt;
}

std::string Spell(std::span<const std::uint8_t> bytes, bool spaced) {
  std::string text;
  text.reserve(bytes.size() * 3);
  for (std::uint8_t byte : bytes) {
    if (spaced && !text.empty()) text.push_back(' ');
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0x0F]);
  }
  return text;
}

}  // namespace

std::string ToHex(std::span<const std::uint8_t> bytes) { return Spell(bytes, false); }

std::string ToSpacedHex(std::span<const std::uint8_t> bytes) { return Spell(bytes, true); }

std::optional<Bytes> ParseHex(std::string_view text) {
  Bytes bytes;
  int high = -1;  // pending high nibble, -1 when none
  for (char c : text) {
    if (c == ':' || c == ' ') continue;
    const std::optional<std::uint8_t> nibble = NibbleValue(c);
    if (!nibble) return std::nullopt;
    if (high >= 0) {
      bytes.push_back(static_cast<std::uint8_t>((high << 4) | *nibble));
      high = -1;
    } else {
      high = *nibble;
    }
  }
  if (high >= 0) return std::nullopt;
  return bytes;
}

}  // namespace minegate::pn532sim
