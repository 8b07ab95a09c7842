// The PN532's side of the HSU link protocol: ACKs, responses, aborts and injected faults.
#pragma once

#include <chrono>
#include <optional>
#include <span>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/fault_plan.hpp"
#include "tools/pn532-sim/frame_parser.hpp"
#include "tools/pn532-sim/logger.hpp"
#include "tools/pn532-sim/pn532_chip.hpp"

namespace minegate::pn532sim {

/// Turns host bytes into chip commands and chip results into frames: ACK before every
/// response, host ACK aborts a held command, host NACK repeats the last response, a frame
/// with a bad checksum is ignored, a new command supersedes a held one. Faults
/// (drop-next-reply, garbage-before-ack, stall) are applied here. Pure logic, no I/O: every
/// call returns the bytes to write to the host. Not thread-safe.
class HostProtocol {
 public:
  using Clock = std::chrono::steady_clock;

  HostProtocol(Pn532Chip& chip, FaultPlan& faults, const Logger& log);

  Bytes OnHostBytes(std::span<const std::uint8_t> bytes, Clock::time_point now);
  /// A tag came or went: a held command may complete.
  Bytes OnFieldChanged(Clock::time_point now);
  /// Call when NextDeadline passes: a polling command may end with "no target", a stall
  /// with a duration may end.
  Bytes OnTimer(Clock::time_point now);
  std::optional<Clock::time_point> NextDeadline() const;

  /// The link went away (unplug): forget partial frames, held commands, last response; the
  /// power cycle also ends a stall.
  void Reset();

 private:
  /// Whether the chip is wedged; when a stall has just ended, restarts the chip first.
  bool Stalled(Clock::time_point now);
  void HandleCommand(const Bytes& payload, Clock::time_point now, Bytes& out);
  void EmitResponse(const Bytes& response, Bytes& out);
  Bytes ResumeHeld(Clock::time_point now);

  Pn532Chip& chip_;
  FaultPlan& faults_;
  const Logger& log_;
  FrameParser parser_;
  Bytes last_response_frame_;
  /// drop-next-reply fired on the held command: its eventual response is swallowed.
  bool drop_held_reply_ = false;
  /// A stall fired and its end has not been handled yet (the chip restarts then).
  bool stalled_ = false;
};

}  // namespace minegate::pn532sim
