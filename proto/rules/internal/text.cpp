#include "proto/rules/internal/text.hpp"

#include <cstdint>

namespace minegate::rules::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

std::optional<std::size_t> CodePoints(std::string_view text) {
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

bool HasControl(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

bool IsCountryAlpha3(std::string_view text) {
  return text.size() == 3 && IsUpper(text[0]) && IsUpper(text[1]) && IsUpper(text[2]);
}

bool IsLanguage639_3(std::string_view text) {
  return text.size() == 3 && IsLower(text[0]) && IsLower(text[1]) && IsLower(text[2]);
}

bool IsE164(std::string_view text) {
  if (text.size() < 9 || text.size() > 16 || text[0] != '+') return false;
  if (text[1] < '1' || text[1] > '9') return false;
  for (std::size_t i = 2; i < text.size(); ++i) {
    if (!IsDigit(text[i])) return false;
  }
  return true;
}

bool IsDocumentNumber(std::string_view text) {
  if (text.empty() || !(IsUpper(text[0]) || IsDigit(text[0]))) return false;
  for (const char c : text) {
    if (!(IsUpper(c) || IsDigit(c) || c == ' ' || c == '/' || c == '-')) return false;
  }
  return true;
}

bool IsCardNumber(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!(IsUpper(c) || IsDigit(c) || c == '/' || c == '-')) return false;
  }
  return true;
}

bool IsLowerIdentifier(std::string_view text, std::string_view extra) {
  for (const char c : text) {
    if (!(IsLower(c) || IsDigit(c) || extra.find(c) != std::string_view::npos)) return false;
  }
  return true;
}

}  // namespace minegate::rules::internal
