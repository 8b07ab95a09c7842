#include "server/net/internal/detect_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <string>
#include <string_view>

#include "base/log.hpp"
#include "base/net/websocket_close.hpp"
#include "server/net/internal/detect_start.hpp"
#include "server/net/internal/http_session.hpp"

namespace minegate::server::net::internal {
namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr std::string_view kPlainRefusedBody =
    "HTTPS requis sur ce port / HTTPS is required on this port\n";

/// A whole HTTP response, for a client that spoke plain HTTP to the TLS port: better than a
/// silent close for whoever is debugging with curl.
const std::string& PlainRefusedResponse() {
  static const std::string response =
      "HTTP/1.1 400 Bad Request\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Connection: close\r\n"
      "Content-Length: " +
      std::to_string(kPlainRefusedBody.size()) + "\r\n\r\n" + std::string(kPlainRefusedBody);
  return response;
}

}  // namespace

void StartDetectSession(asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state,
                        Remote remote) {
  std::make_shared<DetectSession>(std::move(socket), std::move(state), std::move(remote))->Run();
}

DetectSession::DetectSession(asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state,
                             Remote remote)
    : stream_(std::move(socket)),
      executor_(stream_.get_executor()),
      state_(std::move(state)),
      remote_(std::move(remote)) {}

DetectSession::~DetectSession() { state_->connections.Remove(id_); }

void DetectSession::Run() {
  id_ = state_->connections.Add(weak_from_this());
  if (id_ == 0) return;  // stopping: the socket closes with this session
  // The accept handler ran on the listener's strand; everything from here on runs on ours.
  asio::dispatch(executor_, [self = shared_from_this()] { self->DoDetect(); });
}

void DetectSession::Shutdown() {
  asio::post(executor_, [self = shared_from_this()] {
    if (self->handed_off_) return;
    if (self->tls_stream_) {
      beast::get_lowest_layer(*self->tls_stream_).close();
    } else {
      self->stream_.close();
    }
  });
}

void DetectSession::DoDetect() {
  // One deadline for detection and handshake together: a client that connects and stalls, or
  // dribbles its handshake, is dropped after handshake_timeout in any case.
  stream_.expires_after(state_->options.handshake_timeout);
  beast::async_detect_ssl(stream_, buffer_,
                          [self = shared_from_this()](beast::error_code ec, bool is_tls) {
                            self->OnDetect(ec, is_tls);
                          });
}

void DetectSession::OnDetect(const boost::system::error_code& ec, bool is_tls) {
  if (ec) return Dropped(ec, "détection TLS / TLS detection");
  if (!is_tls) {
    if (!state_->options.allow_plain) return RefusePlain();
    stream_.expires_never();
    handed_off_ = true;
    return StartHttpSession(std::move(stream_), std::move(buffer_), state_, remote_);
  }
  tls_stream_.emplace(std::move(stream_), *state_->tls);
  // The detected bytes are the start of the ClientHello: the handshake consumes them first.
  tls_stream_->async_handshake(
      asio::ssl::stream_base::server, buffer_.data(),
      [self = shared_from_this()](beast::error_code handshake_ec, std::size_t bytes_used) {
        self->OnHandshake(handshake_ec, bytes_used);
      });
}

void DetectSession::OnHandshake(const boost::system::error_code& ec, std::size_t bytes_used) {
  if (ec) return Dropped(ec, "poignée de main TLS / TLS handshake");
  buffer_.consume(bytes_used);
  beast::get_lowest_layer(*tls_stream_).expires_never();
  handed_off_ = true;
  StartHttpSession(std::move(*tls_stream_), std::move(buffer_), state_, remote_);
}

void DetectSession::RefusePlain() {
  state_->observer.OnConnectionDropped(DroppedConnection::kPlainRefused);
  // Still under the handshake deadline: a client that does not read cannot hold us.
  asio::async_write(stream_, asio::buffer(PlainRefusedResponse()),
                    [self = shared_from_this()](beast::error_code, std::size_t) {
                      beast::error_code ignored;
                      self->stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both,
                                                      ignored);
                      self->stream_.close();
                    });
}

void DetectSession::Dropped(const boost::system::error_code& ec, const char* what) {
  if (ec == asio::error::operation_aborted) return;  // server stopping
  if (ec == beast::error::timeout) {
    state_->observer.OnConnectionDropped(DroppedConnection::kHandshakeTimeout);
    return;
  }
  if (tls_stream_) state_->observer.OnConnectionDropped(DroppedConnection::kTlsFailed);
  // A peer that connects and leaves (a port check, a browser refusing the certificate) is
  // common and not worth a line each.
  if (base::net::IsRoutineEnd(ec)) return;
  base::LogWarning(
      "connection_dropped",
      {{"remote", base::LogText(remote_.ForLog())}, {"stage", base::LogText(what)}, {"error", ec}});
}

}  // namespace minegate::server::net::internal
