#include "tools/pn532-sim/frame_parser.hpp"

#include <algorithm>

namespace minegate::pn532sim {
namespace {

constexpr std::uint8_t kWakeUpByte = 0x55;

std::uint8_t Sum(std::span<const std::uint8_t> bytes) {
  unsigned sum = 0;
  for (std::uint8_t b : bytes) sum += b;
  return static_cast<std::uint8_t>(sum & 0xFFU);
}

}  // namespace

void FrameParser::Feed(std::span<const std::uint8_t> bytes, Clock::time_point now) {
  (void)now;
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  if (buffer_.size() > kMaxBuffered) {
    // Nothing sane is that long: keep only the newest bytes, where the next frame must be.
    Discard(buffer_.size() - kMaxBuffered, /*junk=*/true);
  }
}

std::optional<HostFrame> FrameParser::Next(Clock::time_point now) {
  std::size_t pos = 0;
  while (pos + 1 < buffer_.size()) {
    if (buffer_[pos] != 0x00 || buffer_[pos + 1] != 0xFF) {
      ++pos;
      continue;
    }
    HostFrame frame;
    std::size_t consumed = 0;
    switch (TryFrameAt(pos, frame, consumed)) {
      case Scan::kFrame:
        Discard(pos, /*junk=*/true);
        Discard(consumed, /*junk=*/false);
        incomplete_since_.reset();
        return frame;
      case Scan::kNeedMore:
        if (!incomplete_since_) incomplete_since_ = now;
        if (now - *incomplete_since_ < kStaleAfter) {
          Discard(pos, /*junk=*/true);
          return std::nullopt;
        }
        // The host gave up on this frame long ago: look for a newer start code inside it.
        incomplete_since_.reset();
        pos += 2;
        break;
      case Scan::kNotAFrame:
        pos += 2;
        break;
    }
  }
  // Keep a trailing 0x00: it may be the first half of the next start code.
  const bool keep_last = !buffer_.empty() && buffer_.back() == 0x00;
  Discard(buffer_.size() - (keep_last ? 1 : 0), /*junk=*/true);
  return std::nullopt;
}

FrameParser::Scan FrameParser::TryFrameAt(std::size_t start, HostFrame& frame,
                                          std::size_t& consumed) const {
  const std::size_t available = buffer_.size() - start;
  const std::uint8_t* p = buffer_.data() + start;
  if (available < 4) return Scan::kNeedMore;
  if (p[2] == 0x00 && p[3] == 0xFF) {
    frame.kind = HostFrame::Kind::kAck;
    consumed = 4;
    return Scan::kFrame;
  }
  if (p[2] == 0xFF && p[3] == 0x00) {
    frame.kind = HostFrame::Kind::kNack;
    consumed = 4;
    return Scan::kFrame;
  }
  std::size_t length = 0;
  std::size_t header = 0;  // start code + length field(s) + length checksum
  if (p[2] == 0xFF && p[3] == 0xFF) {
    if (available < 7) return Scan::kNeedMore;
    if (static_cast<std::uint8_t>(p[4] + p[5] + p[6]) != 0) return Scan::kNotAFrame;
    length = (static_cast<std::size_t>(p[4]) << 8) | p[5];
    header = 7;
  } else {
    if (static_cast<std::uint8_t>(p[2] + p[3]) != 0) return Scan::kNotAFrame;
    length = p[2];
    header = 4;
  }
  if (length == 0 || length > kMaxPayload) return Scan::kNotAFrame;
  if (available < header + length + 1) return Scan::kNeedMore;
  const std::span<const std::uint8_t> payload(p + header, length);
  const std::uint8_t dcs = p[header + length];
  if (static_cast<std::uint8_t>(Sum(payload) + dcs) != 0) {
    // Only the start code is dropped: a truncated frame may have swallowed a real one.
    frame.kind = HostFrame::Kind::kBadChecksum;
    frame.payload.assign(payload.begin(), payload.end());
    consumed = 2;
    return Scan::kFrame;
  }
  consumed = header + length + 1;
  frame.kind = HostFrame::Kind::kCommand;
  frame.payload.assign(payload.begin(), payload.end());
  return Scan::kFrame;
}

bool FrameParser::TakeWakeUp() {
  const bool seen = wake_up_seen_;
  wake_up_seen_ = false;
  return seen;
}

void FrameParser::Clear() {
  buffer_.clear();
  wake_up_seen_ = false;
  incomplete_since_.reset();
}

void FrameParser::Discard(std::size_t count, bool junk) {
  count = std::min(count, buffer_.size());
  const auto end = buffer_.begin() + static_cast<std::ptrdiff_t>(count);
  if (junk && std::find(buffer_.begin(), end, kWakeUpByte) != end) wake_up_seen_ = true;
  buffer_.erase(buffer_.begin(), end);
}

}  // namespace minegate::pn532sim
