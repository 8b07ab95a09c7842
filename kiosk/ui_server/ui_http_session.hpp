#pragma once
/// The HTTP side of one UI connection: serves the embedded files (GET, HEAD), refuses what is
/// not for this server (Host, Origin, page token, method), and hands a WebSocket upgrade of
/// /ui/socket to a UiWsSession. The session class lives in the .cpp: this header stays Beast-free.

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "kiosk/ui_server/ui_server_state.hpp"

namespace minegate::kiosk::net::internal {

/// Runs an HTTP session on `socket` (on the strand). The session keeps itself alive.
void StartUiHttpSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<UiServerState> state);

}  // namespace minegate::kiosk::net::internal
