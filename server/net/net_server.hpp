#pragma once
/// The network layer as the application sees it: one port serving HTTPS and WSS (and plain
/// HTTP/WS on loopback when allowed) through a router. No Beast type in this header.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstddef>
#include <memory>

#include "base/result.hpp"
#include "server/net/net_options.hpp"
#include "server/net/router.hpp"

namespace minegate::server::net {

using base::Result;

namespace internal {
struct ServerState;
class Listener;
}  // namespace internal

class NetServer {
 public:
  /// `router` and `observer` (nullptr: none) must outlive every handler run by `io`; the
  /// router must not change once Listen() has been called.
  NetServer(boost::asio::io_context& io, const Router& router,
            std::shared_ptr<boost::asio::ssl::context> tls, NetOptions options,
            NetObserver* observer);
  ~NetServer();
  NetServer(const NetServer&) = delete;
  NetServer& operator=(const NetServer&) = delete;

  /// Binds `endpoint` (port 0: any free port), listens and starts accepting once `io` runs.
  /// Returns the bound endpoint. Once per server.
  Result<boost::asio::ip::tcp::endpoint> Listen(const boost::asio::ip::tcp::endpoint& endpoint);

  /// Stops accepting and asks every connection to close: HTTP connections close after their
  /// current response, WebSockets flush and send a "going away" close frame, all bounded by
  /// NetOptions::close_timeout, after which `io` runs out of work. Thread-safe, idempotent.
  void Stop();

  /// WebSocket streams open now (handler made, OnClosed not yet called).
  std::size_t open_streams() const;
  /// Connections in any state (detecting, HTTP, WebSocket).
  std::size_t open_connections() const;

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<internal::ServerState> state_;
  std::shared_ptr<internal::Listener> listener_;
};

}  // namespace minegate::server::net
