#include "firmware-bridge/net/client_session.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>

#include "base/log.hpp"

namespace minegate::bridge {

ClientSession::ClientSession(Socket socket, std::uint64_t id, OnRequest on_request,
                             OnClosed on_closed)
    : socket_(std::move(socket)),
      id_(id),
      on_request_(std::move(on_request)),
      on_closed_(std::move(on_closed)) {}

void ClientSession::Start() { DoRead(); }

void ClientSession::DoRead() {
  socket_.async_read_some(
      boost::asio::buffer(read_buffer_),
      [self = shared_from_this()](const boost::system::error_code& ec, std::size_t size) {
        self->OnRead(ec, size);
      });
}

void ClientSession::OnRead(const boost::system::error_code& ec, std::size_t size) {
  if (closed_) return;  // dropped (e.g. too slow): its requests are not acted on
  if (ec) return Close();
  decoder_.Feed(std::span(read_buffer_).first(size));
  while (true) {
    auto frame = decoder_.Next();
    if (!frame) {
      base::LogWarning("client_bad_frame", {{"client", id_}, {"error", frame.error()}});
      return Close();
    }
    if (!frame.value()) break;
    v1::KioskMessage request;
    if (auto parsed = framing::ParseFrame(*frame.value(), request); !parsed) {
      base::LogWarning("client_bad_message", {{"client", id_}, {"error", parsed.error()}});
      return Close();
    }
    on_request_(id_, request);
  }
  DoRead();
}

void ClientSession::Send(std::shared_ptr<const std::vector<std::uint8_t>> frame) {
  if (closed_) return;
  if (queued_bytes_ + frame->size() > kMaxQueuedBytes) {
    base::LogWarning("client_too_slow_disconnected",
                     {{"client", id_}, {"queued_bytes", queued_bytes_}});
    return Close();
  }
  queued_bytes_ += frame->size();
  queue_.push_back(std::move(frame));
  if (queue_.size() == 1) DoWrite();
}

void ClientSession::DoWrite() {
  boost::asio::async_write(socket_, boost::asio::buffer(*queue_.front()),
                           [self = shared_from_this()](const boost::system::error_code& ec,
                                                       std::size_t) { self->OnWrite(ec); });
}

void ClientSession::OnWrite(const boost::system::error_code& ec) {
  if (ec) return Close();
  if (closed_) return;
  queued_bytes_ -= queue_.front()->size();
  queue_.pop_front();
  if (!queue_.empty()) DoWrite();
}

void ClientSession::Close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_both, ignored);
  socket_.close(ignored);
  queue_.clear();
  queued_bytes_ = 0;
  on_closed_(id_);
}

}  // namespace minegate::bridge
