#include "firmware-bridge/reader/tag_access.hpp"

#include <algorithm>

#include "firmware-bridge/ndef/error.hpp"
#include "firmware-bridge/ndef/type2_tlv.hpp"
#include "firmware-bridge/reader/ntag.hpp"
#include "firmware-bridge/reader/type4_tag.hpp"

namespace minegate::reader {
namespace {

/// Enough user memory for any credential's TLV on any NTAG: one read in the common case.
constexpr std::size_t kFirstReadBytes = 144;

bool IsNtag(const Target& target) {
  return target.atqa[0] == 0x00 && target.atqa[1] == 0x44 && target.sak == 0x00 &&
         target.uid.size() == 7;
}

bool IsIso14443_4(const Target& target) { return (target.sak & 0x20) != 0; }

Result<std::vector<std::uint8_t>> ReadType2Message(NfcReader& reader, const TagInfo& info) {
  std::size_t count = std::min<std::size_t>(kFirstReadBytes, info.memory_bytes);
  auto memory = ntag::ReadUserMemory(reader, count);
  if (!memory) return memory.error();
  auto message = ndef::ExtractNdefFromType2Area(memory.value());
  if (!message && message.error() == ndef::make_error_code(ndef::Errc::bad_tlv_length) &&
      count < info.memory_bytes) {
    // A long message (not ours, or a future layout): read all of user memory.
    memory = ntag::ReadUserMemory(reader, info.memory_bytes);
    if (!memory) return memory.error();
    message = ndef::ExtractNdefFromType2Area(memory.value());
  }
  if (!message && message.error() == ndef::make_error_code(ndef::Errc::no_ndef_tlv)) {
    return std::vector<std::uint8_t>();  // never formatted: blank
  }
  return message;
}

Result<void> WriteType2Message(NfcReader& reader, const TagInfo& info,
                               std::span<const std::uint8_t> message) {
  std::vector<std::uint8_t> area = ndef::EncodeType2Area(message);
  if (area.empty() || area.size() > info.memory_bytes) return Errc::too_small;
  area.resize((area.size() + ntag::kPageSize - 1) / ntag::kPageSize * ntag::kPageSize, 0x00);

  // First page with the TLV length zeroed: 03 00 .. .. or 03 FF 00 00.
  std::vector<std::uint8_t> first_page(area.begin(), area.begin() + ntag::kPageSize);
  first_page[1] = first_page[1] == 0xFF ? 0xFF : 0x00;
  if (first_page[1] == 0xFF) first_page[2] = first_page[3] = 0x00;

  if (auto r = ntag::WriteUserPages(reader, 0, first_page); !r) return r.error();
  if (auto r = ntag::WriteUserPages(reader, 1, std::span(area).subspan(ntag::kPageSize)); !r) {
    return r.error();
  }
  return ntag::WriteUserPages(reader, 0, std::span(area).first(ntag::kPageSize));
}

Result<void> WriteType4Message(NfcReader& reader, const TagInfo& info,
                               std::span<const std::uint8_t> message) {
  if (message.size() + 2 > info.memory_bytes) return Errc::too_small;
  const std::array<std::uint8_t, 2> zero_length = {0x00, 0x00};
  const std::array<std::uint8_t, 2> length = {static_cast<std::uint8_t>(message.size() >> 8),
                                              static_cast<std::uint8_t>(message.size())};
  if (auto r = type4::UpdateNdefFile(reader, info, 0, zero_length); !r) return r.error();
  if (auto r = type4::UpdateNdefFile(reader, info, 2, message); !r) return r.error();
  return type4::UpdateNdefFile(reader, info, 0, length);
}

}  // namespace

Result<TagInfo> IdentifyTag(NfcReader& reader, const Target& target) {
  if (IsNtag(target)) return ntag::Identify(reader);
  if (IsIso14443_4(target)) return type4::Identify(reader);
  return Errc::unsupported_tag;
}

Result<std::vector<std::uint8_t>> ReadNdefMessage(NfcReader& reader, const TagInfo& info) {
  if (info.model == TagModel::desfire_ev1) return type4::ReadNdefMessage(reader, info);
  return ReadType2Message(reader, info);
}

Result<void> WriteNdefMessage(NfcReader& reader, const TagInfo& info,
                              std::span<const std::uint8_t> message) {
  if (!info.writable) return Errc::read_only;
  if (info.model == TagModel::desfire_ev1) return WriteType4Message(reader, info, message);
  return WriteType2Message(reader, info, message);
}

}  // namespace minegate::reader
