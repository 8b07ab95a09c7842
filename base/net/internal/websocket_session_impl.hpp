#pragma once
/// The WebSocket session state machine, included only by the translation unit that
/// instantiates it for a stream type (each takes about a minute to compile).
///
/// Everything below runs on the stream's strand; the WebSocketPeer methods post there. Reads
/// are one at a time, never buffer more than one byte past max_message_bytes (an oversize
/// message is reported and closed with 1009 by us, not by Beast, whose error a TLS teardown can
/// hide), and may be paused by the handler. Writes are one at a time from a queue bounded in
/// bytes and messages, checked before posting so that a producer on another thread cannot
/// outrun it; a peer that lets it overflow is disconnected. Closing flushes the queue, sends
/// the close frame, and is bounded by close_timeout. Beast pings an idle peer and closes one
/// that does not answer.

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/log.hpp"
#include "base/net/websocket_close.hpp"
#include "base/net/websocket_session.hpp"

namespace minegate::base::net::internal {

template <class Stream>
class WebSocketSession final : public WebSocketConnection,
                               public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  WebSocketSession(Stream stream, WebSocketOptions options,
                   std::shared_ptr<WebSocketHandler> handler)
      : ws_(std::move(stream)),
        executor_(ws_.get_executor()),
        options_(std::move(options)),
        handler_(std::move(handler)),
        close_timer_(executor_) {}

  ~WebSocketSession() override {
    // Only reached unfinished if never accepted, or if the io_context was destroyed with this
    // session's operations pending: the handler is told all the same.
    Finish();
  }

  void Accept(UpgradeRequest upgrade) override {
    upgrade_ = std::move(upgrade);
    boost::asio::dispatch(executor_, [self = this->shared_from_this()] { self->DoAccept(); });
  }

  void Send(std::shared_ptr<const std::string> message) override {
    if (!message || closing_.load(std::memory_order_acquire)) return;
    const std::size_t size = message->size();
    const std::size_t total_bytes = pending_bytes_.fetch_add(size) + size;
    const std::size_t total_messages = pending_messages_.fetch_add(1) + 1;
    if (total_bytes > options_.send_queue_max_bytes ||
        total_messages > options_.send_queue_max_messages) {
      pending_bytes_.fetch_sub(size);
      pending_messages_.fetch_sub(1);
      if (!closing_.exchange(true)) {
        boost::asio::post(executor_, [self = this->shared_from_this()] { self->OnOverflow(); });
      }
      return;
    }
    boost::asio::post(executor_, [self = this->shared_from_this(), message = std::move(message)] {
      self->Enqueue(message);
    });
  }

  void Close(CloseFrame frame) override {
    // The first close wins; a stop arriving after an overflow finds the session finishing.
    if (closing_.exchange(true)) return;
    boost::asio::post(executor_, [self = this->shared_from_this(), frame = std::move(frame)] {
      self->StartClose(frame);
    });
  }

  void ResumeReading() override {
    boost::asio::post(executor_, [self = this->shared_from_this()] {
      if (!self->paused_ || self->finished_) return;
      self->paused_ = false;
      self->DoRead();
    });
  }

 private:
  using error_code = boost::system::error_code;

  static boost::beast::websocket::close_reason ToBeast(const CloseFrame& frame) {
    const std::string_view cut = TruncateUtf8(frame.reason);
    return boost::beast::websocket::close_reason(
        static_cast<boost::beast::websocket::close_code>(frame.code),
        boost::beast::string_view(cut.data(), cut.size()));
  }

  void LogFailure(std::string_view event, const error_code& ec) const {
    LogWarning(event, {{"remote", LogText(options_.log_remote)}, {"error", ec}});
  }

  void DoAccept() {
    namespace beast = boost::beast;
    namespace websocket = beast::websocket;
    // The WebSocket's own timers take over from the TCP stream's.
    beast::get_lowest_layer(ws_).expires_never();
    auto timeout = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeout.handshake_timeout = options_.close_timeout;  // also bounds the close handshake
    timeout.idle_timeout = options_.idle_timeout;
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator(
        [server = options_.server_header, subprotocol = options_.subprotocol,
         headers = options_.response_headers](websocket::response_type& response) {
          response.set(beast::http::field::server, server);
          // Only what the caller chose, so an offered page token is never echoed.
          if (!subprotocol.empty()) {
            response.set(beast::http::field::sec_websocket_protocol, subprotocol);
          }
          for (const auto& [name, value] : headers) response.set(name, value);
        }));
    // DoRead enforces max_message_bytes; Beast's own limit is off (0: none).
    ws_.read_message_max(0);
    if (options_.send_kind == MessageKind::kText) {
      ws_.text(true);
    } else {
      ws_.binary(true);
    }
    ws_.async_accept(upgrade_,
                     [self = this->shared_from_this()](error_code ec) { self->OnAccept(ec); });
  }

  void OnAccept(const error_code& ec) {
    upgrade_ = {};
    if (ec) {
      if (!IsRoutineEnd(ec)) LogFailure("websocket_accept_failed", ec);
      return Finish();
    }
    accepted_ = true;
    if (close_frame_ || finished_) return MaybeSendClose();  // stopping meanwhile
    std::optional<CloseFrame> refusal;
    if (!CallHandler("open", [&] { refusal = handler_->OnOpen(this->shared_from_this()); })) {
      return;
    }
    if (refusal) {
      closing_.store(true);
      return StartClose(*refusal);
    }
    DoRead();
  }

  void DoRead() {
    // No new read once closing: async_close reads the peer's close frame itself.
    if (finished_ || close_frame_ || reading_) return;
    reading_ = true;
    // Piece by piece, never more than one byte past the limit.
    const std::size_t max = options_.max_message_bytes;
    const std::size_t room = max + 1 - std::min(buffer_.size(), max);
    ws_.async_read_some(
        buffer_, room,
        [self = this->shared_from_this()](error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(const error_code& ec) {
    reading_ = false;
    if (ec) {
      if (!IsRoutineEnd(ec)) LogFailure("websocket_read_failed", ec);
      return Finish();
    }
    if (finished_) return;
    if (buffer_.size() > options_.max_message_bytes) {
      LogWarning("websocket_message_too_big",
                 {{"remote", LogText(options_.log_remote)}, {"limit", options_.max_message_bytes}});
      buffer_.consume(buffer_.size());
      closing_.store(true);
      if (!CallHandler("oversize", [this] { handler_->OnOversize(); })) return;
      return StartClose({CloseCode::kTooBig, "message trop grand / message too big"});
    }
    if (!ws_.is_message_done()) return DoRead();
    const auto data = buffer_.cdata();
    const std::string_view message(static_cast<const char*>(data.data()), data.size());
    const MessageKind kind = ws_.got_text() ? MessageKind::kText : MessageKind::kBinary;
    auto next = WebSocketHandler::Next::kContinueReading;
    if (!CallHandler("message", [&] { next = handler_->OnMessage(kind, message); })) return;
    buffer_.consume(buffer_.size());
    if (next == WebSocketHandler::Next::kPauseReading) {
      paused_ = true;
      return;
    }
    DoRead();
  }

  void Enqueue(const std::shared_ptr<const std::string>& message) {
    if (finished_ || close_sent_) {
      pending_bytes_.fetch_sub(message->size());
      pending_messages_.fetch_sub(1);
      return;
    }
    queue_.push_back(message);
    if (!writing_) DoWrite();
  }

  void DoWrite() {
    writing_ = true;
    ws_.async_write(
        boost::asio::buffer(*queue_.front()),
        [self = this->shared_from_this()](error_code ec, std::size_t) { self->OnWrite(ec); });
  }

  void OnWrite(const error_code& ec) {
    writing_ = false;
    if (finished_) {
      queue_.clear();  // kept until now: the write was still using its front
      return;
    }
    pending_bytes_.fetch_sub(queue_.front()->size());
    pending_messages_.fetch_sub(1);
    queue_.pop_front();
    if (ec) {
      if (!IsRoutineEnd(ec)) LogFailure("websocket_write_failed", ec);
      return Finish();
    }
    if (!queue_.empty()) return DoWrite();
    MaybeSendClose();
  }

  void OnOverflow() {
    if (finished_) return;
    LogWarning("websocket_slow_reader_dropped",
               {{"remote", LogText(options_.log_remote)},
                {"queue_max_messages", options_.send_queue_max_messages},
                {"queue_max_bytes", options_.send_queue_max_bytes}});
    if (!CallHandler("slow_reader", [this] { handler_->OnSlowReader(); })) return;
    Finish();
  }

  /// Records the close to send once the queue is flushed, and starts the close deadline.
  void StartClose(const CloseFrame& frame) {
    if (finished_ || close_frame_) return;
    close_frame_ = ToBeast(frame);
    // Flushing the queue and the close handshake both depend on the peer: bound them.
    close_timer_.expires_after(options_.close_timeout);
    close_timer_.async_wait([self = this->shared_from_this()](error_code ec) {
      if (ec || self->finished_) return;
      LogWarning("websocket_close_timed_out", {{"remote", LogText(self->options_.log_remote)}});
      self->Finish();
    });
    MaybeSendClose();
  }

  void MaybeSendClose() {
    if (!close_frame_ || close_sent_ || writing_ || !accepted_ || finished_) return;
    close_sent_ = true;
    ws_.async_close(*close_frame_, [self = this->shared_from_this()](error_code ec) {
      if (ec && !IsRoutineEnd(ec)) self->LogFailure("websocket_close_failed", ec);
      self->Finish();
    });
  }

  /// Once: closes the socket, drops the queue, tells the handler OnClosed and drops it.
  void Finish() {
    namespace websocket = boost::beast::websocket;
    if (finished_) return;
    finished_ = true;
    closing_.store(true);
    close_timer_.cancel();
    // Disarms Beast's idle-ping timer: a handler may keep this session alive as its peer, and
    // an armed timer would keep the io_context from running out at stop.
    ws_.set_option(websocket::stream_base::timeout{websocket::stream_base::none(),
                                                   websocket::stream_base::none(), false});
    // Ends any pending read or write now; their handlers find finished_ set.
    boost::beast::get_lowest_layer(ws_).close();
    if (!writing_) queue_.clear();
    if (auto handler = std::move(handler_)) {
      try {
        handler->OnClosed();
      } catch (...) {
        LogError("websocket_handler_threw",
                 {{"remote", LogText(options_.log_remote)}, {"call", LogText("closed")}});
      }
    }
  }

  /// Runs a call into the handler; an exception (a bug above us) ends the session at once
  /// instead of escaping the Asio handler. The exception's text is not logged: it may carry
  /// anything the handler held.
  template <class F>
  bool CallHandler(std::string_view what, F&& call) {
    try {
      call();
      return true;
    } catch (...) {
      LogError("websocket_handler_threw",
               {{"remote", LogText(options_.log_remote)}, {"call", LogText(what)}});
    }
    Finish();
    return false;
  }

  boost::beast::websocket::stream<Stream> ws_;
  const boost::asio::any_io_executor executor_;
  const WebSocketOptions options_;
  std::shared_ptr<WebSocketHandler> handler_;  ///< until OnClosed
  boost::beast::flat_buffer buffer_;
  UpgradeRequest upgrade_;  ///< kept until the accept completes

  std::deque<std::shared_ptr<const std::string>> queue_;  ///< front() in flight when writing_
  /// Bytes and messages accepted by Send and not yet written or discarded.
  std::atomic<std::size_t> pending_bytes_{0};
  std::atomic<std::size_t> pending_messages_{0};
  /// Set by Close, a refusal, an overflow or the end: Send and Close do nothing from then on.
  std::atomic<bool> closing_{false};
  boost::asio::steady_timer close_timer_;
  std::optional<boost::beast::websocket::close_reason> close_frame_;

  bool accepted_ = false;
  bool reading_ = false;
  bool paused_ = false;
  bool writing_ = false;
  bool close_sent_ = false;
  bool finished_ = false;
};

}  // namespace minegate::base::net::internal

namespace minegate::base::net {

template <class Stream>
std::shared_ptr<WebSocketConnection> MakeWebSocketSession(
    Stream stream, WebSocketOptions options, std::shared_ptr<WebSocketHandler> handler) {
  return std::make_shared<internal::WebSocketSession<Stream>>(std::move(stream), std::move(options),
                                                              std::move(handler));
}

}  // namespace minegate::base::net
