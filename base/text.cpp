#include "base/text.hpp"

#include <cstdint>

namespace minegate::base {

std::optional<std::size_t> Utf8CodePoints(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t length = 0;
    std::uint32_t value = 0;
    if (lead < 0x80) {
      length = 1;
      value = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      value = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      value = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      value = lead & 0x07u;
    } else {
      return std::nullopt;
    }
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      value = (value << 6) | (next & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and values beyond Unicode are not UTF-8.
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return std::nullopt;
    }
    i += length;
    ++count;
  }
  return count;
}

bool HasControlCharacter(std::string_view text, bool allow_line_breaks) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (allow_line_breaks && c == '\n') continue;
    // Bytes of multi-byte UTF-8 sequences are all >= 0x80: only ASCII controls match.
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

bool TextWithin(std::string_view text, std::size_t min_chars, std::size_t max_chars, Lines lines) {
  const std::optional<std::size_t> chars = Utf8CodePoints(text);
  return chars && *chars >= min_chars && *chars <= max_chars &&
         !HasControlCharacter(text, lines == Lines::kSeveral);
}

}  // namespace minegate::base
