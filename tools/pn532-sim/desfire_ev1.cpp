#include "tools/pn532-sim/desfire_ev1.hpp"

#include <optional>

#include "tools/pn532-sim/command_apdu.hpp"

namespace minegate::pn532sim {
namespace {

// Native command codes and statuses (DESFire EV1 datasheet).
constexpr std::uint8_t kNativeGetVersion = 0x60;
constexpr std::uint8_t kNativeAdditionalFrame = 0xAF;
constexpr std::uint8_t kStatusOk = 0x00;
constexpr std::uint8_t kStatusAdditionalFrame = 0xAF;
constexpr std::uint8_t kStatusIllegalCommand = 0x1C;
constexpr std::uint8_t kStatusLengthError = 0x7E;
constexpr std::uint8_t kWrappedClass = 0x90;
constexpr std::uint8_t kIsoClass = 0x00;

// ISO 14443-4 block control bytes.
constexpr std::uint8_t kPcbCidFollows = 0x08;
constexpr std::uint8_t kPcbNadFollows = 0x04;
constexpr std::uint8_t kPcbChaining = 0x10;
constexpr std::uint8_t kPcbNak = 0x10;
constexpr std::uint8_t kPcbBlockNumber = 0x01;
constexpr std::uint8_t kRats = 0xE0;

bool IsIBlock(std::uint8_t pcb) { return (pcb & 0xE2) == 0x02; }
bool IsRBlock(std::uint8_t pcb) { return (pcb & 0xE6) == 0xA2; }
bool IsSBlock(std::uint8_t pcb) { return (pcb & 0xC7) == 0xC2; }
bool IsDeselect(std::uint8_t pcb) { return (pcb & 0x30) == 0x00; }

}  // namespace

DesfireEv1::DesfireEv1(Bytes uid) : uid_(std::move(uid)) {}

void DesfireEv1::Activate() {
  active_ = true;
  block_number_ = 1;
  last_block_.clear();
  chained_input_.clear();
  version_part_ = 0;
  application_.ResetSelection();
}

void DesfireEv1::Deactivate() {
  active_ = false;
  last_block_.clear();
  chained_input_.clear();
  version_part_ = 0;
  application_.ResetSelection();
}

TagReply DesfireEv1::Exchange(std::span<const std::uint8_t> frame, Link link) {
  if (!active_ || frame.empty()) return TagReply::Silent();
  if (link == Link::kRaw) return ProcessBlock(frame);
  // The PN532 runs the block protocol: each exchange is one I-block from its side.
  block_number_ ^= kPcbBlockNumber;
  Type4NdefApplication::Response response = ProcessInformation(frame);
  return TagReply::Data(std::move(response.apdu), response.wrote_memory);
}

Type4NdefApplication::Response DesfireEv1::ProcessInformation(
    std::span<const std::uint8_t> command) {
  // The card tells its framings apart by the first byte: CLA 00 is ISO 7816-4, CLA 90 wraps a
  // native command in an APDU, anything else is a native command code.
  if (command[0] == kIsoClass) {
    version_part_ = 0;
    return application_.Process(command);
  }
  Bytes data;
  if (command[0] == kWrappedClass) {
    // 90 CMD 00 00 [Lc data] 00 -> data 91 status.
    const std::optional<CommandApdu> apdu = ParseCommandApdu(command);
    const std::uint8_t status = apdu ? ProcessNative(apdu->ins, data) : kStatusLengthError;
    data.push_back(0x91);
    data.push_back(status);
    return {std::move(data), false};
  }
  // Native framing: command code in, status byte first out.
  const std::uint8_t status = ProcessNative(command[0], data);
  data.insert(data.begin(), status);
  return {std::move(data), false};
}

std::uint8_t DesfireEv1::ProcessNative(std::uint8_t code, Bytes& response) {
  if (code == kNativeGetVersion) {
    // Hardware part: vendor NXP, type DESFire, subtype 1, version 1.0, 4 kB, ISO 14443-2/3.
    response = {0x04, 0x01, 0x01, 0x01, 0x00, 0x18, 0x05};
    version_part_ = 1;
    return kStatusAdditionalFrame;
  }
  if (code == kNativeAdditionalFrame && version_part_ == 1) {
    // Software part: version 1.4 (EV1), ISO 14443-4.
    response = {0x04, 0x01, 0x01, 0x01, 0x04, 0x18, 0x05};
    version_part_ = 2;
    return kStatusAdditionalFrame;
  }
  if (code == kNativeAdditionalFrame && version_part_ == 2) {
    // UID, batch number, calendar week and year of production.
    response = uid_;
    response.insert(response.end(), {0xBA, 0x7C, 0x4E, 0x11, 0x22, 0x21, 0x19});
    version_part_ = 0;
    return kStatusOk;
  }
  version_part_ = 0;
  return kStatusIllegalCommand;
}

TagReply DesfireEv1::ProcessBlock(std::span<const std::uint8_t> block) {
  const std::uint8_t pcb = block[0];
  if (pcb == kRats && block.size() == 2) {
    Activate();
    return TagReply::Data(Ats());
  }
  std::size_t header = 1;
  std::optional<std::uint8_t> cid;
  if ((IsIBlock(pcb) || IsRBlock(pcb) || IsSBlock(pcb)) && (pcb & kPcbCidFollows) != 0) {
    if (block.size() < 2) return TagReply::Silent();
    cid = block[1];
    ++header;
  }
  auto reply_block = [&](std::uint8_t reply_pcb) {
    Bytes out = {static_cast<std::uint8_t>(reply_pcb | (cid ? kPcbCidFollows : 0))};
    if (cid) out.push_back(*cid);
    return out;
  };
  if (IsIBlock(pcb)) {
    if ((pcb & kPcbNadFollows) != 0) ++header;
    if (header > block.size()) return TagReply::Silent();
    const std::span<const std::uint8_t> information = block.subspan(header);
    block_number_ = static_cast<std::uint8_t>(pcb & kPcbBlockNumber);
    if ((pcb & kPcbChaining) != 0) {
      chained_input_.insert(chained_input_.end(), information.begin(), information.end());
      return TagReply::Data(reply_block(static_cast<std::uint8_t>(0xA2 | block_number_)));
    }
    Bytes command = std::move(chained_input_);
    chained_input_.clear();
    command.insert(command.end(), information.begin(), information.end());
    Type4NdefApplication::Response response = ProcessInformation(command);
    Bytes out = reply_block(static_cast<std::uint8_t>(0x02 | block_number_));
    out.insert(out.end(), response.apdu.begin(), response.apdu.end());
    last_block_ = out;
    return TagReply::Data(std::move(out), response.wrote_memory);
  }
  if (IsRBlock(pcb)) {
    const bool same_number = (pcb & kPcbBlockNumber) == block_number_;
    if (same_number && !last_block_.empty()) return TagReply::Data(last_block_);
    if ((pcb & kPcbNak) != 0) {
      // ISO 14443-4 rule 12: a NAK for another block number is answered by an ACK.
      return TagReply::Data(reply_block(static_cast<std::uint8_t>(0xA2 | block_number_)));
    }
    return TagReply::Silent();
  }
  if (IsSBlock(pcb) && IsDeselect(pcb)) {
    Bytes out = reply_block(0xC2);
    Deactivate();
    return TagReply::Data(std::move(out));
  }
  return TagReply::Silent();  // S(WTX) answers and anything else: nothing to say
}

}  // namespace minegate::pn532sim
