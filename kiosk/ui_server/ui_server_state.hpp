#pragma once
/// What the UiServer and its sessions share. Asio only, no Beast. Everything here is used on
/// the server's one strand, except `client_count` (read from any thread).

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "kiosk/ui_server/ui_server.hpp"

namespace minegate::kiosk::net::internal {

/// A connection the server can end at Stop (HTTP or WebSocket).
class UiConnection {
 public:
  virtual ~UiConnection() = default;
  /// Ends the connection soon: at once for HTTP, after a close handshake for a WebSocket.
  virtual void Shutdown() = 0;
};

/// An open WebSocket, as Send and Broadcast see it.
class UiClientLink {
 public:
  virtual ~UiClientLink() = default;
  /// Queues one TEXT message (shared: a broadcast is serialised once).
  virtual void EnqueueText(std::shared_ptr<const std::string> json) = 0;
};

struct UiServerState {
  UiServerState(boost::asio::io_context& io_context, UiServerOptions server_options,
                UiHandlers server_handlers)
      : io(io_context),
        strand(boost::asio::make_strand(io_context)),
        options(std::move(server_options)),
        handlers(std::move(server_handlers)) {}

  boost::asio::io_context& io;
  /// Every socket, timer and handler of the server runs here.
  boost::asio::strand<boost::asio::io_context::executor_type> strand;
  const UiServerOptions options;
  const UiHandlers handlers;

  /// Set by Start: the port Host headers must name, and the bound address's own spelling.
  std::uint16_t port = 0;
  std::string bound_address;
  bool started = false;
  bool stopping = false;

  std::uint64_t next_connection = 1;
  std::map<std::uint64_t, std::weak_ptr<UiConnection>> connections;
  ClientId next_client = 1;
  std::map<ClientId, std::weak_ptr<UiClientLink>> clients;
  std::atomic<std::size_t> client_count{0};
};

}  // namespace minegate::kiosk::net::internal
