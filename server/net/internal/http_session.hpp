#pragma once
/// HTTP/1.1 over an established stream (TLS, or plain on loopback): reads one bounded request
/// at a time under a deadline, answers it through the router, keeps the connection alive,
/// and hands a WebSocket upgrade for a stream route over to a WebSocket session. A response
/// with a BodyProducer is streamed: headers, then one piece at a time, each asked for only
/// once the previous one is written (the client's reading paces production), chunked.

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>

#include "server/net/http_types.hpp"
#include "server/net/internal/connection_registry.hpp"
#include "server/net/internal/server_state.hpp"
#include "server/net/internal/streams.hpp"

namespace minegate::server::net::internal {

template <class Stream>
class HttpSession final : public Connection,
                          public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(Stream stream, boost::beast::flat_buffer buffer, std::shared_ptr<ServerState> state,
              Remote remote);
  ~HttpSession() override;

  void Run();
  void Shutdown() override;

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  void DoRead();
  void OnHeader(const boost::system::error_code& ec);
  void DoReadBody();
  void OnBody(const boost::system::error_code& ec);
  void OnReadError(const boost::system::error_code& ec);
  void Handle();
  /// `head`: the request was a HEAD, answered with the headers only.
  void Send(HttpResponse response, unsigned version, bool keep_alive, bool head);
  /// Fills `header_` from `response` (status, the layer's headers, the handler's).
  void FillHeader(const HttpResponse& response, unsigned version, bool keep_alive);
  /// `header_` alone (a HEAD, or the start of a streamed body), then `then(ec)`.
  template <class Then>
  void WriteHeader(Then then);
  void OnWrite(bool keep_alive, const boost::system::error_code& ec);

  // A streamed body (HttpResponse::producer), on the strand throughout.
  void SendStreamed(HttpResponse response, bool keep_alive, bool head);
  void AskNextPiece();
  void OnPiece(std::string piece, PieceStatus status);
  /// Writes piece_ (as one chunk when chunked), and when `last` the terminating chunk in the
  /// same write.
  void WritePiece(bool last);
  void OnPieceWritten(bool last, const boost::system::error_code& ec);
  /// Tells the producer how it ended (once), logs a cut, and closes or reads the next request.
  void EndStream(StreamEnd end);
  /// Hands `end` to the producer's End() (an exception there is logged) and drops it.
  void TellProducer(StreamEnd end);
  StreamEnd EndOfWriteError(const boost::system::error_code& ec) const;
  /// After an error response to a request whose body was not read: reads and drops what the
  /// client is still sending (bounded in bytes and time), so that it sees the response rather
  /// than a connection reset, then closes.
  void DoDrain();
  void DoClose();

  Stream stream_;
  const boost::asio::any_io_executor executor_;
  boost::beast::flat_buffer buffer_;
  /// A new parser per request: its limits and state start afresh each time.
  std::optional<Parser> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_;
  /// Headers sent alone: a HEAD's, or a streamed body's before its pieces.
  boost::beast::http::response<boost::beast::http::empty_body> header_;
  std::optional<boost::beast::http::response_serializer<boost::beast::http::empty_body>>
      header_serializer_;
  // The streamed body being sent, if any.
  std::shared_ptr<BodyProducer> producer_;
  std::string piece_;  ///< the piece being written: the only one held
  std::uint64_t pieces_sent_ = 0;
  bool chunked_ = true;  ///< HTTP/1.1: chunked; HTTP/1.0: unframed, closed at the end
  bool stream_keep_alive_ = false;
  bool producing_ = false;  ///< a Next() is outstanding
  /// Cut short while a piece was being produced: how, told to End() once it arrives.
  std::optional<StreamEnd> cut_;
  /// Bounds the wait for a piece (NetOptions::request_timeout), as the deadline bounds writes.
  boost::asio::steady_timer production_timer_;
  std::shared_ptr<ServerState> state_;
  Remote remote_;
  std::uint64_t id_ = 0;
  bool reading_ = false;     ///< a read is pending (Shutdown may cut it short)
  bool stopping_ = false;    ///< the server is stopping: close after the current response
  bool handed_off_ = false;  ///< the stream belongs to a WebSocket session now
  bool drain_ = false;       ///< drain before closing, after the current response
  std::size_t drained_ = 0;
};

/// Makes an HttpSession on `stream` (whose first bytes may already be in `buffer`) and runs it.
template <class Stream>
void StartHttpSession(Stream stream, boost::beast::flat_buffer buffer,
                      std::shared_ptr<ServerState> state, Remote remote);

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;
extern template void StartHttpSession<PlainStream>(PlainStream, boost::beast::flat_buffer,
                                                   std::shared_ptr<ServerState>, Remote);
extern template void StartHttpSession<TlsStream>(TlsStream, boost::beast::flat_buffer,
                                                 std::shared_ptr<ServerState>, Remote);

}  // namespace minegate::server::net::internal
