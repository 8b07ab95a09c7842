#include "tools/pn532-sim/crc_a.hpp"

namespace minegate::pn532sim {

std::uint16_t CrcA(std::span<const std::uint8_t> bytes) {
  std::uint32_t crc = 0x6363;
  for (std::uint8_t byte : bytes) {
    std::uint32_t b = byte ^ (crc & 0xFFU);
    b = (b ^ (b << 4)) & 0xFFU;
    crc = (crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4);
  }
  return static_cast<std::uint16_t>(crc & 0xFFFFU);
}

void AppendCrcA(Bytes& frame) {
  const std::uint16_t crc = CrcA(frame);
  frame.push_back(static_cast<std::uint8_t>(crc & 0xFFU));
  frame.push_back(static_cast<std::uint8_t>(crc >> 8));
}

bool StripCrcA(Bytes& frame) {
  if (frame.size() < 3) return false;
  const std::size_t body = frame.size() - 2;
  const std::uint16_t crc = CrcA(std::span(frame).first(body));
  if (frame[body] != (crc & 0xFFU) || frame[body + 1] != (crc >> 8)) return false;
  frame.resize(body);
  return true;
}

}  // namespace minegate::pn532sim
