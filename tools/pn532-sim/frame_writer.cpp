#include "tools/pn532-sim/frame_writer.hpp"

namespace minegate::pn532sim {

Bytes EncodeAck() { return {0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00}; }

Bytes EncodeErrorFrame() { return {0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00}; }

Bytes EncodeResponse(std::span<const std::uint8_t> response) {
  const std::size_t length = response.size() + 1;  // TFI + response
  Bytes frame;
  frame.reserve(response.size() + 11);
  frame.push_back(0x00);  // preamble
  frame.push_back(0x00);  // start code
  frame.push_back(0xFF);
  if (length <= 0xFF) {
    frame.push_back(static_cast<std::uint8_t>(length));
    frame.push_back(static_cast<std::uint8_t>(0x100 - length));
  } else {
    const auto high = static_cast<std::uint8_t>(length >> 8);
    const auto low = static_cast<std::uint8_t>(length & 0xFFU);
    frame.push_back(0xFF);  // extended frame marker
    frame.push_back(0xFF);
    frame.push_back(high);
    frame.push_back(low);
    frame.push_back(static_cast<std::uint8_t>(0x100 - ((high + low) & 0xFF)));
  }
  unsigned sum = kTfiChipToHost;
  frame.push_back(kTfiChipToHost);
  for (std::uint8_t b : response) {
    frame.push_back(b);
    sum += b;
  }
  frame.push_back(static_cast<std::uint8_t>((0x100 - (sum & 0xFFU)) & 0xFFU));
  frame.push_back(0x00);
  return frame;
}

}  // namespace minegate::pn532sim
