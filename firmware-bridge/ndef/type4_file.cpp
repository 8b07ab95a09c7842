#include "firmware-bridge/ndef/type4_file.hpp"

#include <algorithm>

#include "firmware-bridge/ndef/internal/byte_reader.hpp"

namespace minegate::ndef {
namespace {

constexpr std::uint8_t kNdefFileControlTlv = 0x04;
constexpr std::uint8_t kNdefFileControlLength = 0x06;
constexpr std::uint8_t kSupportedMajorVersion = 2;

void PutU16(std::uint8_t* out, std::uint16_t value) {
  out[0] = static_cast<std::uint8_t>(value >> 8);
  out[1] = static_cast<std::uint8_t>(value);
}

/// File ids the specification reserves (MF, CC file, RFU values): an NDEF file cannot use them.
bool IsReservedFileId(std::uint16_t id) {
  return id == 0x0000 || id == 0xE102 || id == 0xE103 || id == 0x3F00 || id == 0x3FFF ||
         id == 0xFFFF;
}

}  // namespace

std::vector<std::uint8_t> EncodeType4File(std::span<const std::uint8_t> ndef_message) {
  if (ndef_message.size() > kMaxType4Message) return {};
  std::vector<std::uint8_t> out(2 + ndef_message.size());
  PutU16(out.data(), static_cast<std::uint16_t>(ndef_message.size()));
  std::copy(ndef_message.begin(), ndef_message.end(), out.begin() + 2);
  return out;
}

Result<std::vector<std::uint8_t>> DecodeType4File(std::span<const std::uint8_t> file,
                                                  std::size_t max_message) {
  internal::ByteReader in(file);
  const auto nlen = in.U16();
  if (!nlen) return Errc::truncated;
  if (*nlen > max_message) return Errc::too_large;
  const auto message = in.Take(*nlen);
  if (!message) return Errc::nlen_beyond_file;
  return std::vector<std::uint8_t>(message->begin(), message->end());
}

std::array<std::uint8_t, kType4CcSize> EncodeType4Cc(const Type4Cc& cc) {
  std::array<std::uint8_t, kType4CcSize> out{};
  PutU16(&out[0], cc.cclen);
  out[2] = cc.mapping_version;
  PutU16(&out[3], cc.mle);
  PutU16(&out[5], cc.mlc);
  out[7] = kNdefFileControlTlv;
  out[8] = kNdefFileControlLength;
  PutU16(&out[9], cc.ndef_file_id);
  PutU16(&out[11], cc.ndef_file_max);
  out[13] = cc.read_access;
  out[14] = cc.write_access;
  return out;
}

Result<Type4Cc> DecodeType4Cc(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < kType4CcSize) return Errc::truncated;
  internal::ByteReader in(bytes.first(kType4CcSize));
  // Every read below is within the 15 bytes just checked.
  Type4Cc cc;
  cc.cclen = *in.U16();
  cc.mapping_version = *in.U8();
  cc.mle = *in.U16();
  cc.mlc = *in.U16();
  const std::uint8_t tlv_tag = *in.U8();
  const std::uint8_t tlv_length = *in.U8();
  cc.ndef_file_id = *in.U16();
  cc.ndef_file_max = *in.U16();
  cc.read_access = *in.U8();
  cc.write_access = *in.U8();

  if ((cc.mapping_version >> 4) != kSupportedMajorVersion) {
    return Errc::unsupported_mapping_version;
  }
  const bool valid = cc.cclen >= kType4CcSize && cc.cclen != 0xFFFF && cc.mle >= 0x000F &&
                     cc.mlc >= 0x0001 && tlv_tag == kNdefFileControlTlv &&
                     tlv_length == kNdefFileControlLength && !IsReservedFileId(cc.ndef_file_id) &&
                     cc.ndef_file_max >= 0x0005 && cc.ndef_file_max != 0xFFFF;
  if (!valid) return Errc::bad_capability_container;
  return cc;
}

}  // namespace minegate::ndef
