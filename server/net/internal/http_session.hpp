#pragma once
/// HTTP/1.1 over an established stream (TLS, or plain on loopback): reads one bounded request
/// at a time under a deadline, answers it through the router, keeps the connection alive,
/// and hands a WebSocket upgrade for a stream route over to a WebSocket session.

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
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
  void Send(HttpResponse response, unsigned version, bool keep_alive);
  void OnWrite(bool keep_alive, const boost::system::error_code& ec);
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
