#pragma once
/// Limits, timeouts and observation hooks of the network layer. The defaults are the
/// production values; tests shorten the timeouts.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace minegate::server::net {

struct NetOptions {
  /// Accept plain HTTP and WebSocket (no TLS). The application allows it only on a loopback
  /// listen address; otherwise a plain connection gets a 400 and is closed.
  bool allow_plain = false;
  /// From TCP accept to an established TLS session (detection plus handshake): a client that
  /// connects and stalls is dropped after this.
  std::chrono::milliseconds handshake_timeout{10'000};
  /// Reading one HTTP request (including the keep-alive wait before it) and writing its
  /// response.
  std::chrono::milliseconds request_timeout{30'000};
  std::uint64_t http_body_limit = 64 * 1024;
  std::uint32_t http_header_limit = 16 * 1024;
  /// Largest WebSocket message read, in payload bytes (WebSocket frame headers not counted):
  /// exactly 1 MiB, as docs/protocol.md §1 states. One byte more closes with 1009.
  std::size_t websocket_message_max = 1024 * 1024;
  /// A WebSocket with no traffic for this long is pinged, then closed after as long again.
  std::chrono::milliseconds websocket_idle_timeout{300'000};
  /// Per WebSocket, messages queued and not yet written: beyond either bound the peer is
  /// considered to have stopped reading, and is disconnected.
  std::size_t send_queue_max_bytes = 8 * 1024 * 1024;
  std::size_t send_queue_max_messages = 1024;
  /// How long a closing WebSocket (StreamPeer::Close, server stop) may take to flush and
  /// exchange close frames before its socket is closed regardless.
  std::chrono::milliseconds close_timeout{5'000};
  /// Connections beyond this are accepted and immediately closed.
  std::size_t max_connections = 10'000;
};

/// Why a frame was refused by the network layer (a malformed one is the protocol's call).
enum class RejectedFrame { kOversize, kText };
/// Why the network layer dropped a connection.
enum class DroppedConnection {
  kHandshakeTimeout,    ///< no TLS (or plain) request within NetOptions::handshake_timeout
  kTlsFailed,           ///< the TLS handshake failed
  kPlainRefused,        ///< plain HTTP while only TLS is allowed
  kSlowReader,          ///< a WebSocket send queue overflowed
  kTooManyConnections,  ///< NetOptions::max_connections reached
};

/// Label values for metrics: "oversize", "text".
std::string_view ToString(RejectedFrame reason);
/// Label values for metrics: "handshake_timeout", "tls_failed", "plain_refused",
/// "slow_reader", "too_many_connections".
std::string_view ToString(DroppedConnection reason);

/// Told about connections as they come and go, to feed metrics. Called from I/O threads,
/// concurrently: implementations must be thread-safe, quick, and must not throw.
class NetObserver {
 public:
  virtual ~NetObserver() = default;
  /// A WebSocket stream got its handler (OnOpen is next).
  virtual void OnStreamOpened() {}
  /// That stream's handler got OnClosed.
  virtual void OnStreamClosed() {}
  virtual void OnFrameRejected(RejectedFrame /*reason*/) {}
  virtual void OnConnectionDropped(DroppedConnection /*reason*/) {}
};

}  // namespace minegate::server::net
