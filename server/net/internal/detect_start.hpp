#pragma once
/// The listener's hand-off to the first session of a connection, declared without Beast so
/// that the listener's translation unit stays light.

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "server/net/internal/server_state.hpp"

namespace minegate::server::net::internal {

/// Starts detecting TLS on a freshly accepted socket (bound to its own strand).
void StartDetectSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state,
                        Remote remote);

}  // namespace minegate::server::net::internal
