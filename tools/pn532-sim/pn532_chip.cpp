#include "tools/pn532-sim/pn532_chip.hpp"

#include "tools/pn532-sim/internal/pn532_codes.hpp"

namespace minegate::pn532sim {

Pn532Chip::Pn532Chip(RfField& field, FaultPlan& faults, const Logger& log)
    : field_(field), faults_(faults), log_(log) {}

ChipResult Pn532Chip::Execute(std::span<const std::uint8_t> command, Clock::time_point now) {
  if (command.empty()) return SyntaxError();
  const std::uint8_t code = command[0];
  switch (code) {
    case kDiagnose:
      return Diagnose(command);
    case kGetFirmwareVersion:
      return Reply(code, {0x32, 0x01, 0x06, 0x07});  // PN532 v1.6, ISO 14443A/B and 18092
    case kGetGeneralStatus:
      return GetGeneralStatus();
    case kReadRegister:
      return ReadRegister(command);
    case kWriteRegister:
      return WriteRegister(command);
    case kReadGpio:
      return Reply(code, {0xFF, 0xFF, 0x00});
    case kWriteGpio:
    case kSetSerialBaudRate:
      return Reply(code);
    case kSetParameters:
      if (command.size() != 2) return SyntaxError();
      parameters_ = command[1];
      return Reply(code);
    case kSamConfiguration:
      if (command.size() < 2) return SyntaxError();
      return Reply(code);
    case kPowerDown:
      SwitchFieldOff();
      return Reply(code, {kStatusOk});
    case kRfConfiguration:
      return RfConfiguration(command);
    case kInListPassiveTarget:
      return InListPassiveTarget(command);
    case kInAutoPoll:
      return InAutoPoll(command, now);
    case kInDataExchange:
      return InDataExchange(command);
    case kInCommunicateThru:
      return InCommunicateThru(command);
    case kInDeselect:
      return InDeselect();
    case kInRelease:
      return InRelease();
    case kInSelect:
      return InSelect();
    case kInJumpForDep:
    case kInJumpForPsl:
      return Reply(code, {kStatusTimeout});  // no NFC-DEP target ever answers
    case kInAtr:
    case kInPsl:
      return Reply(code, {kStatusWrongContext});
    default:
      return SyntaxError();  // target-mode and test commands are not emulated
  }
}

std::optional<Bytes> Pn532Chip::ResumeHeld(Clock::time_point now) {
  if (!held_) return std::nullopt;
  std::optional<Bytes> response;
  if (held_->code == kInListPassiveTarget) {
    response = TrySelect(held_->wanted_uid);
  } else {
    response = TryAutoPoll(held_->poll_types);
    if (!response && held_->deadline && now >= *held_->deadline) {
      response = Bytes{static_cast<std::uint8_t>(kInAutoPoll + 1), 0x00};
    }
  }
  if (response) held_.reset();
  return response;
}

std::optional<Pn532Chip::Clock::time_point> Pn532Chip::HeldDeadline() const {
  if (!held_) return std::nullopt;
  return held_->deadline;
}

void Pn532Chip::PowerOnReset() {
  SwitchFieldOff();
  registers_.Reset();
  parameters_ = 0;
  passive_activation_retries_ = 0xFF;
  held_.reset();
}

std::string Pn532Chip::Describe() const {
  std::string text = rf_on_ ? "rf=on" : "rf=off";
  text += " target=";
  text += target_ ? ToHex(target_->uid) : std::string("none");
  if (held_) text += held_->code == kInAutoPoll ? " polling=yes" : " selecting=yes";
  return text;
}

ChipResult Pn532Chip::Diagnose(std::span<const std::uint8_t> command) const {
  if (command.size() < 2) return SyntaxError();
  if (command[1] == kDiagnoseCommunicationTest) {
    // Echo NumTst and the data: libnfc's pn53x_check_communication compares "\0libnfc".
    return Reply(kDiagnose, Bytes(command.begin() + 1, command.end()));
  }
  if (command[1] == kDiagnoseCardPresence) {
    return Reply(kDiagnose, {ReachableTarget() != nullptr ? kStatusOk : kStatusTimeout});
  }
  return Reply(kDiagnose, {kStatusOk});  // ROM, RAM, antenna tests: all fine
}

ChipResult Pn532Chip::GetGeneralStatus() const {
  Bytes status = {kStatusOk, static_cast<std::uint8_t>(rf_on_ ? 1 : 0)};
  if (ReachableTarget() != nullptr) {
    status.insert(status.end(), {0x01, 0x01, 0x00, 0x00, 0x00});  // 1 target, Tg 1, 106 kbps
  } else {
    status.push_back(0x00);
  }
  status.push_back(0x00);  // SAM status
  return Reply(kGetGeneralStatus, std::move(status));
}

ChipResult Pn532Chip::ReadRegister(std::span<const std::uint8_t> command) const {
  const std::size_t count = (command.size() - 1) / 2;
  if (count == 0 || (command.size() - 1) % 2 != 0) return SyntaxError();
  Bytes values;
  for (std::size_t i = 0; i < count; ++i) {
    values.push_back(registers_.Read(AddressAt(command, 1 + 2 * i)));
  }
  // PN532: one byte per address and no status byte (only the PN533 prepends one).
  return Reply(kReadRegister, std::move(values));
}

ChipResult Pn532Chip::WriteRegister(std::span<const std::uint8_t> command) {
  const std::size_t count = (command.size() - 1) / 3;
  if (count == 0 || (command.size() - 1) % 3 != 0) return SyntaxError();
  for (std::size_t i = 0; i < count; ++i) {
    registers_.Write(AddressAt(command, 1 + 3 * i), command[3 + 3 * i]);
  }
  return Reply(kWriteRegister);
}

ChipResult Pn532Chip::RfConfiguration(std::span<const std::uint8_t> command) {
  if (command.size() < 3) return SyntaxError();
  const std::uint8_t item = command[1];
  if (item == kRfItemField) {
    if ((command[2] & 0x01) != 0) {
      rf_on_ = true;
    } else {
      SwitchFieldOff();
    }
  } else if (item == kRfItemMaxRetries) {
    if (command.size() != 5) return SyntaxError();
    passive_activation_retries_ = command[4];
  }
  return Reply(kRfConfiguration);
}

Tag* Pn532Chip::ReachableTarget() const {
  Tag* tag = field_.present();
  if (!target_ || tag == nullptr || tag->Uid() != target_->uid || !tag->IsActive()) {
    return nullptr;
  }
  return tag;
}

void Pn532Chip::SwitchFieldOff() {
  rf_on_ = false;
  if (Tag* tag = field_.present()) tag->Deactivate();
  target_.reset();
}

}  // namespace minegate::pn532sim
