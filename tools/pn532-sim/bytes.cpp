#include "tools/pn532-sim/bytes.hpp"

#include <algorithm>
#include <cctype>

#include "base/hex.hpp"

namespace minegate::pn532sim {

std::string ToHex(std::span<const std::uint8_t> bytes) {
  std::string text = base::ToHex(bytes);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string ToSpacedHex(std::span<const std::uint8_t> bytes) {
  const std::string compact = ToHex(bytes);
  std::string text;
  text.reserve(bytes.size() * 3);
  for (std::size_t i = 0; i < compact.size(); i += 2) {
    if (i > 0) text.push_back(' ');
    text.append(compact, i, 2);
  }
  return text;
}

std::optional<Bytes> ParseHex(std::string_view text) { return base::FromHex(text); }

}  // namespace minegate::pn532sim
