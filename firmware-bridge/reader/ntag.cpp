#include "firmware-bridge/reader/ntag.hpp"

#include <algorithm>
#include <array>

namespace minegate::reader::ntag {
namespace {

constexpr std::chrono::milliseconds kTimeout{200};
constexpr std::uint8_t kGetVersion = 0x60;
constexpr std::uint8_t kRead = 0x30;
constexpr std::uint8_t kFastRead = 0x3A;
constexpr std::uint8_t kWrite = 0xA2;
/// Pages per FAST_READ: 60 pages (240 bytes) stays under the PN532's frame limit.
constexpr std::size_t kFastReadPages = 60;

}  // namespace

Result<TagInfo> Identify(NfcReader& reader) {
  const std::array<std::uint8_t, 1> get_version = {kGetVersion};
  auto version = reader.Transceive(get_version, 8, kTimeout);
  if (!version) return version.error();
  // 00 04 04 02 01 00 <storage> 03: vendor NXP, type NTAG, subtype 02 (NTAG21x).
  const auto& v = version.value();
  if (v.size() != 8 || v[1] != 0x04 || v[2] != 0x04) return Errc::unsupported_tag;
  TagInfo info;
  switch (v[6]) {
    case 0x0F:
      info = {TagModel::ntag213, 144};
      break;
    case 0x11:
      info = {TagModel::ntag215, 504};
      break;
    case 0x13:
      info = {TagModel::ntag216, 888};
      break;
    default:
      return Errc::unsupported_tag;
  }
  // Capability container, page 3: E1 <version> <size/8> <access>; access 0x0F = read-only.
  const std::array<std::uint8_t, 2> read_cc = {kRead, 3};
  auto cc = reader.Transceive(read_cc, 16, kTimeout);
  if (!cc) return cc.error();
  if (cc.value().size() != 16) return Errc::bad_answer;
  if (cc.value()[0] == 0xE1) info.writable = (cc.value()[3] & 0x0F) == 0x00;
  return info;
}

Result<std::vector<std::uint8_t>> ReadUserMemory(NfcReader& reader, std::size_t count) {
  std::vector<std::uint8_t> memory;
  memory.reserve(count);
  const std::size_t pages = (count + kPageSize - 1) / kPageSize;
  for (std::size_t done = 0; done < pages; done += kFastReadPages) {
    const std::size_t chunk = std::min(kFastReadPages, pages - done);
    const auto first = static_cast<std::uint8_t>(kFirstUserPage + done);
    const auto last = static_cast<std::uint8_t>(first + chunk - 1);
    const std::array<std::uint8_t, 3> fast_read = {kFastRead, first, last};
    auto answer = reader.Transceive(fast_read, chunk * kPageSize, kTimeout);
    if (!answer) return answer.error();
    if (answer.value().size() != chunk * kPageSize) return Errc::bad_answer;
    memory.insert(memory.end(), answer.value().begin(), answer.value().end());
  }
  memory.resize(count);
  return memory;
}

Result<void> WriteUserPages(NfcReader& reader, std::size_t first_page_index,
                            std::span<const std::uint8_t> bytes) {
  for (std::size_t offset = 0; offset < bytes.size(); offset += kPageSize) {
    std::array<std::uint8_t, 2 + kPageSize> write{};
    write[0] = kWrite;
    write[1] = static_cast<std::uint8_t>(kFirstUserPage + first_page_index + offset / kPageSize);
    const std::size_t n = std::min(kPageSize, bytes.size() - offset);
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(offset), n, write.begin() + 2);
    // The 4-bit ACK is consumed by the chip: success is an empty answer (or 0A).
    auto answer = reader.Transceive(write, 4, kTimeout);
    if (!answer) return answer.error();
    if (!answer.value().empty() && answer.value()[0] != 0x0A) return Errc::tag_refused;
  }
  return boost::outcome_v2::success();
}

}  // namespace minegate::reader::ntag
