#pragma once
/// Length-prefixed frames: a 4-byte big-endian length, then that many bytes of
/// one serialized protobuf message (proto/minegate/v1/reader.proto). Lengths of
/// 0 or above the limit are refused before any byte of the body is buffered.

#include <google/protobuf/message_lite.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "proto/framing/error.hpp"

namespace minegate::framing {

inline constexpr std::size_t kHeaderSize = 4;
inline constexpr std::size_t kMaxFrameSize = 64 * 1024;

/// Header and body of one frame. The message must serialize to 1..kMaxFrameSize bytes.
Result<std::vector<std::uint8_t>> EncodeFrame(const google::protobuf::MessageLite& message);

/// Reassembles frames from a byte stream read in arbitrary pieces.
/// Not thread-safe: one decoder per connection.
class FrameDecoder {
 public:
  explicit FrameDecoder(std::size_t max_frame_size = kMaxFrameSize)
      : max_frame_size_(max_frame_size) {}

  /// Appends received bytes. Bytes beyond the current frame are kept for the next.
  void Feed(std::span<const std::uint8_t> bytes);

  /// The next complete frame body, nullopt when more bytes are needed, or an
  /// error once the stream is corrupt (it stays corrupt: close the connection).
  Result<std::optional<std::vector<std::uint8_t>>> Next();

  /// Bytes received and not yet returned as a frame.
  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  std::size_t max_frame_size_;
  std::vector<std::uint8_t> buffer_;
  std::size_t consumed_ = 0;
  boost::system::error_code failure_;
};

/// Parses a frame body into message, refusing bytes that do not parse.
Result<void> ParseFrame(std::span<const std::uint8_t> body, google::protobuf::MessageLite& message);

}  // namespace minegate::framing
