// Builds the frames the PN532 sends back to the host.
#pragma once

#include <cstdint>
#include <span>

#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {

/// Frame identifier of chip-to-host information frames.
inline constexpr std::uint8_t kTfiChipToHost = 0xD5;
/// Frame identifier of host-to-chip information frames.
inline constexpr std::uint8_t kTfiHostToChip = 0xD4;

/// 00 00 FF 00 FF 00: "command received", sent before every response.
Bytes EncodeAck();

/// 00 00 FF 01 FF 7F 81 00: application-level error (syntax error in the command).
Bytes EncodeErrorFrame();

/// An information frame carrying D5, `response` (response code first). Normal frame up to
/// 255 bytes of TFI + data, extended frame beyond, as pn53x_build_frame does the other way.
Bytes EncodeResponse(std::span<const std::uint8_t> response);

}  // namespace minegate::pn532sim
