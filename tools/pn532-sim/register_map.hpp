// The PN532's registers as ReadRegister and WriteRegister see them.
#pragma once

#include <cstdint>
#include <map>

namespace minegate::pn532sim {

/// CIU register addresses libnfc uses (pn53x-internal.h) and that change the emulation.
namespace reg {
inline constexpr std::uint16_t kTxMode = 0x6302;     ///< bit 7 TX CRC, bits 0-1 framing
inline constexpr std::uint16_t kRxMode = 0x6303;     ///< bit 7 RX CRC, bits 0-1 framing
inline constexpr std::uint16_t kManualRcv = 0x630D;  ///< bit 4 parity disabled
inline constexpr std::uint16_t kFifoLevel = 0x633A;
inline constexpr std::uint16_t kControl = 0x633C;     ///< bits 0-2 RX last bits
inline constexpr std::uint16_t kBitFraming = 0x633D;  ///< bits 0-2 TX last bits

inline constexpr std::uint8_t kCrcEnable = 0x80;
inline constexpr std::uint8_t kFramingMask = 0x03;
inline constexpr std::uint8_t kSpeedMask = 0x70;
inline constexpr std::uint8_t kParityDisable = 0x10;
inline constexpr std::uint8_t kLastBitsMask = 0x07;
}  // namespace reg

/// A sparse 16-bit address space. libnfc caches registers and writes them back lazily, with
/// read-modify-write for partial masks, so reads must return what was written; addresses
/// never written read as their power-on value (zero unless listed in Reset). Not thread-safe.
class RegisterMap {
 public:
  RegisterMap() { Reset(); }

  std::uint8_t Read(std::uint16_t address) const;
  void Write(std::uint16_t address, std::uint8_t value);

  /// Power-on state: CRC on in both directions, ISO 14443A framing at 106 kbps, parity on.
  /// libnfc assumes exactly this when it opens a device and never re-sends it.
  void Reset();

 private:
  std::map<std::uint16_t, std::uint8_t> values_;
};

}  // namespace minegate::pn532sim
