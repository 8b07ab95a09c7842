// Bounded big-endian reader shared by the NDEF codecs. Not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace minegate::ndef::internal {

/// Reads from an untrusted span: every read checks the remaining length first and
/// fails (nullopt) instead of running past the end, so callers never index directly.
class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::size_t Remaining() const { return bytes_.size() - pos_; }
  std::size_t Position() const { return pos_; }

  std::optional<std::uint8_t> U8() {
    if (Remaining() < 1) return std::nullopt;
    return bytes_[pos_++];
  }

  std::optional<std::uint16_t> U16() {
    if (Remaining() < 2) return std::nullopt;
    const auto value = static_cast<std::uint16_t>((bytes_[pos_] << 8) | bytes_[pos_ + 1]);
    pos_ += 2;
    return value;
  }

  std::optional<std::uint32_t> U32() {
    if (Remaining() < 4) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) value = (value << 8) | bytes_[pos_ + i];
    pos_ += 4;
    return value;
  }

  /// Takes `n` bytes; `n` is 64-bit so a 0xFFFFFFFF length is compared, never wrapped.
  std::optional<std::span<const std::uint8_t>> Take(std::uint64_t n) {
    if (n > Remaining()) return std::nullopt;
    const auto count = static_cast<std::size_t>(n);
    auto out = bytes_.subspan(pos_, count);
    pos_ += count;
    return out;
  }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

}  // namespace minegate::ndef::internal
