#pragma once
/// A blocking client of minegate-bridge's Unix socket, for tools, tests and
/// benchmarks: plain POSIX socket, every wait bounded. Not thread-safe.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "minegate/v1/reader.pb.h"
#include "proto/framing/length_prefixed.hpp"

namespace minegate::bridge {

class BridgeClient {
 public:
  /// Connects, retrying until `timeout` (the bridge may still be starting).
  static std::optional<BridgeClient> Connect(const std::string& socket_path,
                                             std::chrono::milliseconds timeout);
  BridgeClient(BridgeClient&& other) noexcept;
  BridgeClient& operator=(BridgeClient&&) = delete;
  BridgeClient(const BridgeClient&) = delete;
  ~BridgeClient();

  bool Send(const v1::KioskMessage& message);
  /// Sends bytes as they are, for malformed-input tests.
  bool SendRaw(const std::string& bytes);
  /// True once the peer has closed the connection (within `timeout`).
  bool WaitForClose(std::chrono::milliseconds timeout);
  /// The next message, or nullopt after `timeout` or on a closed/corrupt stream.
  std::optional<v1::BridgeMessage> Next(std::chrono::milliseconds timeout);
  /// Reads messages until one satisfies `match` (returned) or `timeout` passes.
  std::optional<v1::BridgeMessage> WaitFor(
      const std::function<bool(const v1::BridgeMessage&)>& match,
      std::chrono::milliseconds timeout);
  /// Every message received so far, in order.
  const std::vector<v1::BridgeMessage>& received() const { return received_; }

 private:
  explicit BridgeClient(int fd) : fd_(fd) {}
  int fd_ = -1;
  framing::FrameDecoder decoder_;
  std::vector<v1::BridgeMessage> received_;
};

bool IsTagPresented(const v1::BridgeMessage& m);
bool IsTagRemoved(const v1::BridgeMessage& m);
bool IsReaderState(const v1::BridgeMessage& m, v1::ReaderState state);

}  // namespace minegate::bridge
