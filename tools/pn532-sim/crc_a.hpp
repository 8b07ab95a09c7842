// ISO/IEC 14443-3 type A CRC (CRC_A), needed when libnfc switches the chip's CRC off.
#pragma once

#include <cstdint>
#include <span>

#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {

/// CRC_A of `bytes` (initial value 0x6363), sent least significant byte first.
std::uint16_t CrcA(std::span<const std::uint8_t> bytes);

/// Appends the two CRC_A bytes, as a tag does when the reader leaves CRC to the host.
void AppendCrcA(Bytes& frame);

/// Checks the trailing CRC_A and removes it; false (frame untouched) if absent or wrong,
/// which a real tag treats as a corrupted frame and ignores.
bool StripCrcA(Bytes& frame);

}  // namespace minegate::pn532sim
