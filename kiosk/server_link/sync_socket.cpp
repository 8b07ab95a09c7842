#include "kiosk/server_link/sync_socket.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>

#include "kiosk/server_link/tls_connect.hpp"

namespace minegate::kiosk::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

class SyncSocketImpl final : public SyncSocket,
                             public std::enable_shared_from_this<SyncSocketImpl> {
 public:
  SyncSocketImpl(asio::io_context& io, SyncSocketOptions options, Handlers handlers)
      : options_(std::move(options)),
        handlers_(std::move(handlers)),
        context_(MakePinnedContext()),
        resolver_(io),
        ws_(io, context_) {}

  void Start() {
    AsyncConnectPinned(ws_.next_layer(), resolver_, options_.endpoint,
                       [self = shared_from_this()](error_code ec) { self->OnTls(ec); });
  }

  bool Send(std::string message) override {
    if (detached_ || !open_) return false;
    if (queue_.size() >= options_.send_queue_max) {
      Fail(make_error_code(LinkErrc::connection_lost));
      return false;
    }
    queue_.push_back(std::move(message));
    if (queue_.size() == 1) DoWrite();
    return true;
  }

  void Close() override {
    if (detached_) return;
    detached_ = true;
    handlers_ = {};
    if (!open_) {
      resolver_.cancel();
      beast::get_lowest_layer(ws_).close();
      return;
    }
    // The handshake timeout of the WebSocket options bounds the close handshake.
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](error_code) {
      beast::get_lowest_layer(self->ws_).close();
    });
  }

 private:
  void OnTls(error_code ec) {
    if (detached_) return;
    if (ec) return Fail(ec);
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = options_.endpoint.handshake_timeout;
    timeout.idle_timeout = options_.idle_timeout;
    timeout.keep_alive_pings = true;  // an idle but live server answers our ping
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, "minegate-kiosk");
    }));
    ws_.read_message_max(options_.message_max);
    ws_.binary(true);
    const std::string host = options_.endpoint.host + ":" + std::to_string(options_.endpoint.port);
    ws_.async_handshake(host, options_.target, [self = shared_from_this()](error_code handshake) {
      self->OnHandshake(handshake);
    });
  }

  void OnHandshake(error_code ec) {
    if (detached_) return;
    if (ec == beast::error::timeout) return Fail(make_error_code(LinkErrc::timed_out));
    if (ec) return Fail(make_error_code(LinkErrc::websocket_handshake_failed));
    open_ = true;
    if (handlers_.on_open) handlers_.on_open();
    if (!detached_) DoRead();
  }

  void DoRead() {
    ws_.async_read(buffer_,
                   [self = shared_from_this()](error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(error_code ec) {
    if (detached_) return;
    if (ec == beast::error::timeout) return Fail(make_error_code(LinkErrc::timed_out));
    if (ec) return Fail(make_error_code(LinkErrc::connection_lost));
    if (!ws_.got_binary()) return Fail(make_error_code(LinkErrc::text_frame));
    std::string message = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (handlers_.on_message) handlers_.on_message(std::move(message));
    if (!detached_) DoRead();
  }

  void DoWrite() {
    ws_.async_write(asio::buffer(queue_.front()),
                    [self = shared_from_this()](error_code ec, std::size_t) { self->OnWrite(ec); });
  }

  void OnWrite(error_code ec) {
    if (detached_) return;
    if (ec) return Fail(make_error_code(LinkErrc::connection_lost));
    queue_.pop_front();
    if (!queue_.empty()) DoWrite();
  }

  /// Ends the link and reports why, once.
  void Fail(error_code ec) {
    if (detached_) return;
    detached_ = true;
    auto on_closed = std::move(handlers_.on_closed);
    handlers_ = {};
    resolver_.cancel();
    beast::get_lowest_layer(ws_).close();
    if (on_closed) on_closed(ec);
  }

  SyncSocketOptions options_;
  Handlers handlers_;
  asio::ssl::context context_;
  asio::ip::tcp::resolver resolver_;
  websocket::stream<TlsStream> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool open_ = false;
  bool detached_ = false;
};

}  // namespace

std::shared_ptr<SyncSocket> SyncSocket::Connect(asio::io_context& io, SyncSocketOptions options,
                                                Handlers handlers) {
  auto socket = std::make_shared<SyncSocketImpl>(io, std::move(options), std::move(handlers));
  socket->Start();
  return socket;
}

}  // namespace minegate::kiosk::net
