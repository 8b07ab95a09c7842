#pragma once
/// Making a WebSocket session over an upgraded HTTP connection. The session itself is in
/// internal/websocket_session_impl.hpp, compiled once per stream type: the plain TCP stream in
/// base/net/websocket_session.cpp, TLS in server/net.

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>

#include "base/net/websocket_handler.hpp"

namespace minegate::base::net {

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

/// A session made and not yet accepted: register it (so a stop can close it), then Accept.
class WebSocketConnection : public WebSocketPeer {
 public:
  /// Answers the upgrade, then tells the handler OnOpen. Call once.
  virtual void Accept(UpgradeRequest upgrade) = 0;
};

/// A session on `stream` (its executor is the session's strand) that reports to `handler`,
/// which it owns until OnClosed returns.
template <class Stream>
std::shared_ptr<WebSocketConnection> MakeWebSocketSession(
    Stream stream, WebSocketOptions options, std::shared_ptr<WebSocketHandler> handler);

extern template std::shared_ptr<WebSocketConnection> MakeWebSocketSession<boost::beast::tcp_stream>(
    boost::beast::tcp_stream, WebSocketOptions, std::shared_ptr<WebSocketHandler>);

}  // namespace minegate::base::net
