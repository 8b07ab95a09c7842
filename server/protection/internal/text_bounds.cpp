#include "server/protection/internal/text_bounds.hpp"

#include <cstdint>

namespace minegate::server::protection::internal {
namespace {

bool Within(std::string_view text, std::size_t min_chars, std::size_t max_chars,
            bool allow_newline) {
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      length = 1;
      code = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code = lead & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    // Overlong forms, surrogates and values beyond Unicode are not UTF-8.
    constexpr std::uint32_t kLowest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kLowest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    const bool control = code < 0x20 || code == 0x7F;
    if (control && !(allow_newline && code == '\n')) return false;
    ++chars;
    i += length;
  }
  return chars >= min_chars && chars <= max_chars;
}

}  // namespace

bool TextWithin(std::string_view text, std::size_t min_chars, std::size_t max_chars) {
  return Within(text, min_chars, max_chars, false);
}

bool MultilineTextWithin(std::string_view text, std::size_t min_chars, std::size_t max_chars) {
  return Within(text, min_chars, max_chars, true);
}

}  // namespace minegate::server::protection::internal
