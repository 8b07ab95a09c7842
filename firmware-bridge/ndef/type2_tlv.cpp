#include "firmware-bridge/ndef/type2_tlv.hpp"

#include <limits>

#include "firmware-bridge/ndef/internal/byte_reader.hpp"

namespace minegate::ndef {
namespace {

// TLV tags (NFC Forum Type 2 Tag Technical Specification §2.3).
constexpr std::uint8_t kNullTlv = 0x00;
constexpr std::uint8_t kNdefTlv = 0x03;
constexpr std::uint8_t kTerminatorTlv = 0xFE;
constexpr std::uint8_t kLongLength = 0xFF;

constexpr std::size_t kMaxShortLength = 0xFE;

}  // namespace

std::size_t Type2AreaSize(std::size_t message_size) {
  if (message_size > kMaxType2Message) return std::numeric_limits<std::size_t>::max();
  const std::size_t length_bytes = message_size <= kMaxShortLength ? 1 : 3;
  return 1 + length_bytes + message_size + 1;
}

std::vector<std::uint8_t> EncodeType2Area(std::span<const std::uint8_t> ndef_message) {
  if (ndef_message.size() > kMaxType2Message) return {};
  std::vector<std::uint8_t> out;
  out.reserve(Type2AreaSize(ndef_message.size()));
  out.push_back(kNdefTlv);
  if (ndef_message.size() <= kMaxShortLength) {
    out.push_back(static_cast<std::uint8_t>(ndef_message.size()));
  } else {
    out.push_back(kLongLength);
    out.push_back(static_cast<std::uint8_t>(ndef_message.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(ndef_message.size()));
  }
  out.insert(out.end(), ndef_message.begin(), ndef_message.end());
  out.push_back(kTerminatorTlv);
  return out;
}

Result<std::vector<std::uint8_t>> ExtractNdefFromType2Area(
    std::span<const std::uint8_t> user_memory) {
  internal::ByteReader in(user_memory);
  while (const auto tag = in.U8()) {
    if (*tag == kNullTlv) continue;  // padding, no length field
    if (*tag == kTerminatorTlv) break;

    const auto short_length = in.U8();
    if (!short_length) return Errc::bad_tlv_length;
    std::size_t length = *short_length;
    if (*short_length == kLongLength) {
      const auto long_length = in.U16();
      if (!long_length || *long_length == 0xFFFF) return Errc::bad_tlv_length;
      length = *long_length;
    }
    const auto value = in.Take(length);
    if (!value) return Errc::bad_tlv_length;
    if (*tag == kNdefTlv) return std::vector<std::uint8_t>(value->begin(), value->end());
    // Lock Control (01), Memory Control (02), Proprietary (FD) and reserved tags: skipped.
  }
  return Errc::no_ndef_tlv;
}

}  // namespace minegate::ndef
