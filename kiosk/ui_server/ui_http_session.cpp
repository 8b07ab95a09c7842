#include "kiosk/ui_server/ui_http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui_server/ui_http_policy.hpp"
#include "kiosk/ui_server/ui_ws_session.hpp"

namespace minegate::kiosk::net::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

/// GET and HEAD carry no body; a little room for a client that sends one anyway.
constexpr std::uint64_t kBodyLimit = 4 * 1024;
constexpr std::uint32_t kHeaderLimit = 8 * 1024;

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

class UiHttpSession final : public UiConnection,
                            public std::enable_shared_from_this<UiHttpSession> {
 public:
  UiHttpSession(tcp::socket socket, std::shared_ptr<UiServerState> state)
      : stream_(std::move(socket)), state_(std::move(state)) {}

  ~UiHttpSession() override { state_->connections.erase(id_); }

  void Run() {
    id_ = state_->next_connection++;
    state_->connections.emplace(id_, weak_from_this());
    DoRead();
  }

  void Shutdown() override {
    stopping_ = true;
    // A connection waiting for a request is closed now; one mid-response closes after it.
    if (reading_) stream_.close();
  }

 private:
  using Request = http::request<http::string_body>;
  using Response = http::response<http::string_body>;

  void DoRead() {
    if (stopping_) return stream_.close();
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    parser_->header_limit(kHeaderLimit);
    // One deadline for the keep-alive wait and the whole request.
    stream_.expires_after(state_->options.request_timeout);
    reading_ = true;
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(const boost::system::error_code& ec) {
    reading_ = false;
    if (ec == http::error::end_of_stream) return stream_.close();
    if (ec) {
      const bool parse_error =
          ec.category() == http::make_error_code(http::error::bad_target).category() &&
          ec != http::error::partial_message;
      if (parse_error) {
        return SendError(http::status::bad_request, 11, "requête invalide", "bad request");
      }
      return stream_.close();  // timeout, reset, our own Shutdown
    }
    if (stopping_) return stream_.close();
    Handle();
  }

  void Handle() {
    const Request& request = parser_->get();
    const unsigned version = request.version();
    const std::string host(View(request[http::field::host]));
    // Before anything else: a request that does not name this server (DNS rebinding, a proxy,
    // a confused client) learns nothing, not even whether a file exists.
    if (!IsAllowedHost(host, state_->port, state_->bound_address)) {
      return SendError(http::status::misdirected_request, version, "hôte non servi ici",
                       "host not served here");
    }
    const std::string_view target = View(request.target());
    if (target.empty() || target.front() != '/') {
      return SendError(http::status::bad_request, version, "cible invalide", "invalid target");
    }
    if (TargetPath(target) == kUiSocketPath) return HandleSocket(host);

    const bool head = request.method() == http::verb::head;
    if (request.method() != http::verb::get && !head) {
      Response response = MakeError(http::status::method_not_allowed, version,
                                    "méthode non permise", "method not allowed");
      response.set(http::field::allow, "GET, HEAD");
      return Send(std::move(response), request.keep_alive());
    }
    const ui::StaticFile* file = FindUiFile(state_->options.files, target);
    if (file == nullptr) {
      return SendError(http::status::not_found, version, "introuvable", "not found",
                       request.keep_alive());
    }
    Response response{http::status::ok, version};
    response.set(http::field::content_type,
                 beast::string_view(file->content_type.data(), file->content_type.size()));
    response.body().assign(file->bytes.data(), file->bytes.size());
    response.prepare_payload();
    Send(std::move(response), request.keep_alive());
  }

  void HandleSocket(const std::string& host) {
    const Request& request = parser_->get();
    const unsigned version = request.version();
    if (request.method() != http::verb::get || !beast::websocket::is_upgrade(request)) {
      Response response = MakeError(http::status::upgrade_required, version, "WebSocket attendu",
                                    "WebSocket expected");
      response.set(http::field::upgrade, "websocket");
      return Send(std::move(response), false);
    }
    const auto origin_field = request.find(http::field::origin);
    std::optional<std::string_view> origin;
    if (origin_field != request.end()) origin = View(origin_field->value());
    if (!IsAllowedOrigin(origin, host)) {
      return SendError(http::status::forbidden, version, "origine refusée", "origin refused");
    }
    // Every Sec-WebSocket-Protocol field, as one list (a client may split it over several).
    std::string protocols;
    const auto fields = request.equal_range(http::field::sec_websocket_protocol);
    for (auto field = fields.first; field != fields.second; ++field) {
      if (!protocols.empty()) protocols += ',';
      protocols.append(View(field->value()));
    }
    if (!OffersPageToken(protocols, state_->options.page_token)) {
      return SendError(http::status::forbidden, version,
                       "jeton de page absent ou faux : ouvrez l'adresse du fichier page-url",
                       "page token missing or wrong: open the address in the page-url file");
    }
    if (state_->stopping || state_->clients.size() >= state_->options.max_clients) {
      return SendError(http::status::service_unavailable, version, "trop de pages ouvertes",
                       "too many pages open");
    }
    state_->connections.erase(id_);
    StartUiWsSession(std::move(stream_), state_, parser_->release());
  }

  static Response MakeError(http::status status, unsigned version, std::string_view french,
                            std::string_view english) {
    Response response{status, version};
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = ErrorBody(french, english);
    response.prepare_payload();
    return response;
  }

  /// Refusals close the connection unless `keep_alive` (a 404 or 405 on a well-formed request).
  void SendError(http::status status, unsigned version, std::string_view french,
                 std::string_view english, bool keep_alive = false) {
    Send(MakeError(status, version, french, english), keep_alive);
  }

  void Send(Response response, bool keep_alive) {
    keep_alive = keep_alive && !stopping_;
    response_ = std::move(response);
    response_.set(http::field::server, "minegate-kiosk");
    response_.set("Content-Security-Policy", beast::string_view(kUiContentSecurityPolicy.data(),
                                                                kUiContentSecurityPolicy.size()));
    response_.set("X-Content-Type-Options", "nosniff");
    response_.set(http::field::cache_control, "no-store");
    response_.set("Referrer-Policy", "no-referrer");
    response_.keep_alive(keep_alive);
    // A response to HEAD announces the length of what GET would send, and sends nothing.
    if (parser_ && parser_->is_header_done() && parser_->get().method() == http::verb::head) {
      const std::size_t length = response_.body().size();
      response_.body().clear();
      response_.content_length(length);
    }
    stream_.expires_after(state_->options.request_timeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        self->OnWrite(ec, keep_alive);
                      });
  }

  void OnWrite(const boost::system::error_code& ec, bool keep_alive) {
    if (ec) return stream_.close();
    if (!keep_alive || stopping_) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      // The peer sees the end of the response; the socket closes when the session goes.
      return;
    }
    DoRead();
  }

  beast::tcp_stream stream_;
  std::shared_ptr<UiServerState> state_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response response_;
  std::uint64_t id_ = 0;
  bool reading_ = false;
  bool stopping_ = false;
};

}  // namespace

void StartUiHttpSession(tcp::socket socket, std::shared_ptr<UiServerState> state) {
  std::make_shared<UiHttpSession>(std::move(socket), std::move(state))->Run();
}

}  // namespace minegate::kiosk::net::internal
