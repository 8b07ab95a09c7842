// Command codes, status bytes and reply helpers shared by Pn532Chip's two source files.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tools/pn532-sim/pn532_chip.hpp"

/// Only Pn532Chip's sources include this header: the names are the chip's vocabulary.
namespace minegate::pn532sim {

// Command codes (PN532 user manual, chapter 7).
inline constexpr std::uint8_t kDiagnose = 0x00;
inline constexpr std::uint8_t kGetFirmwareVersion = 0x02;
inline constexpr std::uint8_t kGetGeneralStatus = 0x04;
inline constexpr std::uint8_t kReadRegister = 0x06;
inline constexpr std::uint8_t kWriteRegister = 0x08;
inline constexpr std::uint8_t kReadGpio = 0x0C;
inline constexpr std::uint8_t kWriteGpio = 0x0E;
inline constexpr std::uint8_t kSetSerialBaudRate = 0x10;
inline constexpr std::uint8_t kSetParameters = 0x12;
inline constexpr std::uint8_t kSamConfiguration = 0x14;
inline constexpr std::uint8_t kPowerDown = 0x16;
inline constexpr std::uint8_t kRfConfiguration = 0x32;
inline constexpr std::uint8_t kInDataExchange = 0x40;
inline constexpr std::uint8_t kInCommunicateThru = 0x42;
inline constexpr std::uint8_t kInDeselect = 0x44;
inline constexpr std::uint8_t kInJumpForPsl = 0x46;
inline constexpr std::uint8_t kInListPassiveTarget = 0x4A;
inline constexpr std::uint8_t kInPsl = 0x4E;
inline constexpr std::uint8_t kInAtr = 0x50;
inline constexpr std::uint8_t kInRelease = 0x52;
inline constexpr std::uint8_t kInSelect = 0x54;
inline constexpr std::uint8_t kInJumpForDep = 0x56;
inline constexpr std::uint8_t kInAutoPoll = 0x60;

// Status bytes (PN532 user manual, table "Error code list"). Bit 0x80 is never set: libnfc
// aborts the process when it sees it.
inline constexpr std::uint8_t kStatusOk = 0x00;
inline constexpr std::uint8_t kStatusTimeout = 0x01;
inline constexpr std::uint8_t kStatusBufferTooSmall = 0x07;
/// What the PN532 reports when a MIFARE-family tag answers NAK to an exchange.
inline constexpr std::uint8_t kStatusMifareNak = 0x14;
inline constexpr std::uint8_t kStatusWrongContext = 0x27;

inline constexpr std::uint8_t kDiagnoseCommunicationTest = 0x00;
inline constexpr std::uint8_t kDiagnoseCardPresence = 0x06;
inline constexpr std::uint8_t kRfItemField = 0x01;
inline constexpr std::uint8_t kRfItemMaxRetries = 0x05;
inline constexpr std::uint8_t kParameterAutoRats = 0x10;
inline constexpr std::uint8_t kBaudRate106TypeA = 0x00;
inline constexpr std::uint8_t kEndlessPolling = 0xFF;

/// The PN532's data buffer for one target answer (user manual, InDataExchange).
inline constexpr std::size_t kMaxTargetAnswer = 262;
/// InAutoPoll's period unit.
inline constexpr auto kPollPeriodUnit = std::chrono::milliseconds(150);

inline ChipResult Reply(std::uint8_t command, Bytes data = {}) {
  data.insert(data.begin(), static_cast<std::uint8_t>(command + 1));
  return {ChipResult::Kind::kReply, std::move(data)};
}

inline ChipResult SyntaxError() { return {ChipResult::Kind::kSyntaxError, {}}; }

inline ChipResult Hold() { return {ChipResult::Kind::kHold, {}}; }

inline std::uint16_t AddressAt(std::span<const std::uint8_t> bytes, std::size_t index) {
  return static_cast<std::uint16_t>((bytes[index] << 8) | bytes[index + 1]);
}

}  // namespace minegate::pn532sim
