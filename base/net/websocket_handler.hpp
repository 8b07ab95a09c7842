#pragma once
/// What a WebSocket session and the protocol spoken over it (the server's sync protocol, the
/// kiosk page's JSON) say to each other, with no Beast type in sight.
///
/// Threading: the session calls its WebSocketHandler on its strand, one call at a time. A
/// WebSocketPeer may be called from any thread until the session is destroyed.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minegate::base::net {

/// RFC 6455 close codes the sessions send.
enum class CloseCode : std::uint16_t {
  kNormal = 1000,
  kGoingAway = 1001,
  kUnsupportedData = 1003,
  kPolicyViolation = 1008,
  kTooBig = 1009,
  kInternalError = 1011,
  kTryAgainLater = 1013,
};

/// A close frame to send. The reason is cut to the 123 bytes a frame carries, on a UTF-8
/// boundary (the reasons are French first).
struct CloseFrame {
  CloseCode code = CloseCode::kNormal;
  std::string reason;
};

enum class MessageKind { kText, kBinary };

struct WebSocketOptions {
  /// A larger message is answered with 1009 and the connection closed.
  std::size_t max_message_bytes = 1024 * 1024;
  /// Without a frame from the peer for this long, Beast pings; no answer either closes.
  std::chrono::milliseconds idle_timeout{300'000};
  /// Bounds the opening handshake, the flush before a close, and the close handshake.
  std::chrono::milliseconds close_timeout{5'000};
  /// Messages accepted by Send and not yet written: past either bound the peer is taken to have
  /// stopped reading and is disconnected.
  std::size_t send_queue_max_bytes = 8 * 1024 * 1024;
  std::size_t send_queue_max_messages = 1024;
  /// What Send writes: one protocol, one kind.
  MessageKind send_kind = MessageKind::kBinary;
  /// The handshake response's Server header.
  std::string server_header = "minegate";
  /// Answered in Sec-WebSocket-Protocol when not empty. The caller checked the offer (and the
  /// Origin, Host...) before handing the upgrade over: the session only answers.
  std::string subprotocol;
  /// More headers of the handshake response.
  std::vector<std::pair<std::string, std::string>> response_headers;
  /// The peer in log lines: an address and port, never anything a person typed.
  std::string log_remote;
};

/// The connection, as the protocol sees it. Thread-safe.
class WebSocketPeer {
 public:
  virtual ~WebSocketPeer() = default;

  /// Queues one message (shared: a broadcast is serialised once). Ignored once closing; a queue
  /// overflow disconnects (WebSocketHandler::OnSlowReader).
  virtual void Send(std::shared_ptr<const std::string> message) = 0;
  /// Sends what is queued, then `frame`; bounded by close_timeout. The first close wins; later
  /// Sends are ignored.
  virtual void Close(CloseFrame frame) = 0;
  /// Reads the next message after OnMessage returned kPauseReading; otherwise does nothing.
  virtual void ResumeReading() = 0;
};

/// The protocol side of one connection.
class WebSocketHandler {
 public:
  enum class Next {
    kContinueReading,  ///< read the next message now
    kPauseReading,     ///< read nothing more until WebSocketPeer::ResumeReading()
  };

  virtual ~WebSocketHandler() = default;

  /// The handshake succeeded and `peer` is usable. Returning a frame refuses the connection
  /// (sent at once, and no message is read).
  virtual std::optional<CloseFrame> OnOpen(const std::shared_ptr<WebSocketPeer>& peer) = 0;
  /// One complete message, at most max_message_bytes. The idle timeout runs while paused.
  virtual Next OnMessage(MessageKind kind, std::string_view message) = 0;
  /// A message over max_message_bytes arrived: the session then closes with 1009.
  virtual void OnOversize() {}
  /// The send queue overflowed: the session then drops the connection without a close frame.
  virtual void OnSlowReader() {}
  /// Exactly once and last, whatever ended the session, including a handshake that failed
  /// before OnOpen. A handler call that throws (a bug above) ends the session at once, without
  /// a close frame: nothing more is sent on behalf of a handler in an unknown state.
  virtual void OnClosed() = 0;
};

}  // namespace minegate::base::net
