#include "proto/rules/internal/text.hpp"

#include <cstdint>

#include "base/text.hpp"

namespace minegate::rules::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

std::optional<std::size_t> CodePoints(std::string_view text) { return base::Utf8CodePoints(text); }

bool HasControl(std::string_view text) { return base::HasControlCharacter(text); }

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
