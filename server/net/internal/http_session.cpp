#include "server/net/internal/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_cat.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>

#include "base/log.hpp"
#include "base/net/websocket_close.hpp"
#include "server/net/internal/websocket_session.hpp"

namespace minegate::server::net::internal {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

using Request = http::request<http::string_body>;

/// The plain-struct view of a request, for the router and stream factories. Moves the body.
HttpRequest ToHttpRequest(Request& request, const Remote& remote, bool tls) {
  HttpRequest out;
  out.method = std::string(request.method_string());
  out.target = std::string(request.target());
  const auto question = out.target.find('?');
  out.path = out.target.substr(0, question);
  if (question != std::string::npos) out.query = out.target.substr(question + 1);
  for (const auto& field : request) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = out.headers.try_emplace(std::move(name), std::string(field.value()));
    if (!inserted) {
      it->second += ", ";
      it->second.append(field.value().data(), field.value().size());
    }
  }
  out.body = std::move(request.body());
  out.remote_address = remote.address;
  out.remote_port = remote.port;
  out.tls = tls;
  return out;
}

/// RFC 9110 token characters: what a header name may contain.
bool IsHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

/// No CR, LF or NUL: a handler's header value can never split the response.
bool IsHeaderValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool IsHttpParseError(const boost::system::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace

template <class Stream>
void StartHttpSession(Stream stream, beast::flat_buffer buffer, std::shared_ptr<ServerState> state,
                      Remote remote) {
  std::make_shared<HttpSession<Stream>>(std::move(stream), std::move(buffer), std::move(state),
                                        std::move(remote))
      ->Run();
}

template <class Stream>
HttpSession<Stream>::HttpSession(Stream stream, beast::flat_buffer buffer,
                                 std::shared_ptr<ServerState> state, Remote remote)
    : stream_(std::move(stream)),
      executor_(stream_.get_executor()),
      buffer_(std::move(buffer)),
      production_timer_(executor_),
      state_(std::move(state)),
      remote_(std::move(remote)) {}

template <class Stream>
HttpSession<Stream>::~HttpSession() {
  // A stream whose handlers never ran (the io_context stopped first) still tells its producer.
  if (producer_) TellProducer(StreamEnd::kStopping);
  state_->connections.Remove(id_);
}

template <class Stream>
void HttpSession<Stream>::Run() {
  id_ = state_->connections.Add(this->weak_from_this());
  if (id_ == 0) return;  // stopping
  asio::dispatch(executor_, [self = this->shared_from_this()] { self->DoRead(); });
}

template <class Stream>
void HttpSession<Stream>::Shutdown() {
  asio::post(executor_, [self = this->shared_from_this()] {
    self->stopping_ = true;
    // An idle keep-alive connection is closed now; one mid-request closes after responding.
    if (!self->handed_off_ && self->reading_) beast::get_lowest_layer(self->stream_).close();
    // A streamed body is cut: a pending write fails, a piece being produced is dropped.
    if (self->producer_) {
      if (self->producing_ && !self->cut_) self->cut_ = StreamEnd::kStopping;
      beast::get_lowest_layer(self->stream_).close();
    }
  });
}

template <class Stream>
void HttpSession<Stream>::DoRead() {
  parser_.emplace();
  parser_->body_limit(state_->options.http_body_limit);
  parser_->header_limit(state_->options.http_header_limit);
  // One deadline for the keep-alive wait and the whole request.
  beast::get_lowest_layer(stream_).expires_after(state_->options.request_timeout);
  reading_ = true;
  // The header first, to answer "Expect: 100-continue" before the body is sent.
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
}

template <class Stream>
void HttpSession<Stream>::OnHeader(const boost::system::error_code& ec) {
  reading_ = false;
  if (ec) return OnReadError(ec);
  if (stopping_) return DoClose();
  const auto& request = parser_->get();
  if (!parser_->is_done() && beast::iequals(request[http::field::expect], "100-continue")) {
    continue_ = {http::status::continue_, request.version()};
    http::async_write(
        stream_, continue_,
        [self = this->shared_from_this()](beast::error_code write_ec, std::size_t) {
          if (write_ec) {
            return base::LogWarning(
                "http_write_failed",
                {{"remote", base::LogText(self->remote_.ForLog())}, {"error", write_ec}});
          }
          self->DoReadBody();
        });
    return;
  }
  if (parser_->is_done()) return Handle();
  DoReadBody();
}

template <class Stream>
void HttpSession<Stream>::DoReadBody() {
  reading_ = true;
  http::async_read(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnBody(ec); });
}

template <class Stream>
void HttpSession<Stream>::OnBody(const boost::system::error_code& ec) {
  reading_ = false;
  if (ec) return OnReadError(ec);
  if (stopping_) return DoClose();
  Handle();
}

template <class Stream>
void HttpSession<Stream>::OnReadError(const boost::system::error_code& ec) {
  if (ec == http::error::end_of_stream) return DoClose();
  drain_ = true;  // for the error responses below
  if (ec == http::error::body_limit) {
    return Send(HttpResponse::Error(413, "corps de requête trop grand", "request body too large"),
                11, false, false);
  }
  if (ec == http::error::header_limit) {
    return Send(HttpResponse::Error(431, "en-têtes trop grands", "request headers too large"), 11,
                false, false);
  }
  if (IsHttpParseError(ec) && ec != http::error::partial_message) {
    return Send(HttpResponse::Error(400, "requête HTTP invalide", "malformed HTTP request"), 11,
                false, false);
  }
  // Timeouts, resets, truncation and our own cancellation end the connection quietly; so does
  // a peer leaving in the middle of a request.
  if (ec == http::error::partial_message || base::net::IsRoutineEnd(ec)) return;
  base::LogWarning("http_read_failed",
                   {{"remote", base::LogText(remote_.ForLog())}, {"error", ec}});
}

template <class Stream>
void HttpSession<Stream>::Handle() {
  Request& request = parser_->get();
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  // Answered with its headers only, whatever the answer (RFC 9110 §9.3.2).
  const bool head = request.method() == http::verb::head;
  if (request.target().empty() || request.target().front() != '/') {
    return Send(HttpResponse::Error(400, "cible de requête invalide", "invalid request target"),
                version, false, head);
  }
  const bool upgrade = beast::websocket::is_upgrade(request);
  HttpRequest plain = ToHttpRequest(request, remote_, kIsTls<Stream>);
  if (upgrade) {
    if (const StreamFactory* factory = state_->router.FindStream(plain.path)) {
      handed_off_ = true;
      return StartWebSocketSession(std::move(stream_), parser_->release(), std::move(plain),
                                   *factory, state_, remote_);
    }
  }
  // The answer may come from a worker thread: it is posted back to this connection's strand,
  // and the session (held by the responder) lives until then. Nothing is read meanwhile.
  Responder respond(
      [self = this->shared_from_this(), version, keep_alive, head](HttpResponse response) {
        asio::post(self->executor_,
                   [self, version, keep_alive, head, response = std::move(response)]() mutable {
                     self->Send(std::move(response), version, keep_alive && !self->stopping_, head);
                   });
      });
  state_->router.Dispatch(std::move(plain), std::move(respond));
}

template <class Stream>
void HttpSession<Stream>::FillHeader(const HttpResponse& response, unsigned version,
                                     bool keep_alive) {
  const bool valid_status = response.status >= 100 && response.status <= 599;
  header_ = {};
  header_.version(version);
  header_.result(static_cast<unsigned>(valid_status ? response.status : 500));
  header_.set(http::field::server, "minegate");
  header_.set(http::field::content_type, response.content_type);
  // Responses may carry personal data: nothing on the way may keep a copy, unless the handler
  // says otherwise.
  header_.set(http::field::cache_control, "no-store");
  header_.set("X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : response.headers) {
    if (!IsHeaderName(name) || !IsHeaderValue(value)) {
      // The name is our handler's choice, not the peer's; the value is not logged.
      base::LogError("http_response_header_refused", {{"remote", base::LogText(remote_.ForLog())},
                                                      {"header", base::LogText(name)}});
      continue;
    }
    header_.set(name, value);
  }
  header_.keep_alive(keep_alive);
}

template <class Stream>
template <class Then>
void HttpSession<Stream>::WriteHeader(Then then) {
  header_serializer_.emplace(header_);
  http::async_write_header(stream_, *header_serializer_,
                           [self = this->shared_from_this(), then = std::move(then)](
                               beast::error_code ec, std::size_t) mutable { then(ec); });
}

template <class Stream>
void HttpSession<Stream>::Send(HttpResponse response, unsigned version, bool keep_alive,
                               bool head) {
  FillHeader(response, version, keep_alive);
  if (response.producer) return SendStreamed(std::move(response), keep_alive, head);
  beast::get_lowest_layer(stream_).expires_after(state_->options.request_timeout);
  if (head) {
    // What a GET would have sent, without the body: the handler's own Content-Length (one
    // that answered the HEAD itself), else the body's.
    if (header_.find(http::field::content_length) == header_.end()) {
      header_.content_length(response.body.size());
    }
    return WriteHeader([self = this->shared_from_this(), keep_alive](beast::error_code ec) {
      self->OnWrite(keep_alive, ec);
    });
  }
  response_ = {};
  response_.base() = std::move(header_.base());
  response_.body() = std::move(response.body);
  response_.prepare_payload();
  http::async_write(stream_, response_,
                    [self = this->shared_from_this(), keep_alive](
                        beast::error_code ec, std::size_t) { self->OnWrite(keep_alive, ec); });
}

template <class Stream>
void HttpSession<Stream>::SendStreamed(HttpResponse response, bool keep_alive, bool head) {
  producer_ = std::move(response.producer);
  pieces_sent_ = 0;
  cut_.reset();
  chunked_ = header_.version() >= 11;
  // Without chunks only the connection's end marks the body's end.
  stream_keep_alive_ = keep_alive && chunked_;
  header_.keep_alive(stream_keep_alive_);
  if (chunked_) header_.chunked(true);
  piece_ = std::move(response.body);
  beast::get_lowest_layer(stream_).expires_after(state_->options.request_timeout);
  WriteHeader([self = this->shared_from_this(), head](const beast::error_code& ec) {
    if (ec) return self->EndStream(self->EndOfWriteError(ec));
    if (head) return self->EndStream(StreamEnd::kNotSent);
    if (self->piece_.empty()) return self->AskNextPiece();
    self->WritePiece(false);
  });
}

template <class Stream>
void HttpSession<Stream>::AskNextPiece() {
  if (stopping_) return EndStream(StreamEnd::kStopping);
  producing_ = true;
  production_timer_.expires_after(state_->options.request_timeout);
  production_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
    if (ec || !self->producing_) return;  // cancelled: the piece came in time
    // The client is not left waiting on a producer that stalls; End() waits for the piece.
    if (!self->cut_) self->cut_ = StreamEnd::kTimedOut;
    beast::get_lowest_layer(self->stream_).close();
  });
  PieceReady ready([self = this->shared_from_this()](std::string piece, PieceStatus status) {
    asio::post(self->executor_, [self, piece = std::move(piece), status]() mutable {
      self->OnPiece(std::move(piece), status);
    });
  });
  try {
    producer_->Next(std::move(ready));
  } catch (...) {
    // The PieceReady given away is destroyed unanswered: that is the producer's kFailed.
    base::LogError("http_stream_producer_threw", {{"remote", base::LogText(remote_.ForLog())}});
  }
}

template <class Stream>
void HttpSession<Stream>::OnPiece(std::string piece, PieceStatus status) {
  producing_ = false;
  production_timer_.cancel();
  if (cut_) return EndStream(*cut_);
  if (status == PieceStatus::kFailed) return EndStream(StreamEnd::kFailed);
  piece_ = std::move(piece);
  WritePiece(status == PieceStatus::kLast);
}

template <class Stream>
void HttpSession<Stream>::WritePiece(bool last) {
  const bool terminate = last && chunked_;
  // An empty piece is no chunk (a zero-length one ends the body): only the end is written.
  if (piece_.empty() && !terminate) return OnPieceWritten(last, {});
  if (!piece_.empty()) ++pieces_sent_;
  beast::get_lowest_layer(stream_).expires_after(state_->options.request_timeout);
  auto done = [self = this->shared_from_this(), last](beast::error_code ec, std::size_t) {
    self->OnPieceWritten(last, ec);
  };
  if (!chunked_) {
    asio::async_write(stream_, asio::buffer(piece_), std::move(done));
  } else if (!terminate) {
    asio::async_write(stream_, http::make_chunk(asio::buffer(piece_)), std::move(done));
  } else if (piece_.empty()) {
    asio::async_write(stream_, http::make_chunk_last(), std::move(done));
  } else {
    asio::async_write(
        stream_,
        beast::buffers_cat(http::make_chunk(asio::buffer(piece_)), http::make_chunk_last()),
        std::move(done));
  }
}

template <class Stream>
void HttpSession<Stream>::OnPieceWritten(bool last, const boost::system::error_code& ec) {
  if (ec) return EndStream(EndOfWriteError(ec));
  piece_ = std::string();  // its memory goes back now, not when the next piece replaces it
  if (!last) return AskNextPiece();
  EndStream(StreamEnd::kComplete);
}

template <class Stream>
StreamEnd HttpSession<Stream>::EndOfWriteError(const boost::system::error_code& ec) const {
  if (stopping_) return StreamEnd::kStopping;
  if (ec == beast::error::timeout) return StreamEnd::kTimedOut;
  return StreamEnd::kClientGone;
}

template <class Stream>
void HttpSession<Stream>::TellProducer(StreamEnd end) {
  // Taken out first: told once, and dropped once told.
  const std::shared_ptr<BodyProducer> producer = std::move(producer_);
  try {
    producer->End(end, pieces_sent_);
  } catch (...) {
    base::LogError("http_stream_end_threw", {{"remote", base::LogText(remote_.ForLog())}});
  }
}

template <class Stream>
void HttpSession<Stream>::EndStream(StreamEnd end) {
  production_timer_.cancel();
  piece_ = std::string();
  TellProducer(end);
  if (end == StreamEnd::kComplete || end == StreamEnd::kNotSent) {
    if (!stream_keep_alive_ || stopping_) return DoClose();
    return DoRead();
  }
  // After the first byte an error can no longer be a status: the client sees the transfer
  // cut (no terminating chunk, no TLS close_notify), and the log says why.
  const bool routine = end == StreamEnd::kClientGone || end == StreamEnd::kStopping;
  base::Log(routine ? base::LogLevel::info : base::LogLevel::warning, "http_stream_cut",
            {{"remote", base::LogText(remote_.ForLog())},
             {"end", base::LogText(ToString(end))},
             {"pieces_sent", pieces_sent_}});
  beast::get_lowest_layer(stream_).close();
}

template <class Stream>
void HttpSession<Stream>::OnWrite(bool keep_alive, const boost::system::error_code& ec) {
  if (ec) {
    if (!base::net::IsRoutineEnd(ec)) {
      base::LogWarning("http_write_failed",
                       {{"remote", base::LogText(remote_.ForLog())}, {"error", ec}});
    }
    return;
  }
  if (drain_ && !stopping_) {
    beast::get_lowest_layer(stream_).expires_after(state_->options.request_timeout);
    return DoDrain();
  }
  if (!keep_alive || stopping_) return DoClose();
  DoRead();
}

template <class Stream>
void HttpSession<Stream>::DoDrain() {
  constexpr std::size_t kMaxDrainBytes = 1024 * 1024;
  buffer_.consume(buffer_.size());
  if (drained_ >= kMaxDrainBytes) return beast::get_lowest_layer(stream_).close();
  reading_ = true;
  stream_.async_read_some(buffer_.prepare(16 * 1024), [self = this->shared_from_this()](
                                                          beast::error_code ec, std::size_t size) {
    self->reading_ = false;
    // The client finished (or gave up, or the deadline passed): nothing more to say.
    if (ec) return beast::get_lowest_layer(self->stream_).close();
    self->buffer_.commit(size);
    self->drained_ += size;
    self->DoDrain();
  });
}

template <class Stream>
void HttpSession<Stream>::DoClose() {
  if constexpr (kIsTls<Stream>) {
    // close_notify, bounded: a peer that never answers it does not hold the session.
    beast::get_lowest_layer(stream_).expires_after(state_->options.handshake_timeout);
    stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
      beast::get_lowest_layer(self->stream_).close();
    });
  } else {
    beast::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  }
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;
template void StartHttpSession<PlainStream>(PlainStream, beast::flat_buffer,
                                            std::shared_ptr<ServerState>, Remote);
template void StartHttpSession<TlsStream>(TlsStream, beast::flat_buffer,
                                          std::shared_ptr<ServerState>, Remote);

}  // namespace minegate::server::net::internal
