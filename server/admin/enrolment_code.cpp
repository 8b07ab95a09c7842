#include "server/admin/enrolment_code.hpp"

#include <sodium.h>

#include "server/admin/internal/sodium.hpp"

namespace minegate::server::admin {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kSymbols = kEnrolmentCodeBytes * 8 / 5;  // 32: 160 bits, no padding
constexpr std::size_t kGroup = 4;
/// Far more than a code with any spacing; longer input is refused before it is scanned.
constexpr std::size_t kMaxTypedLength = 128;

/// The 5-bit value of a typed symbol, or -1 if it cannot be one.
int SymbolValue(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  const std::size_t position = kAlphabet.find(c);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

}  // namespace

Result<EnrolmentCode> EnrolmentCode::Generate() {
  if (!internal::SodiumReady()) return Errc::crypto_unavailable;
  EnrolmentCode code;
  randombytes_buf(code.bytes_.data(), code.bytes_.size());
  return code;
}

Result<EnrolmentCode> EnrolmentCode::Parse(std::string_view text) {
  if (text.size() > kMaxTypedLength) return Errc::bad_enrolment_code;
  EnrolmentCode code;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  std::size_t out = 0;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    const int value = SymbolValue(c);
    if (value < 0 || ++symbols > kSymbols) return Errc::bad_enrolment_code;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      code.bytes_[out++] = static_cast<std::uint8_t>(buffer >> bits);
      buffer &= (1u << bits) - 1;
    }
  }
  if (symbols != kSymbols) return Errc::bad_enrolment_code;
  return code;
}

EnrolmentCode::~EnrolmentCode() { sodium_memzero(bytes_.data(), bytes_.size()); }

std::string EnrolmentCode::ToString() const {
  std::string text;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  for (std::uint8_t byte : bytes_) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      if (symbols > 0 && symbols % kGroup == 0) text.push_back('-');
      text.push_back(kAlphabet[(buffer >> bits) & 0x1F]);
      ++symbols;
    }
    buffer &= (1u << bits) - 1;
  }
  return text;
}

EnrolmentCodeHash EnrolmentCode::Hash() const {
  EnrolmentCodeHash hash{};
  crypto_generichash(hash.data(), hash.size(), bytes_.data(), bytes_.size(), nullptr, 0);
  return hash;
}

}  // namespace minegate::server::admin
