#include "tools/pn532-sim/command_apdu.hpp"

namespace minegate::pn532sim {
namespace {

std::size_t ShortLe(std::uint8_t byte) { return byte == 0 ? 256 : byte; }

}  // namespace

std::optional<CommandApdu> ParseCommandApdu(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 4) return std::nullopt;
  CommandApdu apdu{bytes[0], bytes[1], bytes[2], bytes[3], {}, std::nullopt};
  if (bytes.size() == 4) return apdu;  // case 1
  if (bytes.size() == 5) {             // case 2
    apdu.le = ShortLe(bytes[4]);
    return apdu;
  }
  const std::size_t lc = bytes[4];
  if (lc == 0) return std::nullopt;  // extended length: not supported
  if (bytes.size() == 5 + lc) {      // case 3
    apdu.data = bytes.subspan(5, lc);
    return apdu;
  }
  if (bytes.size() == 6 + lc) {  // case 4
    apdu.data = bytes.subspan(5, lc);
    apdu.le = ShortLe(bytes[5 + lc]);
    return apdu;
  }
  return std::nullopt;
}

void AppendStatusWord(Bytes& response, std::uint16_t status_word) {
  response.push_back(static_cast<std::uint8_t>(status_word >> 8));
  response.push_back(static_cast<std::uint8_t>(status_word & 0xFFU));
}

}  // namespace minegate::pn532sim
