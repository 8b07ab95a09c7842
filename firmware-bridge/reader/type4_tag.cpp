#include "firmware-bridge/reader/type4_tag.hpp"

#include <algorithm>
#include <array>

#include "firmware-bridge/ndef/type4_file.hpp"

namespace minegate::reader::type4 {
namespace {

constexpr std::chrono::milliseconds kTimeout{300};
constexpr std::uint16_t kCcFileId = 0xE103;
/// Answers are at most 255 data bytes plus the status word.
constexpr std::size_t kMaxAnswer = 258;

/// Sends an APDU and checks the status word is 90 00; returns the data before it.
Result<std::vector<std::uint8_t>> Exchange(NfcReader& reader, std::span<const std::uint8_t> apdu) {
  auto answer = reader.Transceive(apdu, kMaxAnswer, kTimeout);
  if (!answer) return answer.error();
  auto& bytes = answer.value();
  if (bytes.size() < 2) return Errc::bad_answer;
  const std::uint8_t sw1 = bytes[bytes.size() - 2];
  const std::uint8_t sw2 = bytes[bytes.size() - 1];
  if (sw1 != 0x90 || sw2 != 0x00) {
    // 6A 82 file not found / 6A 86 bad P1-P2 / 69 82 security: the card said no.
    return sw1 == 0x69 ? Errc::read_only : Errc::tag_refused;
  }
  bytes.resize(bytes.size() - 2);
  return answer;
}

Result<void> SelectFile(NfcReader& reader, std::uint16_t file_id) {
  const std::array<std::uint8_t, 7> select = {0x00,
                                              0xA4,
                                              0x00,
                                              0x0C,
                                              0x02,
                                              static_cast<std::uint8_t>(file_id >> 8),
                                              static_cast<std::uint8_t>(file_id)};
  auto answer = Exchange(reader, select);
  if (!answer) return answer.error();
  return boost::outcome_v2::success();
}

Result<std::vector<std::uint8_t>> ReadBinary(NfcReader& reader, std::size_t offset,
                                             std::size_t length) {
  const std::array<std::uint8_t, 5> read = {0x00, 0xB0, static_cast<std::uint8_t>(offset >> 8),
                                            static_cast<std::uint8_t>(offset),
                                            static_cast<std::uint8_t>(length)};
  auto data = Exchange(reader, read);
  if (!data) return data.error();
  if (data.value().size() != length) return Errc::bad_answer;
  return data;
}

}  // namespace

Result<TagInfo> Identify(NfcReader& reader) {
  // SELECT the NDEF application by name D2 76 00 00 85 01 01 (NFC Forum T4T v2).
  const std::array<std::uint8_t, 13> select_app = {0x00, 0xA4, 0x04, 0x00, 0x07, 0xD2, 0x76,
                                                   0x00, 0x00, 0x85, 0x01, 0x01, 0x00};
  if (auto selected = Exchange(reader, select_app); !selected) {
    return selected.error() == make_error_code(Errc::tag_refused) ? Errc::unsupported_tag
                                                                  : selected.error();
  }
  if (auto selected = SelectFile(reader, kCcFileId); !selected) return selected.error();
  auto cc_bytes = ReadBinary(reader, 0, ndef::kType4CcSize);
  if (!cc_bytes) return cc_bytes.error();
  auto cc = ndef::DecodeType4Cc(cc_bytes.value());
  if (!cc) return Errc::bad_answer;
  TagInfo info;
  info.model = TagModel::desfire_ev1;
  info.memory_bytes = cc.value().ndef_file_max;
  info.ndef_file_id = cc.value().ndef_file_id;
  info.writable = cc.value().write_access == 0x00;
  // Our APDUs carry one length byte: clamp to what a short APDU can move.
  info.max_read = static_cast<std::uint16_t>(std::min<unsigned>(cc.value().mle, 255));
  info.max_write = static_cast<std::uint16_t>(std::min<unsigned>(cc.value().mlc, 255));
  if (info.max_read == 0 || info.max_write == 0) return Errc::bad_answer;
  return info;
}

Result<std::vector<std::uint8_t>> ReadNdefMessage(NfcReader& reader, const TagInfo& info) {
  if (auto selected = SelectFile(reader, info.ndef_file_id); !selected) return selected.error();
  auto nlen_bytes = ReadBinary(reader, 0, 2);
  if (!nlen_bytes) return nlen_bytes.error();
  const std::size_t nlen = std::size_t{nlen_bytes.value()[0]} << 8 | nlen_bytes.value()[1];
  if (nlen + 2 > info.memory_bytes) return Errc::bad_answer;
  std::vector<std::uint8_t> message;
  message.reserve(nlen);
  while (message.size() < nlen) {
    const std::size_t chunk = std::min<std::size_t>(info.max_read, nlen - message.size());
    auto data = ReadBinary(reader, 2 + message.size(), chunk);
    if (!data) return data.error();
    message.insert(message.end(), data.value().begin(), data.value().end());
  }
  return message;
}

Result<void> UpdateNdefFile(NfcReader& reader, const TagInfo& info, std::size_t offset,
                            std::span<const std::uint8_t> bytes) {
  if (auto selected = SelectFile(reader, info.ndef_file_id); !selected) return selected.error();
  for (std::size_t done = 0; done < bytes.size();) {
    const std::size_t chunk = std::min<std::size_t>(info.max_write, bytes.size() - done);
    const std::size_t at = offset + done;
    std::vector<std::uint8_t> update = {0x00, 0xD6, static_cast<std::uint8_t>(at >> 8),
                                        static_cast<std::uint8_t>(at),
                                        static_cast<std::uint8_t>(chunk)};
    update.insert(update.end(), bytes.begin() + static_cast<std::ptrdiff_t>(done),
                  bytes.begin() + static_cast<std::ptrdiff_t>(done + chunk));
    if (auto written = Exchange(reader, update); !written) return written.error();
    done += chunk;
  }
  return boost::outcome_v2::success();
}

}  // namespace minegate::reader::type4
