// The PN532's command interpreter: what it answers to each host command.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/fault_plan.hpp"
#include "tools/pn532-sim/logger.hpp"
#include "tools/pn532-sim/register_map.hpp"
#include "tools/pn532-sim/rf_field.hpp"

namespace minegate::pn532sim {

/// The chip's answer to one command frame.
struct ChipResult {
  enum class Kind {
    kReply,        ///< answer now with `response`
    kHold,         ///< keep the command running (polling for a tag); see ResumeHeld
    kSyntaxError,  ///< answer with the error frame
  };
  Kind kind = Kind::kReply;
  Bytes response;  ///< kReply: response code (command + 1) then data, i.e. the payload after D5
};

/// A state machine over the chip's registers, parameters, RF field and selected target; it
/// never follows a script, because libnfc interleaves register accesses with everything.
/// Framing (ACK, checksums, aborts) is HostProtocol's job. System commands live in
/// pn532_chip.cpp, the initiator side (finding and talking to targets) in
/// pn532_chip_initiator.cpp. Not thread-safe.
class Pn532Chip {
 public:
  using Clock = std::chrono::steady_clock;

  Pn532Chip(RfField& field, FaultPlan& faults, const Logger& log);

  /// `command` starts with the command code (the byte after D4).
  ChipResult Execute(std::span<const std::uint8_t> command, Clock::time_point now);

  /// The response of a held InListPassiveTarget or InAutoPoll, once a tag has come or the
  /// polling period is over; nullopt while it must keep waiting.
  std::optional<Bytes> ResumeHeld(Clock::time_point now);
  std::optional<Clock::time_point> HeldDeadline() const;
  bool IsHolding() const { return held_.has_value(); }
  /// The host aborted (ACK) or sent another command: the held command ends without reply.
  void AbortHeld() { held_.reset(); }

  /// Wake-up from low-power mode: back to power-on register values, so a client killed in
  /// raw mode (CRC off) does not poison the next session, which assumes the defaults.
  void ResetRegisters() { registers_.Reset(); }
  /// Power cycle (unplug): everything back to power-on state.
  void PowerOnReset();

  /// One line for the control "status": RF field and selected target.
  std::string Describe() const;

 private:
  struct HeldCommand {
    std::uint8_t code = 0;
    Bytes wanted_uid;  ///< InListPassiveTarget: empty for any tag
    Bytes poll_types;  ///< InAutoPoll
    std::optional<Clock::time_point> deadline;
  };
  struct Target {
    Bytes uid;
    bool selected = true;  ///< false after InDeselect until InSelect
  };

  ChipResult Diagnose(std::span<const std::uint8_t> command) const;
  ChipResult GetGeneralStatus() const;
  ChipResult ReadRegister(std::span<const std::uint8_t> command) const;
  ChipResult WriteRegister(std::span<const std::uint8_t> command);
  ChipResult RfConfiguration(std::span<const std::uint8_t> command);
  ChipResult InListPassiveTarget(std::span<const std::uint8_t> command);
  ChipResult InAutoPoll(std::span<const std::uint8_t> command, Clock::time_point now);
  ChipResult InDataExchange(std::span<const std::uint8_t> command);
  ChipResult InCommunicateThru(std::span<const std::uint8_t> command);
  ChipResult InDeselect();
  ChipResult InRelease();
  ChipResult InSelect();

  std::optional<Bytes> TrySelect(const Bytes& wanted_uid);
  std::optional<Bytes> TryAutoPoll(std::span<const std::uint8_t> types);
  /// The selected target if it is still in the field and listening, else nullptr.
  Tag* ReachableTarget() const;
  /// One exchange with the tag; fires remove-after-writes after a committed write.
  TagReply ExchangeWithTag(Tag& tag, std::span<const std::uint8_t> frame, Link link);
  /// The field goes off: every tag loses power, the target is gone.
  void SwitchFieldOff();
  /// Whether InCommunicateThru reaches a type A tag with the current CIU settings.
  bool RawPathIsTypeA() const;

  RfField& field_;
  FaultPlan& faults_;
  const Logger& log_;
  RegisterMap registers_;
  std::uint8_t parameters_ = 0;
  bool rf_on_ = false;
  std::uint8_t passive_activation_retries_ = 0xFF;  ///< RFConfiguration item 5; FF = forever
  std::optional<Target> target_;
  std::optional<HeldCommand> held_;
};

}  // namespace minegate::pn532sim
