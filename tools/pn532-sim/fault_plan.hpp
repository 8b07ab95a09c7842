// Faults armed through the control socket, each fired once at a deterministic point.
#pragma once

#include <optional>
#include <string>

namespace minegate::pn532sim {

/// What the next exchanges should get wrong. Faults are one-shot: once fired they disarm, so
/// a test knows exactly which exchange failed. Not thread-safe.
class FaultPlan {
 public:
  /// ACK the next command, then never answer it.
  void ArmDropNextReply() { drop_next_reply_ = true; }
  /// Write junk bytes just before the next ACK.
  void ArmGarbageBeforeAck() { garbage_before_ack_ = true; }
  /// Take the tag out of the field right after the `count`-th successful tag write from now.
  void ArmRemoveAfterWrites(unsigned count) { writes_before_removal_ = count; }

  bool TakeDropNextReply();
  bool TakeGarbageBeforeAck();
  /// Counts a committed tag write; true when this write must be followed by the tag's removal.
  bool OnTagWriteCommitted();

  /// "none", or the armed faults, e.g. "drop-next-reply,remove-after-writes=2".
  std::string Describe() const;

 private:
  bool drop_next_reply_ = false;
  bool garbage_before_ack_ = false;
  std::optional<unsigned> writes_before_removal_;
};

}  // namespace minegate::pn532sim
