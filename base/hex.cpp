#include "base/hex.hpp"

#include <sodium.h>

namespace minegate::base {

std::string ToHex(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return {};
  std::string text(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
  text.pop_back();  // the terminating NUL sodium writes
  return text;
}

std::string ToHex(std::string_view bytes) {
  return ToHex(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::optional<std::vector<std::uint8_t>> FromHex(std::string_view text) {
  // sodium looks separators up with strchr, which finds a NUL in any string: refuse it here.
  if (text.find('\0') != std::string_view::npos) return std::nullopt;
  // One byte more than can be needed, so the buffer is never empty (sodium's output pointer is
  // declared non-null, and an empty vector's data() is null).
  std::vector<std::uint8_t> bytes(text.size() / 2 + 1);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(bytes.data(), bytes.size(), text.data(), text.size(), ": -\n", &length,
                     &end) != 0) {
    return std::nullopt;
  }
  // sodium stops quietly at the first character it cannot use: all of it must be used.
  if (end != text.data() + text.size()) return std::nullopt;
  bytes.resize(length);
  return bytes;
}

}  // namespace minegate::base
