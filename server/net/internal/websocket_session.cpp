#include "server/net/internal/websocket_session.hpp"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/error.hpp>
#include <exception>
#include <string_view>

#include "server/net/internal/log.hpp"

namespace minegate::server::net::internal {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

/// A close frame carries at most 123 bytes of reason: cut there, on a UTF-8 boundary (the
/// reasons are French first).
std::string_view TruncateUtf8(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

websocket::close_reason MakeReason(websocket::close_code code, std::string_view text) {
  const std::string_view cut = TruncateUtf8(text, websocket::reason_string::max_size_n);
  return websocket::close_reason(code, beast::string_view(cut.data(), cut.size()));
}

/// The ordinary ways for a WebSocket to end: not worth a log line each.
bool IsRoutineEnd(const boost::system::error_code& ec) {
  return ec == websocket::error::closed || ec == asio::error::operation_aborted ||
         ec == beast::error::timeout || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::ssl::error::stream_truncated;
}

}  // namespace

template <class Stream>
void StartWebSocketSession(Stream stream, UpgradeRequest upgrade, HttpRequest request,
                           const StreamFactory& factory, std::shared_ptr<ServerState> state,
                           Remote remote) {
  std::make_shared<WebSocketSession<Stream>>(std::move(stream), std::move(state), std::move(remote))
      ->Run(std::move(upgrade), std::move(request), factory);
}

template <class Stream>
WebSocketSession<Stream>::WebSocketSession(Stream stream, std::shared_ptr<ServerState> state,
                                           Remote remote)
    : ws_(std::move(stream)),
      executor_(ws_.get_executor()),
      state_(std::move(state)),
      remote_(std::move(remote)),
      close_timer_(executor_) {}

template <class Stream>
WebSocketSession<Stream>::~WebSocketSession() {
  // Only if the io_context was destroyed with this session's operations still pending.
  if (open_) {
    --state_->open_streams;
    state_->observer.OnStreamClosed();
  }
  if (handler_) {
    try {
      handler_->OnClosed();
    } catch (...) {
      LogConnection(remote_, "OnClosed", "exception");
    }
  }
  state_->connections.Remove(id_);
}

template <class Stream>
void WebSocketSession<Stream>::Run(UpgradeRequest upgrade, HttpRequest request,
                                   const StreamFactory& factory) {
  id_ = state_->connections.Add(this->weak_from_this());
  if (id_ == 0) return;  // stopping
  upgrade_ = std::move(upgrade);
  request_ = std::move(request);
  factory_ = &factory;
  asio::dispatch(executor_, [self = this->shared_from_this()] {
    const NetOptions& options = self->state_->options;
    // The WebSocket's own timers take over from the TCP stream's.
    beast::get_lowest_layer(self->ws_).expires_never();
    auto timeout = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeout.handshake_timeout = options.close_timeout;  // also bounds the close handshake
    timeout.idle_timeout = options.websocket_idle_timeout;
    timeout.keep_alive_pings = true;
    self->ws_.set_option(timeout);
    self->ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(beast::http::field::server, "minegate");
    }));
    // DoRead enforces websocket_message_max; Beast's own limit is off (0: none).
    self->ws_.read_message_max(0);
    self->ws_.binary(true);
    self->ws_.async_accept(self->upgrade_, [self](beast::error_code ec) { self->OnAccept(ec); });
  });
}

template <class Stream>
void WebSocketSession<Stream>::OnAccept(const boost::system::error_code& ec) {
  if (ec) {
    if (!IsRoutineEnd(ec)) LogConnection(remote_, "accueil WebSocket / WebSocket accept", ec);
    return Finish();
  }
  accepted_ = true;
  upgrade_ = {};
  if (close_reason_) return MaybeSendClose();  // the server began stopping meanwhile

  std::shared_ptr<StreamHandler> handler;
  const bool made = CallHandler("fabrique de flux / stream factory",
                                [&] { handler = (*factory_)(request_, this->shared_from_this()); });
  request_ = {};
  if (!made) return;
  if (!handler) {
    closing_.store(true);
    return StartClose(MakeReason(websocket::close_code::policy_error, "refusé / refused"));
  }
  handler_ = std::move(handler);
  open_ = true;
  ++state_->open_streams;
  state_->observer.OnStreamOpened();
  if (!CallHandler("OnOpen", [this] { handler_->OnOpen(); })) return;
  DoRead();
}

template <class Stream>
void WebSocketSession<Stream>::DoRead() {
  // No new read once closing: async_close reads the peer's close frame itself.
  if (finished_ || close_reason_ || reading_) return;
  reading_ = true;
  // Piece by piece, never more than one byte past the limit: the limit is enforced here rather
  // than by Beast's read_message_max, whose failure a TLS teardown error can hide, so that
  // every oversize message is counted and answered with 1009 by us.
  const std::size_t max = state_->options.websocket_message_max;
  const std::size_t room = max + 1 - std::min(buffer_.size(), max);
  ws_.async_read_some(
      buffer_, room,
      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
}

template <class Stream>
void WebSocketSession<Stream>::OnRead(const boost::system::error_code& ec) {
  reading_ = false;
  if (ec) {
    if (!IsRoutineEnd(ec)) LogConnection(remote_, "lecture WebSocket / WebSocket read", ec);
    return Finish();
  }
  if (finished_) return;
  if (buffer_.size() > state_->options.websocket_message_max) {
    state_->observer.OnFrameRejected(RejectedFrame::kOversize);
    LogConnection(remote_, "message WebSocket refusé / WebSocket message refused",
                  "plus grand que la limite / larger than the limit");
    buffer_.consume(buffer_.size());
    closing_.store(true);
    return StartClose(
        MakeReason(websocket::close_code::too_big, "message trop grand / message too big"));
  }
  if (!ws_.is_message_done()) return DoRead();
  if (!ws_.got_binary()) {
    state_->observer.OnFrameRejected(RejectedFrame::kText);
    buffer_.consume(buffer_.size());
    if (!CallHandler("OnText", [this] { handler_->OnText(); })) return;
    return DoRead();
  }
  const auto data = buffer_.cdata();
  const std::string_view message(static_cast<const char*>(data.data()), data.size());
  auto next = StreamHandler::Next::kContinueReading;
  if (!CallHandler("OnBinary", [&] { next = handler_->OnBinary(message); })) return;
  buffer_.consume(buffer_.size());
  if (next == StreamHandler::Next::kPauseReading) {
    paused_ = true;
    return;
  }
  DoRead();
}

template <class Stream>
void WebSocketSession<Stream>::ResumeReading() {
  asio::post(executor_, [self = this->shared_from_this()] {
    if (!self->paused_ || self->finished_) return;
    self->paused_ = false;
    self->DoRead();
  });
}

template <class Stream>
void WebSocketSession<Stream>::SendBinary(std::string bytes) {
  if (closing_.load(std::memory_order_acquire)) return;
  const NetOptions& options = state_->options;
  const std::size_t size = bytes.size();
  const std::size_t total_bytes = pending_bytes_.fetch_add(size) + size;
  const std::size_t total_messages = pending_messages_.fetch_add(1) + 1;
  if (total_bytes > options.send_queue_max_bytes ||
      total_messages > options.send_queue_max_messages) {
    pending_bytes_.fetch_sub(size);
    pending_messages_.fetch_sub(1);
    if (!closing_.exchange(true)) {
      asio::post(executor_, [self = this->shared_from_this()] { self->OnOverflow(); });
    }
    return;
  }
  asio::post(executor_, [self = this->shared_from_this(), bytes = std::move(bytes)]() mutable {
    self->Enqueue(std::move(bytes));
  });
}

template <class Stream>
void WebSocketSession<Stream>::Enqueue(std::string bytes) {
  if (finished_ || close_sent_) {
    pending_bytes_.fetch_sub(bytes.size());
    pending_messages_.fetch_sub(1);
    return;
  }
  queue_.push_back(std::move(bytes));
  if (!writing_) DoWrite();
}

template <class Stream>
void WebSocketSession<Stream>::DoWrite() {
  writing_ = true;
  ws_.async_write(
      asio::buffer(queue_.front()),
      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnWrite(ec); });
}

template <class Stream>
void WebSocketSession<Stream>::OnWrite(const boost::system::error_code& ec) {
  writing_ = false;
  if (finished_) {
    queue_.clear();  // kept until now: the write was still using its front
    return;
  }
  pending_bytes_.fetch_sub(queue_.front().size());
  pending_messages_.fetch_sub(1);
  queue_.pop_front();
  if (ec) {
    if (!IsRoutineEnd(ec)) LogConnection(remote_, "écriture WebSocket / WebSocket write", ec);
    return Finish();
  }
  if (!queue_.empty()) return DoWrite();
  MaybeSendClose();
}

template <class Stream>
void WebSocketSession<Stream>::OnOverflow() {
  if (finished_) return;
  state_->observer.OnConnectionDropped(DroppedConnection::kSlowReader);
  LogConnection(remote_, "ne lit plus, déconnecté / stopped reading, disconnected",
                "file d'envoi pleine / send queue full");
  Finish();
}

template <class Stream>
void WebSocketSession<Stream>::Close(std::string reason) {
  if (closing_.exchange(true)) return;
  asio::post(executor_, [self = this->shared_from_this(), reason = std::move(reason)] {
    self->StartClose(MakeReason(websocket::close_code::normal, reason));
  });
}

template <class Stream>
void WebSocketSession<Stream>::Shutdown() {
  closing_.store(true);
  asio::post(executor_, [self = this->shared_from_this()] {
    self->StartClose(
        MakeReason(websocket::close_code::going_away, "arrêt du serveur / server stopping"));
  });
}

template <class Stream>
void WebSocketSession<Stream>::StartClose(websocket::close_reason reason) {
  if (finished_ || close_reason_) return;
  close_reason_ = std::move(reason);
  // Flushing the queue and the close handshake both depend on the peer: bound them.
  close_timer_.expires_after(state_->options.close_timeout);
  close_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
    if (ec || self->finished_) return;
    LogConnection(self->remote_, "fermeture WebSocket / WebSocket close",
                  "délai dépassé, socket fermée / timed out, socket closed");
    self->Finish();
  });
  MaybeSendClose();
}

template <class Stream>
void WebSocketSession<Stream>::MaybeSendClose() {
  if (!close_reason_ || close_sent_ || writing_ || !accepted_ || finished_) return;
  close_sent_ = true;
  ws_.async_close(*close_reason_, [self = this->shared_from_this()](beast::error_code ec) {
    if (ec && !IsRoutineEnd(ec)) {
      LogConnection(self->remote_, "fermeture WebSocket / WebSocket close", ec);
    }
    self->Finish();
  });
}

template <class Stream>
void WebSocketSession<Stream>::Finish() {
  if (finished_) return;
  finished_ = true;
  closing_.store(true);
  close_timer_.cancel();
  // Disarms Beast's idle-ping timer: a handler (or anyone) may keep this session alive as its
  // StreamPeer, and an armed timer would keep the io_context from running out at stop.
  ws_.set_option(websocket::stream_base::timeout{websocket::stream_base::none(),
                                                 websocket::stream_base::none(), false});
  // Ends any pending read or write now; their handlers find finished_ set.
  beast::get_lowest_layer(ws_).close();
  if (!writing_) queue_.clear();
  if (open_) {
    open_ = false;
    --state_->open_streams;
    state_->observer.OnStreamClosed();
  }
  if (auto handler = std::move(handler_)) {
    try {
      handler->OnClosed();
    } catch (const std::exception& e) {
      LogConnection(remote_, "OnClosed", std::string("exception: ") + e.what());
    } catch (...) {
      LogConnection(remote_, "OnClosed", "exception");
    }
  }
  state_->connections.Remove(id_);
  id_ = 0;
}

template <class Stream>
template <class F>
bool WebSocketSession<Stream>::CallHandler(const char* what, F&& call) {
  try {
    call();
    return true;
  } catch (const std::exception& e) {
    LogConnection(remote_, what, std::string("exception: ") + e.what());
  } catch (...) {
    LogConnection(remote_, what, "exception");
  }
  Finish();
  return false;
}

template class WebSocketSession<PlainStream>;
template class WebSocketSession<TlsStream>;
template void StartWebSocketSession<PlainStream>(PlainStream, UpgradeRequest, HttpRequest,
                                                 const StreamFactory&, std::shared_ptr<ServerState>,
                                                 Remote);
template void StartWebSocketSession<TlsStream>(TlsStream, UpgradeRequest, HttpRequest,
                                               const StreamFactory&, std::shared_ptr<ServerState>,
                                               Remote);

}  // namespace minegate::server::net::internal
