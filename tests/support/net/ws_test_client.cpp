#include "tests/support/net/ws_test_client.hpp"

#include <openssl/ssl.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <cctype>
#include <optional>

namespace minegate::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

/// Extra time granted after a stream's own deadline, to collect the operation's completion.
constexpr auto kSlack = std::chrono::seconds(2);

boost::system::error_code TimedOut() { return make_error_code(boost::system::errc::timed_out); }

beast::string_view View(std::string_view text) { return {text.data(), text.size()}; }

/// Shared with a completion handler, so that a handler running after its caller gave up
/// never writes to a dead stack frame.
struct OpState {
  bool done = false;
  boost::system::error_code ec;
};

/// Runs `io` until `done` or `deadline`.
bool RunUntil(asio::io_context& io, const bool& done, Clock::time_point deadline) {
  io.restart();
  while (!done) {
    if (io.run_one_until(deadline) == 0) break;
  }
  return done;
}

/// Starts one operation with `start(handler)` and runs it to completion. The caller has set
/// the stream's expiry, which ends the operation; `timeout` plus slack only guards a bug.
template <class Start>
boost::system::error_code RunOp(asio::io_context& io, std::chrono::milliseconds timeout,
                                Start&& start) {
  auto state = std::make_shared<OpState>();
  start([state](boost::system::error_code ec, auto&&...) {
    state->ec = ec;
    state->done = true;
  });
  RunUntil(io, state->done, Clock::now() + timeout + kSlack);
  return state->done ? state->ec : TimedOut();
}

bool IsIpLiteral(const std::string& text) {
  boost::system::error_code ec;
  asio::ip::make_address(text, ec);
  return !ec;
}

}  // namespace

/// A TCP connection, with TLS on top unless options.tls is false.
struct Link {
  asio::io_context io{1};
  ssl::context context{ssl::context::tls_client};
  std::optional<beast::tcp_stream> plain;
  std::optional<TlsStream> tls;
  ClientOptions options;

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  boost::system::error_code Open(const ClientOptions& opts) {
    options = opts;
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options.address, ec);
    if (ec) return ec;
    const tcp::endpoint endpoint(address, options.port);
    plain.emplace(io);
    plain->socket().open(endpoint.protocol(), ec);
    if (!ec && options.receive_buffer_bytes > 0) {
      plain->socket().set_option(
          asio::socket_base::receive_buffer_size(options.receive_buffer_bytes), ec);
    }
    if (ec) return ec;
    plain->expires_after(options.timeout);
    ec = RunOp(io, options.timeout,
               [&](auto handler) { plain->async_connect(endpoint, std::move(handler)); });
    if (ec) return ec;
    plain->expires_never();
    if (!options.tls) return {};

    context.set_verify_mode(ssl::verify_peer, ec);
    if (!ec) context.load_verify_file(options.ca_file, ec);
    if (ec) return ec;
    tls.emplace(std::move(*plain), context);
    plain.reset();
    // The chain alone is not enough: the certificate must also name the server we meant.
    tls->set_verify_callback(ssl::host_name_verification(options.verify_name), ec);
    if (ec) return ec;
    if (!IsIpLiteral(options.verify_name)) {
      SSL_ctrl(tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               options.verify_name.data());
    }
    lowest().expires_after(options.timeout);
    ec = RunOp(io, options.timeout, [&](auto handler) {
      tls->async_handshake(ssl::stream_base::client, std::move(handler));
    });
    lowest().expires_never();
    return ec;
  }
};

// ---------------------------------------------------------------------------------------------
// HTTP

std::string HttpResult::Header(const std::string& lower_case_name) const {
  const auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

struct HttpClient::Impl {
  Link link;
  beast::flat_buffer buffer;  ///< kept across requests: it may hold the next response's start
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

Result<std::unique_ptr<HttpClient>> HttpClient::Connect(const ClientOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (auto ec = impl->link.Open(options)) return ec;
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

Result<HttpResult> HttpClient::Request(std::string_view method, std::string_view target,
                                       std::string body, std::string_view content_type) {
  return RequestWithHeaders(method, target, {}, std::move(body), content_type);
}

Result<HttpResult> HttpClient::RequestWithHeaders(
    std::string_view method, std::string_view target,
    const std::vector<std::pair<std::string, std::string>>& headers, std::string body,
    std::string_view content_type) {
  Link& link = impl_->link;
  http::request<http::string_body> request;
  request.version(11);
  const http::verb verb = http::string_to_verb(View(method));
  if (verb == http::verb::unknown) {
    request.method_string(View(method));
  } else {
    request.method(verb);
  }
  request.target(View(target));
  request.set(http::field::host, link.options.verify_name);
  request.set(http::field::user_agent, "minegate-test");
  if (!content_type.empty()) request.set(http::field::content_type, View(content_type));
  for (const auto& [name, value] : headers) request.set(View(name), View(value));
  request.body() = std::move(body);
  request.prepare_payload();
  request.keep_alive(true);

  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  const auto timeout = link.options.timeout;
  link.lowest().expires_after(timeout);
  auto ec = RunOp(link.io, timeout, [&](auto handler) {
    if (link.tls) {
      http::async_write(*link.tls, request, std::move(handler));
    } else {
      http::async_write(*link.plain, request, std::move(handler));
    }
  });
  if (!ec) {
    ec = RunOp(link.io, timeout, [&](auto handler) {
      if (link.tls) {
        http::async_read(*link.tls, impl_->buffer, parser, std::move(handler));
      } else {
        http::async_read(*link.plain, impl_->buffer, parser, std::move(handler));
      }
    });
  }
  link.lowest().expires_never();
  if (ec) return ec;

  HttpResult result;
  result.status = static_cast<int>(parser.get().result_int());
  result.body = parser.get().body();
  for (const auto& field : parser.get()) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::string(field.value());
  }
  return result;
}

Result<HttpResult> HttpGet(const ClientOptions& options, std::string_view target) {
  auto client = HttpClient::Connect(options);
  if (!client) return client.error();
  return client.value()->Request("GET", target);
}

Result<HttpResult> HttpPost(const ClientOptions& options, std::string_view target, std::string body,
                            std::string_view content_type) {
  auto client = HttpClient::Connect(options);
  if (!client) return client.error();
  return client.value()->Request("POST", target, std::move(body), content_type);
}

// ---------------------------------------------------------------------------------------------
// WebSocket

struct WsClient::Impl {
  struct ReadState {
    bool done = false;
    boost::system::error_code ec;
    bool text = false;
  };

  Link link;
  std::optional<websocket::stream<beast::tcp_stream>> plain_ws;
  std::optional<websocket::stream<TlsStream>> tls_ws;
  beast::flat_buffer read_buffer;
  std::shared_ptr<ReadState> read;  ///< the pending (or completed, unclaimed) read

  template <class F>
  decltype(auto) Visit(F&& f) {
    return tls_ws ? f(*tls_ws) : f(*plain_ws);
  }

  beast::tcp_stream& lowest() {
    return tls_ws ? beast::get_lowest_layer(*tls_ws) : beast::get_lowest_layer(*plain_ws);
  }

  void StartRead() {
    read = std::make_shared<ReadState>();
    Visit([this, state = read](auto& ws) {
      ws.async_read(read_buffer, [state, &ws](boost::system::error_code ec, std::size_t) {
        state->ec = ec;
        state->text = ws.got_text();
        state->done = true;
      });
    });
  }

  boost::system::error_code Write(bool text, std::string_view bytes) {
    const auto timeout = link.options.timeout;
    lowest().expires_after(timeout);
    auto ec = RunOp(link.io, timeout, [&](auto handler) {
      Visit([&](auto& ws) {
        ws.text(text);
        ws.async_write(asio::buffer(bytes.data(), bytes.size()), std::move(handler));
      });
    });
    lowest().expires_never();
    return ec;
  }
};

WsClient::WsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WsClient::~WsClient() = default;

Result<std::unique_ptr<WsClient>> WsClient::Connect(const ClientOptions& options,
                                                    std::string_view path) {
  auto impl = std::make_unique<Impl>();
  if (auto ec = impl->link.Open(options)) return ec;
  if (impl->link.tls) {
    impl->tls_ws.emplace(std::move(*impl->link.tls));
    impl->link.tls.reset();
  } else {
    impl->plain_ws.emplace(std::move(*impl->link.plain));
    impl->link.plain.reset();
  }
  const std::string host = options.verify_name + ":" + std::to_string(options.port);
  impl->lowest().expires_after(options.timeout);
  auto ec = RunOp(impl->link.io, options.timeout, [&](auto handler) {
    impl->Visit([&](auto& ws) {
      ws.read_message_max(64 * 1024 * 1024);
      ws.async_handshake(host, View(path), std::move(handler));
    });
  });
  impl->lowest().expires_never();
  if (ec) return ec;
  return std::unique_ptr<WsClient>(new WsClient(std::move(impl)));
}

boost::system::error_code WsClient::SendBinary(std::string_view bytes) {
  return impl_->Write(false, bytes);
}

boost::system::error_code WsClient::SendText(std::string_view text) {
  return impl_->Write(true, text);
}

Result<WsMessage> WsClient::Receive(std::chrono::milliseconds timeout) {
  if (!impl_->read) impl_->StartRead();
  RunUntil(impl_->link.io, impl_->read->done, Clock::now() + timeout);
  if (!impl_->read->done) return TimedOut();
  const auto state = std::move(impl_->read);
  impl_->read.reset();
  if (state->ec) {
    // Keep the failed read: every later Receive reports the same end.
    impl_->read = state;
    return state->ec;
  }
  WsMessage message{state->text, beast::buffers_to_string(impl_->read_buffer.data())};
  impl_->read_buffer.consume(impl_->read_buffer.size());
  return message;
}

boost::system::error_code WsClient::WaitClosed(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto message = Receive(std::max(left, std::chrono::milliseconds(0)));
    if (!message) return message.error();
  }
}

boost::system::error_code WsClient::Close() {
  const auto timeout = impl_->link.options.timeout;
  impl_->lowest().expires_after(timeout);
  auto ec = RunOp(impl_->link.io, timeout, [&](auto handler) {
    impl_->Visit(
        [&](auto& ws) { ws.async_close(websocket::close_code::normal, std::move(handler)); });
  });
  impl_->lowest().expires_never();
  return ec;
}

std::uint16_t WsClient::close_code() const {
  return impl_->tls_ws ? impl_->tls_ws->reason().code : impl_->plain_ws->reason().code;
}

std::string WsClient::close_reason() const {
  const auto& reason = impl_->tls_ws ? impl_->tls_ws->reason() : impl_->plain_ws->reason();
  return std::string(reason.reason.data(), reason.reason.size());
}

bool IsWebSocketClosed(const boost::system::error_code& ec) {
  return ec == websocket::error::closed;
}

// ---------------------------------------------------------------------------------------------
// Raw TCP

struct RawTcpClient::Impl {
  struct ReadState {
    bool done = false;
    boost::system::error_code ec;
    std::size_t size = 0;
    std::array<char, 4096> buffer{};
  };

  Link link;
  std::shared_ptr<ReadState> read;
};

RawTcpClient::RawTcpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RawTcpClient::~RawTcpClient() = default;

Result<std::unique_ptr<RawTcpClient>> RawTcpClient::Connect(const ClientOptions& options) {
  auto impl = std::make_unique<Impl>();
  ClientOptions plain = options;
  plain.tls = false;
  if (auto ec = impl->link.Open(plain)) return ec;
  return std::unique_ptr<RawTcpClient>(new RawTcpClient(std::move(impl)));
}

boost::system::error_code RawTcpClient::Send(std::string_view bytes) {
  Link& link = impl_->link;
  link.plain->expires_after(link.options.timeout);
  auto ec = RunOp(link.io, link.options.timeout, [&](auto handler) {
    asio::async_write(*link.plain, asio::buffer(bytes.data(), bytes.size()), std::move(handler));
  });
  link.plain->expires_never();
  return ec;
}

Result<std::string> RawTcpClient::ReadUntilClosed(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string received;
  while (true) {
    if (!impl_->read) {
      auto state = std::make_shared<Impl::ReadState>();
      impl_->read = state;
      impl_->link.plain->async_read_some(asio::buffer(state->buffer),
                                         [state](boost::system::error_code ec, std::size_t size) {
                                           state->ec = ec;
                                           state->size = size;
                                           state->done = true;
                                         });
    }
    if (!RunUntil(impl_->link.io, impl_->read->done, deadline)) return TimedOut();
    const auto state = std::move(impl_->read);
    impl_->read.reset();
    received.append(state->buffer.data(), state->size);
    if (state->ec == asio::error::eof || state->ec == asio::error::connection_reset) {
      return received;
    }
    if (state->ec) return state->ec;
  }
}

// ---------------------------------------------------------------------------------------------
// Raw bytes over TLS

struct ByteClient::Impl {
  struct ReadState {
    bool done = false;
    boost::system::error_code ec;
    std::size_t size = 0;
    std::array<char, 64 * 1024> buffer{};
  };

  Link link;
  std::shared_ptr<ReadState> read;
};

ByteClient::ByteClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ByteClient::~ByteClient() = default;

Result<std::unique_ptr<ByteClient>> ByteClient::Connect(const ClientOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (auto ec = impl->link.Open(options)) return ec;
  return std::unique_ptr<ByteClient>(new ByteClient(std::move(impl)));
}

boost::system::error_code ByteClient::Send(std::string_view bytes) {
  Link& link = impl_->link;
  link.lowest().expires_after(link.options.timeout);
  auto ec = RunOp(link.io, link.options.timeout, [&](auto handler) {
    if (link.tls) {
      asio::async_write(*link.tls, asio::buffer(bytes.data(), bytes.size()), std::move(handler));
    } else {
      asio::async_write(*link.plain, asio::buffer(bytes.data(), bytes.size()), std::move(handler));
    }
  });
  link.lowest().expires_never();
  return ec;
}

Result<std::string> ByteClient::ReadSome(std::chrono::milliseconds timeout) {
  Link& link = impl_->link;
  if (!impl_->read) {
    auto state = std::make_shared<Impl::ReadState>();
    impl_->read = state;
    auto handler = [state](boost::system::error_code ec, std::size_t size) {
      state->ec = ec;
      state->size = size;
      state->done = true;
    };
    if (link.tls) {
      link.tls->async_read_some(asio::buffer(state->buffer), std::move(handler));
    } else {
      link.plain->async_read_some(asio::buffer(state->buffer), std::move(handler));
    }
  }
  if (!RunUntil(link.io, impl_->read->done, Clock::now() + timeout)) return TimedOut();
  const auto state = std::move(impl_->read);
  impl_->read.reset();
  if (state->size > 0) return std::string(state->buffer.data(), state->size);
  if (state->ec) return state->ec;
  return std::string();
}

std::pair<std::string, boost::system::error_code> ByteClient::ReadUntil(
    const std::function<bool(const std::string&)>& done, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string received;
  while (!done(received)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return {received, TimedOut()};
    auto some = ReadSome(left);
    if (!some) return {received, some.error()};
    received += some.value();
  }
  return {received, {}};
}

void ByteClient::Abandon() {
  boost::system::error_code ignored;
  impl_->link.lowest().socket().close(ignored);
}

}  // namespace minegate::test
