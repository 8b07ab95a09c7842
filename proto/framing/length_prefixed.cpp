#include "proto/framing/length_prefixed.hpp"

namespace minegate::framing {

Result<std::vector<std::uint8_t>> EncodeFrame(const google::protobuf::MessageLite& message) {
  const std::size_t size = message.ByteSizeLong();
  if (size == 0) return Errc::empty_frame;
  if (size > kMaxFrameSize) return Errc::frame_too_large;
  std::vector<std::uint8_t> frame(kHeaderSize + size);
  frame[0] = static_cast<std::uint8_t>(size >> 24);
  frame[1] = static_cast<std::uint8_t>(size >> 16);
  frame[2] = static_cast<std::uint8_t>(size >> 8);
  frame[3] = static_cast<std::uint8_t>(size);
  if (!message.SerializeToArray(frame.data() + kHeaderSize, static_cast<int>(size))) {
    return Errc::unparsable;
  }
  return frame;
}

void FrameDecoder::Feed(std::span<const std::uint8_t> bytes) {
  if (failure_) return;  // a corrupt stream is never resynchronised
  // Drop what was consumed before growing, so the buffer holds at most one
  // frame plus one read's worth of bytes.
  if (consumed_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
    consumed_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

Result<std::optional<std::vector<std::uint8_t>>> FrameDecoder::Next() {
  if (failure_) return failure_;
  const std::size_t available = buffer_.size() - consumed_;
  if (available < kHeaderSize) return std::optional<std::vector<std::uint8_t>>();
  const std::uint8_t* header = buffer_.data() + consumed_;
  const std::size_t size = std::size_t{header[0]} << 24 | std::size_t{header[1]} << 16 |
                           std::size_t{header[2]} << 8 | std::size_t{header[3]};
  if (size == 0) return failure_ = make_error_code(Errc::empty_frame);
  if (size > max_frame_size_) return failure_ = make_error_code(Errc::frame_too_large);
  if (available < kHeaderSize + size) return std::optional<std::vector<std::uint8_t>>();
  const auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_ + kHeaderSize);
  std::vector<std::uint8_t> body(begin, begin + static_cast<std::ptrdiff_t>(size));
  consumed_ += kHeaderSize + size;
  return std::optional<std::vector<std::uint8_t>>(std::move(body));
}

Result<void> ParseFrame(std::span<const std::uint8_t> body,
                        google::protobuf::MessageLite& message) {
  if (body.empty()) return Errc::empty_frame;
  if (body.size() > kMaxFrameSize) return Errc::frame_too_large;
  if (!message.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    return Errc::unparsable;
  }
  return boost::outcome_v2::success();
}

}  // namespace minegate::framing
