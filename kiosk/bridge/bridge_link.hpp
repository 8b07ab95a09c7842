// The kiosk's connection to minegate-bridge: a Unix socket carrying
// length-prefixed reader.proto frames (proto/framing). Reconnects by itself
// with backoff when the bridge is not there or goes away, so a bridge restart
// or a kiosk started first never needs a human.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/backoff.hpp"
#include "minegate/v1/reader.pb.h"
#include "proto/framing/length_prefixed.hpp"

namespace minegate::kiosk::bridge {

struct BridgeLinkOptions {
  std::string socket_path;
  std::chrono::milliseconds first_retry = std::chrono::milliseconds(250);
  std::chrono::milliseconds max_retry = std::chrono::seconds(5);
};

struct BridgeHandlers {
  std::function<void(const v1::BridgeMessage&)> on_message;
  std::function<void(bool connected)> on_connection;
};

class BridgeLink {
 public:
  BridgeLink(boost::asio::io_context& io, BridgeLinkOptions options, BridgeHandlers handlers);
  ~BridgeLink();
  BridgeLink(const BridgeLink&) = delete;
  BridgeLink& operator=(const BridgeLink&) = delete;

  void Start();
  void Stop();
  /// Queues a message; false when not connected (nothing is queued then: a
  /// write request must not be replayed to a bridge that came back later).
  bool Send(const v1::KioskMessage& message);
  bool connected() const { return connected_; }

 private:
  void Connect();
  void Read();
  void WriteNext();
  void Fail();
  void ScheduleReconnect();

  boost::asio::io_context& io_;
  BridgeLinkOptions options_;
  BridgeHandlers handlers_;
  boost::asio::local::stream_protocol::socket socket_;
  boost::asio::steady_timer retry_timer_;
  base::Backoff backoff_;
  framing::FrameDecoder decoder_;
  std::array<std::uint8_t, 4096> read_buffer_{};
  std::deque<std::vector<std::uint8_t>> writes_;
  bool connected_ = false;
  bool stopped_ = true;
  /// Bumped on every (re)connection so callbacks of a closed socket are ignored.
  std::uint64_t generation_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace minegate::kiosk::bridge
