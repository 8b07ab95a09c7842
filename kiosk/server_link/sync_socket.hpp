#pragma once
/// The sync stream's transport: a WebSocket over TLS to the server (GET /v1/kiosk/stream),
/// binary messages in and out, nothing about the protocol spoken over it. Beast stays in the
/// .cpp so that the protocol client compiles without it.
///
/// Threading: every call and every handler on the io_context's one thread.

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "kiosk/server_link/tls_pin.hpp"

namespace minegate::kiosk::net {

struct SyncSocketOptions {
  TlsEndpoint endpoint;
  std::string target = "/v1/kiosk/stream";
  /// No message (nor pong to our ping) for this long: the link is taken for dead.
  std::chrono::milliseconds idle_timeout{90000};
  /// Largest message accepted from the server (the protocol's 1 MiB).
  std::size_t message_max = 1 << 20;
  /// Messages queued for writing at most; the caller bounds its own in-flight work, this
  /// only stops a bug from growing memory.
  std::size_t send_queue_max = 64;
};

class SyncSocket {
 public:
  struct Handlers {
    /// The WebSocket is open: Send() may be called.
    std::function<void()> on_open;
    /// One binary message from the server.
    std::function<void(std::string message)> on_message;
    /// The link failed or ended (a LinkErrc); called once, and never after Close().
    std::function<void(boost::system::error_code)> on_closed;
  };

  /// Starts connecting at once; the handlers report what follows.
  static std::shared_ptr<SyncSocket> Connect(boost::asio::io_context& io, SyncSocketOptions options,
                                             Handlers handlers);
  virtual ~SyncSocket() = default;

  /// Queues one binary message. False when the socket is not open or its queue is full (the
  /// link is then closed and on_closed called).
  virtual bool Send(std::string message) = 0;
  /// Detaches the handlers (none is called afterwards) and closes: a WebSocket close
  /// handshake if open, bounded by the handshake timeout, else the socket at once.
  virtual void Close() = 0;
};

}  // namespace minegate::kiosk::net
