// The one instantiation of the session for plain TCP, used by the kiosk's page server and the
// server's loopback-only plain port alike.
#include "base/net/websocket_session.hpp"

#include "base/net/internal/websocket_session_impl.hpp"

namespace minegate::base::net {

template std::shared_ptr<WebSocketConnection> MakeWebSocketSession<boost::beast::tcp_stream>(
    boost::beast::tcp_stream, WebSocketOptions, std::shared_ptr<WebSocketHandler>);

}  // namespace minegate::base::net
