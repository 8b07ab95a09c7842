// Pn532Chip's initiator side: finding targets (InListPassiveTarget, InAutoPoll) and talking
// to them (InDataExchange, InCommunicateThru, InSelect/InDeselect/InRelease).
#include <algorithm>

#include "tools/pn532-sim/crc_a.hpp"
#include "tools/pn532-sim/internal/pn532_codes.hpp"
#include "tools/pn532-sim/pn532_chip.hpp"
#include "tools/pn532-sim/target_data.hpp"

namespace minegate::pn532sim {

ChipResult Pn532Chip::InListPassiveTarget(std::span<const std::uint8_t> command) {
  if (command.size() < 3 || command[1] < 1 || command[1] > 2) return SyntaxError();
  rf_on_ = true;  // the PN532 switches the field on by itself
  const std::uint8_t baud_rate = command[2];
  const std::uint8_t framing = baud_rate == kBaudRate106TypeA ? 0x00 : 0x03;
  for (std::uint16_t address : {reg::kTxMode, reg::kRxMode}) {
    const std::uint8_t value = registers_.Read(address);
    registers_.Write(address, static_cast<std::uint8_t>(
                                  (value & ~(reg::kFramingMask | reg::kSpeedMask)) | framing));
  }
  // FeliCa, type B and Jewel: no such tag is ever in this field. Answer at once.
  if (baud_rate != kBaudRate106TypeA) return Reply(kInListPassiveTarget, {0x00});
  const Bytes wanted_uid = UidFromInitiatorData(command.subspan(3));
  if (std::optional<Bytes> response = TrySelect(wanted_uid)) {
    return {ChipResult::Kind::kReply, std::move(*response)};
  }
  if (passive_activation_retries_ == 0xFF) {
    // "Infinite select": the real chip keeps trying until a tag comes or the host aborts.
    held_ = HeldCommand{kInListPassiveTarget, wanted_uid, {}, std::nullopt};
    return Hold();
  }
  return Reply(kInListPassiveTarget, {0x00});
}

ChipResult Pn532Chip::InAutoPoll(std::span<const std::uint8_t> command, Clock::time_point now) {
  if (command.size() < 4 || command.size() > 3 + 15) return SyntaxError();
  rf_on_ = true;
  const std::uint8_t poll_count = command[1];
  const unsigned period = std::max<unsigned>(command[2], 1);
  const std::span<const std::uint8_t> types = command.subspan(3);
  if (std::optional<Bytes> response = TryAutoPoll(types)) {
    return {ChipResult::Kind::kReply, std::move(*response)};
  }
  if (poll_count == 0) return Reply(kInAutoPoll, {0x00});
  HeldCommand held{kInAutoPoll, {}, Bytes(types.begin(), types.end()), std::nullopt};
  if (poll_count != kEndlessPolling) {
    // Each round polls every type for `period` x 150 ms, as the chip does.
    held.deadline = now + kPollPeriodUnit * (poll_count * period * types.size());
  }
  held_ = std::move(held);
  return Hold();
}

ChipResult Pn532Chip::InDataExchange(std::span<const std::uint8_t> command) {
  if (command.size() < 2) return SyntaxError();
  if (!target_ || !target_->selected || (command[1] & 0x0F) != 1) {
    return Reply(kInDataExchange, {kStatusWrongContext});
  }
  Tag* tag = ReachableTarget();
  if (tag == nullptr) return Reply(kInDataExchange, {kStatusTimeout});
  TagReply reply = ExchangeWithTag(*tag, command.subspan(2), Link::kChipManaged);
  switch (reply.kind) {
    case TagReply::Kind::kData: {
      if (reply.data.size() > kMaxTargetAnswer) {
        return Reply(kInDataExchange, {kStatusBufferTooSmall});
      }
      reply.data.insert(reply.data.begin(), kStatusOk);
      return Reply(kInDataExchange, std::move(reply.data));
    }
    case TagReply::Kind::kAck:
      return Reply(kInDataExchange, {kStatusOk});  // the chip swallows the 4-bit ACK
    case TagReply::Kind::kNak:
      return Reply(kInDataExchange, {kStatusMifareNak});
    case TagReply::Kind::kSilent:
      break;
  }
  return Reply(kInDataExchange, {kStatusTimeout});
}

ChipResult Pn532Chip::InCommunicateThru(std::span<const std::uint8_t> command) {
  const auto timeout = Reply(kInCommunicateThru, {kStatusTimeout});
  Tag* tag = target_ && target_->selected ? ReachableTarget() : nullptr;
  // Type B/FeliCa framing, bit-oriented frames (REQA, magic-card probes) or parity off: this
  // emulation has nobody to answer them, like a field holding only genuine NXP tags.
  if (tag == nullptr || !rf_on_ || !RawPathIsTypeA() || command.size() < 2) return timeout;
  Bytes frame(command.begin() + 1, command.end());
  const bool host_adds_crc = (registers_.Read(reg::kTxMode) & reg::kCrcEnable) == 0;
  if (host_adds_crc && !StripCrcA(frame)) return timeout;  // a corrupted frame is ignored
  TagReply reply = ExchangeWithTag(*tag, frame, Link::kRaw);
  std::uint8_t last_bits = 0;
  Bytes answer;
  switch (reply.kind) {
    case TagReply::Kind::kData:
      answer = std::move(reply.data);
      if ((registers_.Read(reg::kRxMode) & reg::kCrcEnable) == 0) AppendCrcA(answer);
      break;
    case TagReply::Kind::kAck:
      answer = {0x0A};
      last_bits = 4;
      break;
    case TagReply::Kind::kNak:
      answer = reply.data;
      last_bits = 4;
      break;
    case TagReply::Kind::kSilent:
      return timeout;
  }
  const std::uint8_t control = registers_.Read(reg::kControl);
  registers_.Write(reg::kControl,
                   static_cast<std::uint8_t>((control & ~reg::kLastBitsMask) | last_bits));
  if (answer.size() > kMaxTargetAnswer) return Reply(kInCommunicateThru, {kStatusBufferTooSmall});
  answer.insert(answer.begin(), kStatusOk);
  return Reply(kInCommunicateThru, std::move(answer));
}

ChipResult Pn532Chip::InDeselect() {
  if (target_) {
    if (Tag* tag = ReachableTarget()) tag->Deactivate();  // HLTA or S(DESELECT)
    target_->selected = false;
  }
  return Reply(kInDeselect, {kStatusOk});
}

ChipResult Pn532Chip::InRelease() {
  if (Tag* tag = ReachableTarget()) tag->Deactivate();
  target_.reset();
  return Reply(kInRelease, {kStatusOk});
}

ChipResult Pn532Chip::InSelect() {
  if (!target_) return Reply(kInSelect, {kStatusWrongContext});
  Tag* tag = field_.present();
  if (tag == nullptr || tag->Uid() != target_->uid) return Reply(kInSelect, {kStatusTimeout});
  tag->Activate();
  target_->selected = true;
  return Reply(kInSelect, {kStatusOk});
}

std::optional<Bytes> Pn532Chip::TrySelect(const Bytes& wanted_uid) {
  Tag* tag = field_.present();
  if (tag == nullptr || (!wanted_uid.empty() && wanted_uid != tag->Uid())) return std::nullopt;
  const bool with_ats = !tag->Ats().empty() && (parameters_ & kParameterAutoRats) != 0;
  tag->Activate();
  target_ = Target{tag->Uid(), true};
  Bytes response = {static_cast<std::uint8_t>(kInListPassiveTarget + 1), 0x01};
  const Bytes data = EncodeTypeATargetData(*tag, with_ats);
  response.insert(response.end(), data.begin(), data.end());
  log_.Debug("cible sélectionnée / target selected: " + ToHex(tag->Uid()));
  return response;
}

std::optional<Bytes> Pn532Chip::TryAutoPoll(std::span<const std::uint8_t> types) {
  Tag* tag = field_.present();
  if (tag == nullptr) return std::nullopt;
  const std::optional<PollMatch> match =
      MatchPollType(*tag, types, (parameters_ & kParameterAutoRats) != 0);
  if (!match) return std::nullopt;
  tag->Activate();
  target_ = Target{tag->Uid(), true};
  const Bytes data = EncodeTypeATargetData(*tag, match->with_ats);
  Bytes response = {static_cast<std::uint8_t>(kInAutoPoll + 1), 0x01, match->type,
                    static_cast<std::uint8_t>(data.size())};
  response.insert(response.end(), data.begin(), data.end());
  log_.Debug("cible trouvée par InAutoPoll / target found by InAutoPoll: " + ToHex(tag->Uid()));
  return response;
}

TagReply Pn532Chip::ExchangeWithTag(Tag& tag, std::span<const std::uint8_t> frame, Link link) {
  log_.Debug("étiquette / tag <- " + ToSpacedHex(frame));
  TagReply reply = tag.Exchange(frame, link);
  switch (reply.kind) {
    case TagReply::Kind::kData:
      log_.Debug("étiquette / tag -> " + ToSpacedHex(reply.data));
      break;
    case TagReply::Kind::kAck:
      log_.Debug("étiquette / tag -> ACK");
      break;
    case TagReply::Kind::kNak:
      log_.Debug("étiquette / tag -> NAK");
      break;
    case TagReply::Kind::kSilent:
      log_.Debug("étiquette / tag -> (silence)");
      break;
  }
  if (reply.wrote_memory && faults_.OnTagWriteCommitted()) {
    field_.Remove();
    log_.Info("panne: étiquette retirée après l'écriture / fault: tag removed after the write");
  }
  return reply;
}

bool Pn532Chip::RawPathIsTypeA() const {
  const std::uint8_t tx_mode = registers_.Read(reg::kTxMode);
  const std::uint8_t rx_mode = registers_.Read(reg::kRxMode);
  const bool type_a_106 = ((tx_mode | rx_mode) & (reg::kFramingMask | reg::kSpeedMask)) == 0;
  const bool parity_on = (registers_.Read(reg::kManualRcv) & reg::kParityDisable) == 0;
  const bool whole_bytes = (registers_.Read(reg::kBitFraming) & reg::kLastBitsMask) == 0;
  return type_a_106 && parity_on && whole_bytes;
}

}  // namespace minegate::pn532sim
