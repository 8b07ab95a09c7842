#include "tools/pn532-sim/ntag21x.hpp"

#include <algorithm>
#include <string>

namespace minegate::pn532sim {
namespace {

// Command codes (NTAG213/215/216 datasheet, section 10).
constexpr std::uint8_t kGetVersion = 0x60;
constexpr std::uint8_t kRead = 0x30;
constexpr std::uint8_t kFastRead = 0x3A;
constexpr std::uint8_t kWrite = 0xA2;
constexpr std::uint8_t kCompatibilityWrite = 0xA0;
constexpr std::uint8_t kReadCounter = 0x39;
constexpr std::uint8_t kPasswordAuth = 0x1B;
constexpr std::uint8_t kReadSignature = 0x3C;
constexpr std::uint8_t kHalt = 0x50;

/// NAK code for "invalid argument" (bad page, refused access): the one real tags send here.
constexpr std::uint8_t kNakInvalidArgument = 0x00;

// ACCESS byte (CFG1 byte 0).
constexpr std::uint8_t kAccessReadProtection = 0x80;
constexpr std::uint8_t kAccessConfigLock = 0x40;
constexpr std::uint8_t kAccessCounterEnabled = 0x10;

constexpr std::size_t kCompatibilityWriteData = 16;
constexpr std::uint8_t kFirstDynamicallyLockedPage = 16;

}  // namespace

Ntag21x::Ntag21x(TagModel model, Bytes uid)
    : layout_(LayoutOf(model)), uid_(std::move(uid)), memory_(BlankNtagImage(layout_, uid_)) {}

void Ntag21x::Activate() {
  active_ = true;
  authenticated_ = false;
  pending_compatibility_page_.reset();
}

void Ntag21x::Deactivate() {
  active_ = false;
  authenticated_ = false;
  pending_compatibility_page_.reset();
}

TagReply Ntag21x::Exchange(std::span<const std::uint8_t> frame, Link link) {
  (void)link;  // NTAG commands look the same whether the PN532 frames them or the host does.
  if (!active_ || frame.empty()) return TagReply::Silent();
  if (pending_compatibility_page_) return CompatibilityWriteData(frame);
  switch (frame[0]) {
    case kRead:
      return Read(frame);
    case kFastRead:
      return FastRead(frame);
    case kWrite:
      return Write(frame);
    case kCompatibilityWrite:
      return CompatibilityWrite(frame);
    case kGetVersion:
      return GetVersion(frame);
    case kReadSignature:
      return ReadSignature(frame);
    case kReadCounter:
      return ReadCounter(frame);
    case kPasswordAuth:
      return PasswordAuth(frame);
    case kHalt:
      return Halt();
    default:
      return Refuse();
  }
}

Status Ntag21x::LoadRawImage(const Bytes& image) {
  if (image.size() != memory_.size()) {
    return Status::Error("l'image doit faire " + std::to_string(memory_.size()) +
                         " octets / the image must be " + std::to_string(memory_.size()) +
                         " bytes");
  }
  // Pages 0-2 hold the UID and its check bytes: a copy carries the original's, so an image of
  // another UID is a mistake, not a copy.
  constexpr std::size_t kUidPagesBytes = 9;
  if (!std::equal(image.begin(), image.begin() + kUidPagesBytes, memory_.begin())) {
    return Status::Error(
        "l'image porte un autre UID que l'étiquette / the image holds another UID than the tag");
  }
  memory_ = image;
  return Status::Ok();
}

Bytes Ntag21x::ReadableImage() const {
  Bytes image;
  image.reserve(memory_.size());
  for (unsigned page = 0; page < layout_.page_count; ++page) {
    AppendReadablePage(image, static_cast<std::uint8_t>(page));
  }
  return image;
}

TagReply Ntag21x::Read(std::span<const std::uint8_t> frame) {
  if (frame.size() != 2 || frame[1] > layout_.last_page()) return Refuse();
  if (IsReadProtected(frame[1])) return Refuse();
  Bytes data;
  for (unsigned i = 0; i < 4; ++i) {
    // READ rolls over from the last page to page 0 (datasheet 10.2).
    AppendReadablePage(data, static_cast<std::uint8_t>((frame[1] + i) % layout_.page_count));
  }
  return TagReply::Data(std::move(data));
}

TagReply Ntag21x::FastRead(std::span<const std::uint8_t> frame) {
  if (frame.size() != 3) return Refuse();
  const std::uint8_t start = frame[1];
  const std::uint8_t end = frame[2];
  if (start > end || end > layout_.last_page()) return Refuse();
  Bytes data;
  for (unsigned page = start; page <= end; ++page) {
    if (IsReadProtected(static_cast<std::uint8_t>(page))) return Refuse();
    AppendReadablePage(data, static_cast<std::uint8_t>(page));
  }
  return TagReply::Data(std::move(data));
}

TagReply Ntag21x::Write(std::span<const std::uint8_t> frame) {
  if (frame.size() != 2 + kNtagPageSize) return Refuse();
  return CommitPage(frame[1], frame.subspan(2));
}

TagReply Ntag21x::CompatibilityWrite(std::span<const std::uint8_t> frame) {
  if (frame.size() < 2 || frame[1] > layout_.last_page()) return Refuse();
  if (frame.size() == 2) {
    // Raw mode: the address comes first and the 16 data bytes in a second frame.
    pending_compatibility_page_ = frame[1];
    return TagReply::Ack(false);
  }
  // The PN532 sends both halves itself when it frames the exchange (InDataExchange).
  if (frame.size() != 2 + kCompatibilityWriteData) return Refuse();
  return CommitPage(frame[1], frame.subspan(2, kNtagPageSize));
}

TagReply Ntag21x::CompatibilityWriteData(std::span<const std::uint8_t> frame) {
  const std::uint8_t page = *pending_compatibility_page_;
  pending_compatibility_page_.reset();
  if (frame.size() != kCompatibilityWriteData) return Refuse();
  // Only the first four of the sixteen bytes are written (datasheet 10.5).
  return CommitPage(page, frame.first(kNtagPageSize));
}

TagReply Ntag21x::GetVersion(std::span<const std::uint8_t> frame) const {
  if (frame.size() != 1) return TagReply::Silent();
  return TagReply::Data({0x00, 0x04, 0x04, 0x02, 0x01, 0x00, layout_.version_storage, 0x03});
}

TagReply Ntag21x::ReadSignature(std::span<const std::uint8_t> frame) const {
  if (frame.size() != 2 || frame[1] != 0x00) return TagReply::Silent();
  // Not a real ECC signature (that needs NXP's key): a stable 32-byte value per UID, enough
  // for a reader that stores or compares it.
  Bytes signature(32);
  for (std::size_t i = 0; i < signature.size(); ++i) {
    signature[i] = static_cast<std::uint8_t>(uid_[i % uid_.size()] ^ (0x5A + 0x1D * i));
  }
  return TagReply::Data(std::move(signature));
}

TagReply Ntag21x::ReadCounter(std::span<const std::uint8_t> frame) {
  const std::uint8_t access = ByteAt(layout_.cfg1_page(), 0);
  if (frame.size() != 2 || frame[1] != 0x02 || (access & kAccessCounterEnabled) == 0) {
    return Refuse();
  }
  return TagReply::Data({0x00, 0x00, 0x00});
}

TagReply Ntag21x::PasswordAuth(std::span<const std::uint8_t> frame) {
  if (frame.size() != 1 + kNtagPageSize) return Refuse();
  const std::size_t pwd = static_cast<std::size_t>(layout_.pwd_page()) * kNtagPageSize;
  if (!std::equal(frame.begin() + 1, frame.end(), memory_.begin() + static_cast<long>(pwd))) {
    return Refuse();
  }
  authenticated_ = true;
  return TagReply::Data({ByteAt(layout_.pack_page(), 0), ByteAt(layout_.pack_page(), 1)});
}

TagReply Ntag21x::Halt() {
  // HLTA is never answered; the tag goes to HALT until the field is reset or it is woken.
  Deactivate();
  return TagReply::Silent();
}

TagReply Ntag21x::Refuse() {
  Deactivate();
  return TagReply::Nak(kNakInvalidArgument);
}

TagReply Ntag21x::CommitPage(std::uint8_t page, std::span<const std::uint8_t> data) {
  // Pages 0 and 1 hold the UID: read-only. Beyond the last page there is nothing.
  if (page < 2 || page > layout_.last_page()) return Refuse();
  if (IsPasswordProtected(page) && !authenticated_) return Refuse();
  std::uint8_t* target = memory_.data() + static_cast<std::size_t>(page) * kNtagPageSize;
  if (page == 2) {
    // BCC1 and the internal byte are read-only; the static lock bytes are one-time: OR-ed.
    target[2] |= data[2];
    target[3] |= data[3];
    return TagReply::Ack(true);
  }
  if (page == 3) {
    // The capability container is one-time programmable: bits can be set, never cleared.
    if (IsLocked(page)) return Refuse();
    for (std::size_t i = 0; i < kNtagPageSize; ++i) target[i] |= data[i];
    return TagReply::Ack(true);
  }
  if (page == layout_.dynamic_lock_page) {
    for (std::size_t i = 0; i < 3; ++i) target[i] |= data[i];  // byte 3 is RFUI
    return TagReply::Ack(true);
  }
  if (page == layout_.cfg0_page() || page == layout_.cfg1_page()) {
    if ((ByteAt(layout_.cfg1_page(), 0) & kAccessConfigLock) != 0) return Refuse();
  } else if (page < layout_.dynamic_lock_page && IsLocked(page)) {
    return Refuse();
  }
  std::copy(data.begin(), data.begin() + kNtagPageSize, target);
  return TagReply::Ack(true);
}

bool Ntag21x::IsPasswordProtected(std::uint8_t page) const {
  return page >= ByteAt(layout_.cfg0_page(), 3);  // AUTH0
}

bool Ntag21x::IsReadProtected(std::uint8_t page) const {
  const bool protect_reads = (ByteAt(layout_.cfg1_page(), 0) & kAccessReadProtection) != 0;
  return protect_reads && IsPasswordProtected(page) && !authenticated_;
}

bool Ntag21x::IsLocked(std::uint8_t page) const {
  const std::uint8_t lock0 = ByteAt(2, 2);
  const std::uint8_t lock1 = ByteAt(2, 3);
  if (page == 3) return (lock0 & 0x08) != 0;
  if (page >= 4 && page <= 7) return (lock0 & (1U << page)) != 0;  // L4..L7 are bits 4..7
  if (page >= 8 && page <= 15) return (lock1 & (1U << (page - 8))) != 0;
  if (page >= kFirstDynamicallyLockedPage && page < layout_.dynamic_lock_page) {
    const auto bit = static_cast<unsigned>(page - kFirstDynamicallyLockedPage) /
                     layout_.pages_per_dynamic_lock_bit;
    return (ByteAt(layout_.dynamic_lock_page, bit / 8) & (1U << (bit % 8))) != 0;
  }
  return false;
}

void Ntag21x::AppendReadablePage(Bytes& out, std::uint8_t page) const {
  if (page == layout_.pwd_page() || page == layout_.pack_page()) {
    out.insert(out.end(), kNtagPageSize, 0x00);  // secrets always read back as zeros
    return;
  }
  const auto offset = static_cast<long>(page) * static_cast<long>(kNtagPageSize);
  out.insert(out.end(), memory_.begin() + offset,
             memory_.begin() + offset + static_cast<long>(kNtagPageSize));
}

std::uint8_t Ntag21x::ByteAt(std::uint8_t page, std::size_t index) const {
  return memory_[static_cast<std::size_t>(page) * kNtagPageSize + index];
}

}  // namespace minegate::pn532sim
