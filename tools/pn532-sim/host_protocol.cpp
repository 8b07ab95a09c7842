#include "tools/pn532-sim/host_protocol.hpp"

#include "tools/pn532-sim/frame_writer.hpp"

namespace minegate::pn532sim {
namespace {

/// Junk for garbage-before-ack: no 00 FF start code inside, so the host cannot resync on it.
constexpr std::uint8_t kGarbage[] = {0xDE, 0xAD, 0xBE, 0xEF, 0x13, 0x37};

}  // namespace

HostProtocol::HostProtocol(Pn532Chip& chip, FaultPlan& faults, const Logger& log)
    : chip_(chip), faults_(faults), log_(log) {}

Bytes HostProtocol::OnHostBytes(std::span<const std::uint8_t> bytes, Clock::time_point now) {
  log_.Debug("hôte / host -> " + ToSpacedHex(bytes));
  Bytes out;
  if (Stalled(now)) {
    log_.Debug("ignoré, puce bloquée / ignored, chip stalled");
    return out;
  }
  parser_.Feed(bytes, now);
  while (std::optional<HostFrame> frame = parser_.Next(now)) {
    if (parser_.TakeWakeUp()) {
      log_.Debug("réveil / wake-up");
      chip_.ResetRegisters();
    }
    switch (frame->kind) {
      case HostFrame::Kind::kAck:
        if (chip_.IsHolding()) {
          log_.Debug("commande annulée par l'hôte / command aborted by the host");
          chip_.AbortHeld();
          drop_held_reply_ = false;
        }
        break;
      case HostFrame::Kind::kNack:
        if (!last_response_frame_.empty())
          out.insert(out.end(), last_response_frame_.begin(), last_response_frame_.end());
        break;
      case HostFrame::Kind::kBadChecksum:
        log_.Debug("trame ignorée (somme de contrôle) / frame ignored (checksum)");
        break;
      case HostFrame::Kind::kCommand:
        HandleCommand(frame->payload, now, out);
        break;
    }
    if (stalled_) {
      // Whatever followed the command the chip wedged on, in the same read, is lost too.
      parser_.Clear();
      break;
    }
  }
  if (parser_.TakeWakeUp()) chip_.ResetRegisters();
  if (!out.empty()) log_.Debug("puce / chip -> " + ToSpacedHex(out));
  return out;
}

Bytes HostProtocol::OnFieldChanged(Clock::time_point now) {
  if (Stalled(now)) return {};
  return ResumeHeld(now);
}

Bytes HostProtocol::OnTimer(Clock::time_point now) {
  if (Stalled(now)) return {};
  return ResumeHeld(now);
}

std::optional<HostProtocol::Clock::time_point> HostProtocol::NextDeadline() const {
  // While stalled nothing is held (the stall aborted it); only the stall's end is pending.
  if (stalled_) return faults_.StallEnd();
  return chip_.HeldDeadline();
}

void HostProtocol::Reset() {
  parser_.Clear();
  chip_.AbortHeld();
  last_response_frame_.clear();
  drop_held_reply_ = false;
  stalled_ = false;
  faults_.EndStall();
}

bool HostProtocol::Stalled(Clock::time_point now) {
  if (faults_.Stalled(now)) return true;
  if (stalled_) {
    // A wedged PN532 only comes back through a reset: it forgets everything it was doing,
    // and libnfc, which reopens the device after a timeout, expects exactly that.
    log_.Info("fin du blocage, la puce redémarre / stall over, the chip restarts");
    stalled_ = false;
    parser_.Clear();
    last_response_frame_.clear();
    drop_held_reply_ = false;
    chip_.PowerOnReset();
  }
  return false;
}

void HostProtocol::HandleCommand(const Bytes& payload, Clock::time_point now, Bytes& out) {
  if (chip_.IsHolding()) {
    // A new command while polling: the host gave up on the old one (e.g. its timeout).
    chip_.AbortHeld();
    drop_held_reply_ = false;
  }
  if (faults_.TakeGarbageBeforeAck()) {
    log_.Info("panne: octets parasites avant l'ACK / fault: junk bytes before the ACK");
    out.insert(out.end(), std::begin(kGarbage), std::end(kGarbage));
  }
  const Bytes ack = EncodeAck();
  out.insert(out.end(), ack.begin(), ack.end());
  if (payload.size() >= 2 && payload[0] == kTfiHostToChip && faults_.TakeStall(payload[1], now)) {
    // The frame was good (ACKed) but the firmware hangs before running it: no reply, ever.
    log_.Info(
        "panne: puce bloquée après l'ACK de la commande / fault: chip stalled after "
        "ACKing command " +
        ToHex(std::span(&payload[1], 1)));
    stalled_ = true;
    chip_.AbortHeld();
    drop_held_reply_ = false;
    return;
  }
  const bool drop = faults_.TakeDropNextReply();
  if (payload.size() < 2 || payload[0] != kTfiHostToChip) {
    if (!drop) EmitResponse(EncodeErrorFrame(), out);
    return;
  }
  const ChipResult result = chip_.Execute(std::span(payload).subspan(1), now);
  if (drop) {
    // The command still runs (a WRITE is committed); only its answer is lost.
    log_.Info("panne: réponse supprimée / fault: reply dropped");
    if (result.kind == ChipResult::Kind::kHold) drop_held_reply_ = true;
    return;
  }
  switch (result.kind) {
    case ChipResult::Kind::kReply:
      EmitResponse(EncodeResponse(result.response), out);
      break;
    case ChipResult::Kind::kSyntaxError:
      EmitResponse(EncodeErrorFrame(), out);
      break;
    case ChipResult::Kind::kHold:
      log_.Debug("commande en attente d'une étiquette / command waiting for a tag");
      break;
  }
}

void HostProtocol::EmitResponse(const Bytes& frame, Bytes& out) {
  last_response_frame_ = frame;
  out.insert(out.end(), frame.begin(), frame.end());
}

Bytes HostProtocol::ResumeHeld(Clock::time_point now) {
  Bytes out;
  std::optional<Bytes> response = chip_.ResumeHeld(now);
  if (!response) return out;
  if (drop_held_reply_) {
    drop_held_reply_ = false;
    return out;
  }
  EmitResponse(EncodeResponse(*response), out);
  log_.Debug("puce / chip -> " + ToSpacedHex(out));
  return out;
}

}  // namespace minegate::pn532sim
