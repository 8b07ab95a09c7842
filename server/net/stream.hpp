#pragma once
/// The contract between a WebSocket connection and the protocol spoken over it (the kiosk
/// sync protocol): binary messages in, binary messages out, and flow control, with no Beast
/// type in sight.
///
/// Threading: the network layer calls a StreamHandler on its connection's strand, one call at
/// a time, never concurrently. A StreamPeer may be called from any thread (a database writer
/// acknowledging a commit, say) until the server is destroyed.
///
/// Lifetime: the connection owns its handler until OnClosed() returns, then drops it. The
/// handler may keep its peer: once the connection is closed, every call on it does nothing.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/net/http_types.hpp"

namespace minegate::server::net {

/// The connection, as the protocol sees it. Implemented by the network layer; thread-safe.
class StreamPeer {
 public:
  virtual ~StreamPeer() = default;

  /// Queues one binary message. The queue is bounded (NetOptions::send_queue_max_*): a peer
  /// that stops reading is disconnected when it overflows, rather than grow the server's
  /// memory. Ignored once the connection is closing.
  virtual void SendBinary(std::string bytes) = 0;
  /// Sends what is already queued, then a close frame carrying `reason` (cut to the 123
  /// bytes a close frame can carry). Later SendBinary calls are ignored.
  virtual void Close(std::string reason) = 0;
  /// Reads the next message after OnBinary() returned kPauseReading; otherwise does nothing.
  virtual void ResumeReading() = 0;
  /// The peer's IP address, for logs and audit.
  virtual std::string remote_address() const = 0;
};

/// The protocol side of one connection. Implemented by the layer above.
class StreamHandler {
 public:
  enum class Next {
    kContinueReading,  ///< read the next message now
    kPauseReading,     ///< read nothing more until StreamPeer::ResumeReading()
  };

  virtual ~StreamHandler() = default;

  /// The WebSocket is open and the peer usable: e.g. send a challenge.
  virtual void OnOpen() = 0;
  /// One complete binary message (at most NetOptions::websocket_message_max bytes). Pausing
  /// lets the protocol bound its in-flight work, e.g. until a database commit returns; the
  /// connection's idle timeout still runs while paused.
  virtual Next OnBinary(std::string_view message) = 0;
  /// A text message arrived: the protocol is binary, so this is the peer's error. The layer
  /// has counted it as rejected and keeps reading; the handler usually closes.
  virtual void OnText() = 0;
  /// Called exactly once, whatever ended the connection (either side closing, a timeout, an
  /// oversize message, a slow reader, the server stopping), and last.
  virtual void OnClosed() = 0;
};

/// Makes the handler for a new connection once the WebSocket handshake has succeeded;
/// `upgrade` is the HTTP request that asked for it. Returning nullptr refuses the connection
/// (closed with a policy-violation close frame). Must not throw.
using StreamFactory = std::function<std::shared_ptr<StreamHandler>(
    const HttpRequest& upgrade, std::shared_ptr<StreamPeer> peer)>;

}  // namespace minegate::server::net
