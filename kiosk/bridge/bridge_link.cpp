#include "kiosk/bridge/bridge_link.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <random>

namespace minegate::kiosk::bridge {

BridgeLink::BridgeLink(boost::asio::io_context& io, BridgeLinkOptions options,
                       BridgeHandlers handlers)
    : io_(io),
      options_(std::move(options)),
      handlers_(std::move(handlers)),
      socket_(io),
      retry_timer_(io),
      backoff_(options_.first_retry, options_.max_retry, std::random_device{}()) {}

BridgeLink::~BridgeLink() {
  *alive_ = false;
  Stop();
}

void BridgeLink::Start() {
  stopped_ = false;
  Connect();
}

void BridgeLink::Stop() {
  stopped_ = true;
  retry_timer_.cancel();
  boost::system::error_code ignored;
  socket_.close(ignored);
  writes_.clear();
  connected_ = false;
}

void BridgeLink::Connect() {
  if (stopped_) return;
  const std::uint64_t generation = ++generation_;
  socket_ = boost::asio::local::stream_protocol::socket(io_);
  decoder_ = framing::FrameDecoder();
  socket_.async_connect(boost::asio::local::stream_protocol::endpoint(options_.socket_path),
                        [this, generation, alive = alive_](const boost::system::error_code& error) {
                          if (!*alive || stopped_ || generation != generation_) return;
                          if (error) {
                            ScheduleReconnect();
                            return;
                          }
                          connected_ = true;
                          backoff_.Reset();
                          if (handlers_.on_connection) handlers_.on_connection(true);
                          Read();
                        });
}

void BridgeLink::Read() {
  const std::uint64_t generation = generation_;
  socket_.async_read_some(
      boost::asio::buffer(read_buffer_),
      [this, generation, alive = alive_](const boost::system::error_code& error, std::size_t size) {
        if (!*alive || stopped_ || generation != generation_) return;
        if (error) {
          Fail();
          return;
        }
        decoder_.Feed(std::span(read_buffer_.data(), size));
        while (true) {
          auto frame = decoder_.Next();
          if (!frame) {
            // A corrupt stream cannot be resynchronised: start a new connection.
            Fail();
            return;
          }
          if (!frame.value()) break;
          v1::BridgeMessage message;
          if (!framing::ParseFrame(*frame.value(), message)) {
            Fail();
            return;
          }
          if (handlers_.on_message) handlers_.on_message(message);
          if (stopped_ || generation != generation_) return;
        }
        Read();
      });
}

bool BridgeLink::Send(const v1::KioskMessage& message) {
  if (!connected_) return false;
  auto frame = framing::EncodeFrame(message);
  if (!frame) return false;
  writes_.push_back(std::move(frame).value());
  if (writes_.size() == 1) WriteNext();
  return true;
}

void BridgeLink::WriteNext() {
  if (writes_.empty()) return;
  const std::uint64_t generation = generation_;
  boost::asio::async_write(
      socket_, boost::asio::buffer(writes_.front()),
      [this, generation, alive = alive_](const boost::system::error_code& error, std::size_t) {
        if (!*alive || stopped_ || generation != generation_) return;
        if (error) {
          Fail();
          return;
        }
        writes_.pop_front();
        WriteNext();
      });
}

void BridgeLink::Fail() {
  boost::system::error_code ignored;
  socket_.close(ignored);
  writes_.clear();
  ++generation_;
  if (connected_) {
    connected_ = false;
    if (handlers_.on_connection) handlers_.on_connection(false);
  }
  ScheduleReconnect();
}

void BridgeLink::ScheduleReconnect() {
  if (stopped_) return;
  // Doubling with jitter keeps a kiosk from hammering a bridge that restarts in a loop.
  retry_timer_.expires_after(backoff_.Next());
  retry_timer_.async_wait([this, alive = alive_](const boost::system::error_code& error) {
    if (!*alive || error || stopped_) return;
    Connect();
  });
}

}  // namespace minegate::kiosk::bridge
