#include "kiosk/server_link/https_request.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <memory>

#include "kiosk/server_link/tls_connect.hpp"

namespace minegate::kiosk::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

/// One request's state; every pending handler holds it.
class HttpsOperation : public std::enable_shared_from_this<HttpsOperation> {
 public:
  HttpsOperation(asio::io_context& io, TlsEndpoint endpoint, HttpsRequest request,
                 std::function<void(Result<HttpsResponse>)> done)
      : endpoint_(std::move(endpoint)),
        request_(std::move(request)),
        done_(std::move(done)),
        context_(MakePinnedContext()),
        resolver_(io),
        stream_(io, context_) {}

  void Start() {
    AsyncConnectPinned(stream_, resolver_, endpoint_,
                       [self = shared_from_this()](error_code ec) { self->OnConnected(ec); });
  }

 private:
  void OnConnected(error_code ec) {
    if (ec) return Finish(ec);
    message_.method_string(request_.method);
    message_.target(request_.target);
    message_.version(11);
    message_.set(http::field::host, endpoint_.host);
    message_.set(http::field::user_agent, "minegate-kiosk");
    message_.set(http::field::connection, "close");
    for (const auto& [name, value] : request_.headers) message_.set(name, value);
    if (!request_.content_type.empty()) {
      message_.set(http::field::content_type, request_.content_type);
    }
    message_.body() = std::move(request_.body);
    message_.prepare_payload();
    parser_.body_limit(request_.body_limit);
    beast::get_lowest_layer(stream_).expires_after(request_.timeout);
    http::async_write(
        stream_, message_,
        [self = shared_from_this()](error_code written, std::size_t) { self->OnWritten(written); });
  }

  void OnWritten(error_code ec) {
    if (ec) return Finish(Map(ec));
    http::async_read(
        stream_, buffer_, parser_,
        [self = shared_from_this()](error_code read, std::size_t) { self->OnRead(read); });
  }

  void OnRead(error_code ec) {
    if (ec) return Finish(Map(ec));
    HttpsResponse response;
    response.status = static_cast<int>(parser_.get().result_int());
    response.body = std::move(parser_.get().body());
    Finish(std::move(response));
  }

  static error_code Map(error_code ec) {
    if (ec == beast::error::timeout) return make_error_code(LinkErrc::timed_out);
    if (ec == http::error::body_limit) return make_error_code(LinkErrc::response_too_large);
    return make_error_code(LinkErrc::http_failed);
  }

  void Finish(Result<HttpsResponse> result) {
    // Connection: close was asked for; no TLS close_notify is awaited from a server that
    // may already be gone.
    beast::get_lowest_layer(stream_).close();
    auto done = std::move(done_);
    if (done) done(std::move(result));
  }

  TlsEndpoint endpoint_;
  HttpsRequest request_;
  std::function<void(Result<HttpsResponse>)> done_;
  asio::ssl::context context_;
  asio::ip::tcp::resolver resolver_;
  TlsStream stream_;
  http::request<http::string_body> message_;
  http::response_parser<http::string_body> parser_;
  beast::flat_buffer buffer_;
};

}  // namespace

void AsyncHttps(asio::io_context& io, const TlsEndpoint& endpoint, HttpsRequest request,
                std::function<void(Result<HttpsResponse>)> done) {
  std::make_shared<HttpsOperation>(io, endpoint, std::move(request), std::move(done))->Start();
}

}  // namespace minegate::kiosk::net
