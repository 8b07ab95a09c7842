// Fuzz target: bytes arriving on the bridge <-> kiosk socket, in either direction.
// Properties: the decoder never crashes, never yields an empty or oversized
// frame, and never buffers more than one frame plus the bytes it was fed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "minegate/v1/reader.pb.h"
#include "proto/framing/length_prefixed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minegate;
  framing::FrameDecoder decoder;
  // Split the input in two feeds to exercise reassembly.
  const std::size_t split = size / 2;
  const std::span<const std::uint8_t> input(data, size);
  for (auto piece : {input.first(split), input.subspan(split)}) {
    decoder.Feed(piece);
    while (true) {
      auto next = decoder.Next();
      if (!next || !next.value()) break;
      const auto& body = *next.value();
      if (body.empty() || body.size() > framing::kMaxFrameSize) std::abort();
      v1::BridgeMessage from_bridge;
      v1::KioskMessage from_kiosk;
      (void)framing::ParseFrame(body, from_bridge);
      (void)framing::ParseFrame(body, from_kiosk);
    }
    if (decoder.buffered() > framing::kMaxFrameSize + framing::kHeaderSize + size) std::abort();
  }
  return 0;
}
