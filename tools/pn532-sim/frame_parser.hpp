// Splits the byte stream a host writes to the PN532's HSU (serial) port into frames.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {

/// One thing the host said.
struct HostFrame {
  enum class Kind {
    kAck,          ///< 00 00 FF 00 FF 00: the host aborts the running command
    kNack,         ///< 00 00 FF FF 00 00: the host asks for the last response again
    kCommand,      ///< a normal or extended information frame with good checksums
    kBadChecksum,  ///< a frame whose data checksum is wrong: the chip ignores it
  };
  Kind kind = Kind::kCommand;
  Bytes payload;  ///< kCommand: TFI, command code and parameters (LEN bytes)
};

/// Finds frames by their 00 FF start code, as the chip does, so the wake-up preamble
/// (55 55 00 00 ...) and any junk before a frame are skipped. Bounded: a frame longer than
/// kMaxPayload is refused, and a frame left incomplete for kStaleAfter is given up so a host
/// that died mid-frame cannot swallow the next session's first command.
/// Not thread-safe: one parser per host link.
class FrameParser {
 public:
  using Clock = std::chrono::steady_clock;
  /// PN532 frames carry at most 265 bytes (TFI + 264); anything larger is noise.
  static constexpr std::size_t kMaxPayload = 265;
  static constexpr std::size_t kMaxBuffered = 4096;
  static constexpr Clock::duration kStaleAfter = std::chrono::milliseconds(100);

  void Feed(std::span<const std::uint8_t> bytes, Clock::time_point now);

  /// The next complete frame, if any. Call until nullopt after each Feed.
  std::optional<HostFrame> Next(Clock::time_point now);

  /// True once per wake-up preamble (0x55 bytes skipped outside a frame).
  bool TakeWakeUp();

  void Clear();

 private:
  enum class Scan { kFrame, kNeedMore, kNotAFrame };
  /// `consumed` counts from `start`.
  Scan TryFrameAt(std::size_t start, HostFrame& frame, std::size_t& consumed) const;
  /// Drops the oldest `count` bytes; junk (bytes outside frames) may hold the wake-up preamble.
  void Discard(std::size_t count, bool junk);

  Bytes buffer_;
  bool wake_up_seen_ = false;
  std::optional<Clock::time_point> incomplete_since_;
};

}  // namespace minegate::pn532sim
