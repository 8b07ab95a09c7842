#pragma once
/// One kiosk connected to the bridge's Unix socket. Runs on the hub's single
/// io_context thread. Its send queue is bounded: a client that stops reading is
/// disconnected rather than allowed to hold messages (or the reader) back.

#include <boost/asio/local/stream_protocol.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "minegate/v1/reader.pb.h"
#include "proto/framing/length_prefixed.hpp"

namespace minegate::bridge {

class ClientSession : public std::enable_shared_from_this<ClientSession> {
 public:
  using Socket = boost::asio::local::stream_protocol::socket;
  using OnRequest = std::function<void(std::uint64_t client, const v1::KioskMessage&)>;
  using OnClosed = std::function<void(std::uint64_t client)>;

  /// Bytes a client may have queued and unsent before it is dropped.
  static constexpr std::size_t kMaxQueuedBytes = 1 << 20;

  ClientSession(Socket socket, std::uint64_t id, OnRequest on_request, OnClosed on_closed);

  void Start();
  /// Queues a frame (shared between sessions for broadcasts).
  void Send(std::shared_ptr<const std::vector<std::uint8_t>> frame);
  void Close();
  std::uint64_t id() const { return id_; }

 private:
  void DoRead();
  void OnRead(const boost::system::error_code& ec, std::size_t size);
  void DoWrite();
  void OnWrite(const boost::system::error_code& ec);

  Socket socket_;
  std::uint64_t id_;
  OnRequest on_request_;
  OnClosed on_closed_;
  framing::FrameDecoder decoder_;
  std::array<std::uint8_t, 4096> read_buffer_{};
  std::deque<std::shared_ptr<const std::vector<std::uint8_t>>> queue_;
  std::size_t queued_bytes_ = 0;
  bool closed_ = false;
};

}  // namespace minegate::bridge
