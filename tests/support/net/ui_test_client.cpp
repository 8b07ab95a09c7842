#include "tests/support/net/ui_test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cctype>

namespace minegate::test::ui {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

/// Starts one asynchronous operation with `start(handler)` and runs `io` until it completes or
/// `timeout` passes; on timeout `cancel` closes the socket and the operation is drained.
template <class Start, class Cancel>
boost::system::error_code RunBounded(asio::io_context& io, std::chrono::milliseconds timeout,
                                     Start&& start, Cancel&& cancel) {
  std::optional<boost::system::error_code> result;
  start([&result](boost::system::error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run_for(timeout);
  if (result) return *result;
  cancel();
  io.restart();
  io.run();
  return make_error_code(boost::system::errc::timed_out);
}

boost::system::error_code ConnectLoopback(asio::io_context& io, tcp::socket& socket,
                                          std::uint16_t port, int receive_buffer_bytes) {
  boost::system::error_code ec;
  socket.open(tcp::v4(), ec);
  if (ec) return ec;
  if (receive_buffer_bytes > 0) {
    socket.set_option(asio::socket_base::receive_buffer_size(receive_buffer_bytes), ec);
    if (ec) return ec;
  }
  const tcp::endpoint endpoint(asio::ip::make_address_v4("127.0.0.1"), port);
  return RunBounded(
      io, kTimeout, [&](auto handler) { socket.async_connect(endpoint, std::move(handler)); },
      [&] { socket.close(ec); });
}

}  // namespace

std::string HttpReply::Header(const std::string& lower_case_name) const {
  const auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string LoopbackHost(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

Result<HttpReply> HttpRequest(std::uint16_t port, std::string_view method, std::string_view target,
                              std::string_view host,
                              const std::vector<std::pair<std::string, std::string>>& headers) {
  asio::io_context io;
  tcp::socket socket(io);
  if (auto ec = ConnectLoopback(io, socket, port, 0)) return ec;
  http::request<http::string_body> request;
  request.method_string(beast::string_view(method.data(), method.size()));
  request.target(beast::string_view(target.data(), target.size()));
  request.version(11);
  if (!host.empty()) request.set(http::field::host, beast::string_view(host.data(), host.size()));
  for (const auto& [name, value] : headers) request.set(name, value);
  request.keep_alive(false);
  request.prepare_payload();
  boost::system::error_code ignored;
  auto close = [&] { socket.close(ignored); };
  if (auto ec = RunBounded(
          io, kTimeout,
          [&](auto handler) { http::async_write(socket, request, std::move(handler)); }, close)) {
    return ec;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  // A response to HEAD announces a length but has no body.
  if (method == "HEAD") parser.skip(true);
  if (auto ec = RunBounded(
          io, kTimeout,
          [&](auto handler) { http::async_read(socket, buffer, parser, std::move(handler)); },
          close)) {
    return ec;
  }
  HttpReply reply;
  const auto& response = parser.get();
  reply.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  reply.body = response.body();
  return reply;
}

struct WsClient::Impl {
  asio::io_context io;
  websocket::stream<tcp::socket> ws{io};
  beast::flat_buffer buffer;

  void CloseSocket() {
    boost::system::error_code ignored;
    ws.next_layer().close(ignored);
  }
};

WsClient::WsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WsClient::~WsClient() = default;

std::pair<std::unique_ptr<WsClient>, WsClient::Refused> WsClient::Connect(const Options& options) {
  auto impl = std::make_unique<Impl>();
  Refused refused;
  refused.ec =
      ConnectLoopback(impl->io, impl->ws.next_layer(), options.port, options.receive_buffer_bytes);
  if (refused.ec) return {nullptr, refused};
  impl->ws.set_option(websocket::stream_base::decorator(
      [origin = options.origin, token = options.token](websocket::request_type& request) {
        if (origin) request.set(http::field::origin, *origin);
        if (token) {
          request.set(http::field::sec_websocket_protocol,
                      "minegate-ui-v1, minegate-token." + *token);
        }
      }));
  const std::string host = options.host.empty() ? LoopbackHost(options.port) : options.host;
  websocket::response_type response;
  refused.ec = RunBounded(
      impl->io, kTimeout,
      [&](auto handler) {
        impl->ws.async_handshake(response, host, "/ui/socket", std::move(handler));
      },
      [&] { impl->CloseSocket(); });
  refused.status = static_cast<int>(response.result_int());
  if (refused.ec) return {nullptr, refused};
  return {std::unique_ptr<WsClient>(new WsClient(std::move(impl))), refused};
}

boost::system::error_code WsClient::SendText(std::string_view text) {
  impl_->ws.text(true);
  return RunBounded(
      impl_->io, kTimeout,
      [&](auto handler) {
        impl_->ws.async_write(asio::buffer(text.data(), text.size()), std::move(handler));
      },
      [&] { impl_->CloseSocket(); });
}

boost::system::error_code WsClient::SendBinary(std::string_view bytes) {
  impl_->ws.binary(true);
  return RunBounded(
      impl_->io, kTimeout,
      [&](auto handler) {
        impl_->ws.async_write(asio::buffer(bytes.data(), bytes.size()), std::move(handler));
      },
      [&] { impl_->CloseSocket(); });
}

Result<WsMessage> WsClient::Receive(std::chrono::milliseconds timeout) {
  impl_->buffer.consume(impl_->buffer.size());
  const auto ec = RunBounded(
      impl_->io, timeout,
      [&](auto handler) { impl_->ws.async_read(impl_->buffer, std::move(handler)); },
      [&] { impl_->CloseSocket(); });
  if (ec) return ec;
  WsMessage message;
  message.text = impl_->ws.got_text();
  message.data = beast::buffers_to_string(impl_->buffer.data());
  return message;
}

boost::system::error_code WsClient::WaitClosed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return make_error_code(boost::system::errc::timed_out);
    auto message = Receive(left);
    if (!message) return message.error();
  }
}

std::uint16_t WsClient::close_code() const {
  return static_cast<std::uint16_t>(impl_->ws.reason().code);
}

bool IsClosedError(const boost::system::error_code& ec) { return ec == websocket::error::closed; }

}  // namespace minegate::test::ui
