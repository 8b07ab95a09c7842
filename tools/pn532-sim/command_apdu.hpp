// ISO/IEC 7816-4 command APDUs (short form) and the status words the card answers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {

/// A parsed short APDU; `data` views the caller's buffer.
struct CommandApdu {
  std::uint8_t cla = 0;
  std::uint8_t ins = 0;
  std::uint8_t p1 = 0;
  std::uint8_t p2 = 0;
  std::span<const std::uint8_t> data;
  std::optional<std::size_t> le;  ///< expected length; a 00 byte means 256
};

/// Cases 1 to 4 of ISO 7816-3 with short lengths; nullopt if the lengths do not add up
/// (the card answers 6700) or for extended lengths, which this card does not support.
std::optional<CommandApdu> ParseCommandApdu(std::span<const std::uint8_t> bytes);

/// Status words used here (ISO 7816-4, section 5.6).
namespace sw {
inline constexpr std::uint16_t kSuccess = 0x9000;
inline constexpr std::uint16_t kEndOfFileReached = 0x6282;
inline constexpr std::uint16_t kWrongLength = 0x6700;
inline constexpr std::uint16_t kSecurityNotSatisfied = 0x6982;
inline constexpr std::uint16_t kNoCurrentFile = 0x6986;
inline constexpr std::uint16_t kFileNotFound = 0x6A82;
inline constexpr std::uint16_t kNotEnoughMemory = 0x6A84;
inline constexpr std::uint16_t kWrongParameters = 0x6B00;
inline constexpr std::uint16_t kInstructionNotSupported = 0x6D00;
inline constexpr std::uint16_t kClassNotSupported = 0x6E00;
}  // namespace sw

/// Appends SW1 SW2 to a response.
void AppendStatusWord(Bytes& response, std::uint16_t status_word);

}  // namespace minegate::pn532sim
