#include "tools/pn532-sim/fault_plan.hpp"

namespace minegate::pn532sim {

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

std::string FaultPlan::Describe() const {
  std::string armed;
  auto add = [&armed](const std::string& name) {
    if (!armed.empty()) armed += ',';
    armed += name;
  };
  if (drop_next_reply_) add("drop-next-reply");
  if (garbage_before_ack_) add("garbage-before-ack");
  if (writes_before_removal_) add("remove-after-writes=" + std::to_string(*writes_before_removal_));
  return armed.empty() ? "none" : armed;
}

}  // namespace minegate::pn532sim
