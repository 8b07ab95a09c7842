#include "tools/pn532-sim/fault_plan.hpp"

#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {

void FaultPlan::ArmStall(std::optional<std::uint8_t> command,
                         std::optional<std::chrono::milliseconds> duration) {
  stall_armed_ = StallArm{command, duration};
}

bool FaultPlan::TakeDropNextReply() {
  const bool armed = drop_next_reply_;
  drop_next_reply_ = false;
  return armed;
}

bool FaultPlan::TakeGarbageBeforeAck() {
  const bool armed = garbage_before_ack_;
  garbage_before_ack_ = false;
  return armed;
}

bool FaultPlan::OnTagWriteCommitted() {
  if (!writes_before_removal_) return false;
  if (*writes_before_removal_ > 1) {
    --*writes_before_removal_;
    return false;
  }
  writes_before_removal_.reset();
  return true;
}

bool FaultPlan::TakeStall(std::uint8_t command, Clock::time_point now) {
  if (!stall_armed_ || (stall_armed_->command && *stall_armed_->command != command)) return false;
  ActiveStall active;
  if (stall_armed_->duration) active.until = now + *stall_armed_->duration;
  stalled_ = active;
  stall_armed_.reset();
  return true;
}

bool FaultPlan::Stalled(Clock::time_point now) {
  if (!stalled_) return false;
  if (stalled_->until && now >= *stalled_->until) {
    stalled_.reset();
    return false;
  }
  return true;
}

std::optional<FaultPlan::Clock::time_point> FaultPlan::StallEnd() const {
  if (!stalled_) return std::nullopt;
  return stalled_->until;
}

std::string FaultPlan::Describe() const {
  std::string armed;
  auto add = [&armed](const std::string& name) {
    if (!armed.empty()) armed += ',';
    armed += name;
  };
  if (drop_next_reply_) add("drop-next-reply");
  if (garbage_before_ack_) add("garbage-before-ack");
  if (writes_before_removal_) add("remove-after-writes=" + std::to_string(*writes_before_removal_));
  if (stall_armed_) {
    std::string stall = "stall";
    if (stall_armed_->command) {
      const std::uint8_t code = *stall_armed_->command;
      stall += "-on=" + ToHex(std::span(&code, 1));
    }
    if (stall_armed_->duration) {
      stall += "-for=" + std::to_string(stall_armed_->duration->count()) + "ms";
    }
    add(stall);
  }
  if (stalled_) add("stalled");
  return armed.empty() ? "none" : armed;
}

}  // namespace minegate::pn532sim
