// Faults armed through the control socket, each fired once at a deterministic point.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace minegate::pn532sim {

/// What the next exchanges should get wrong. Faults are one-shot: once fired they disarm, so
/// a test knows exactly which exchange failed. Not thread-safe.
class FaultPlan {
 public:
  using Clock = std::chrono::steady_clock;

  /// ACK the next command, then never answer it.
  void ArmDropNextReply() { drop_next_reply_ = true; }
  /// Write junk bytes just before the next ACK.
  void ArmGarbageBeforeAck() { garbage_before_ack_ = true; }
  /// Take the tag out of the field right after the `count`-th successful tag write from now.
  void ArmRemoveAfterWrites(unsigned count) { writes_before_removal_ = count; }
  /// Wedge the chip at the next command (or the next one whose code is `command`): that frame
  /// is ACKed, never run nor answered, and everything after is ignored, as a hung PN532
  /// firmware does, until the stall ends: after `duration` if given, else on `fault clear`
  /// or a power cycle (unplug).
  void ArmStall(std::optional<std::uint8_t> command,
                std::optional<std::chrono::milliseconds> duration);

  bool TakeDropNextReply();
  bool TakeGarbageBeforeAck();
  /// Counts a committed tag write; true when this write must be followed by the tag's removal.
  bool OnTagWriteCommitted();
  /// Called for each command frame; true when the armed stall fires on it (it is then active).
  bool TakeStall(std::uint8_t command, Clock::time_point now);
  /// Whether the chip is wedged at `now`; a stall whose duration has passed ends here.
  bool Stalled(Clock::time_point now);
  /// When the active stall ends by itself; nullopt if none is active or it lasts until cleared.
  std::optional<Clock::time_point> StallEnd() const;
  /// A power cycle cures a wedged chip: the active stall ends (an armed one stays armed).
  void EndStall() { stalled_.reset(); }

  /// "none", or the armed faults, e.g. "drop-next-reply,remove-after-writes=2,stall-on=40".
  std::string Describe() const;

 private:
  struct StallArm {
    std::optional<std::uint8_t> command;
    std::optional<std::chrono::milliseconds> duration;
  };
  struct ActiveStall {
    std::optional<Clock::time_point> until;
  };

  bool drop_next_reply_ = false;
  bool garbage_before_ack_ = false;
  std::optional<unsigned> writes_before_removal_;
  std::optional<StallArm> stall_armed_;
  std::optional<ActiveStall> stalled_;
};

}  // namespace minegate::pn532sim
