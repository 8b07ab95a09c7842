#pragma once
/// What every session of one server shares: limits, routes, the TLS context, the observer and
/// the connection registry. Sessions hold it by shared_ptr, so it outlives the last of them;
/// the router and observer it refers to must outlive the io_context's handlers.

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "server/net/internal/connection_registry.hpp"
#include "server/net/net_options.hpp"
#include "server/net/router.hpp"

namespace minegate::server::net::internal {

/// The peer of a connection, captured once at accept.
struct Remote {
  std::string address;
  std::uint16_t port = 0;

  /// The peer in every log line of the network layer, one field: remote=10.0.0.7:51234,
  /// remote=[::1]:51234 (brackets, so that an IPv6 address and its port stay apart).
  std::string ForLog() const {
    const bool v6 = address.find(':') != std::string::npos;
    return (v6 ? '[' + address + ']' : address) + ':' + std::to_string(port);
  }
};

struct ServerState {
  ServerState(const Router& router_in, std::shared_ptr<boost::asio::ssl::context> tls_in,
              NetOptions options_in, NetObserver& observer_in)
      : router(router_in),
        tls(std::move(tls_in)),
        options(std::move(options_in)),
        observer(observer_in) {}

  const Router& router;
  const std::shared_ptr<boost::asio::ssl::context> tls;
  const NetOptions options;
  NetObserver& observer;
  ConnectionRegistry connections;
  std::atomic<std::size_t> open_streams{0};
};

}  // namespace minegate::server::net::internal
