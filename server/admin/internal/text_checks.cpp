#include "server/admin/internal/text_checks.hpp"

#include <algorithm>
#include <cstdint>

namespace minegate::server::admin::internal {
namespace {

/// Length of the UTF-8 sequence starting with `lead`, 0 if `lead` cannot start one.
std::size_t SequenceLength(std::uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

std::optional<std::size_t> PrintableLength(std::string_view text) {
  std::size_t characters = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    const std::size_t length = SequenceLength(lead);
    if (length == 0 || i + length > text.size()) return std::nullopt;
    std::uint32_t code_point = length == 1 ? lead : lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || (code_point >= 0xD800 && code_point <= 0xDFFF) ||
        code_point > 0x10FFFF) {
      return std::nullopt;
    }
    if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F)) return std::nullopt;
    ++characters;
    i += length;
  }
  return characters;
}

bool IsPrintableText(std::string_view text, std::size_t max_chars) {
  const std::optional<std::size_t> length = PrintableLength(text);
  if (!length || *length == 0 || *length > max_chars) return false;
  return std::any_of(text.begin(), text.end(), [](char c) { return c != ' '; });
}

bool IsIdentifier(std::string_view text, std::size_t min_chars, std::size_t max_chars) {
  if (text.size() < min_chars || text.size() > max_chars) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace minegate::server::admin::internal
