#pragma once
/// One WebSocket stream of binary messages, and the StreamPeer its protocol handler talks to.
///
/// Everything below runs on the connection's strand; the StreamPeer methods post there. Reads
/// are one at a time, never buffer more than one byte past websocket_message_max (an oversize
/// message is counted and closed with 1009), and may be paused by the handler; writes are one
/// at a time from a queue
/// bounded in bytes and messages (checked before posting, so even a producer on another
/// thread cannot outrun it); a peer that lets the queue overflow is disconnected. Closing
/// flushes the queue, sends the close frame, and is bounded by close_timeout.

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "server/net/http_types.hpp"
#include "server/net/internal/connection_registry.hpp"
#include "server/net/internal/server_state.hpp"
#include "server/net/internal/streams.hpp"
#include "server/net/stream.hpp"

namespace minegate::server::net::internal {

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

template <class Stream>
class WebSocketSession final : public StreamPeer,
                               public Connection,
                               public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  WebSocketSession(Stream stream, std::shared_ptr<ServerState> state, Remote remote);
  ~WebSocketSession() override;

  /// Accepts the upgrade, then asks `factory` (which the router keeps alive) for a handler.
  void Run(UpgradeRequest upgrade, HttpRequest request, const StreamFactory& factory);

  void SendBinary(std::string bytes) override;
  void Close(std::string reason) override;
  void ResumeReading() override;
  std::string remote_address() const override { return remote_.address; }

  void Shutdown() override;

 private:
  void OnAccept(const boost::system::error_code& ec);
  void DoRead();
  void OnRead(const boost::system::error_code& ec);
  void Enqueue(std::string bytes);
  void DoWrite();
  void OnWrite(const boost::system::error_code& ec);
  void OnOverflow();
  /// Records the close to send once the queue is flushed, and starts the close deadline.
  void StartClose(boost::beast::websocket::close_reason reason);
  void MaybeSendClose();
  /// Tells the handler (once), updates the counts, closes the socket, drops the queue.
  void Finish();
  /// Runs a call into the handler; an exception (a bug above us) ends the connection instead of
  /// escaping the Asio handler.
  template <class F>
  bool CallHandler(const char* what, F&& call);

  boost::beast::websocket::stream<Stream> ws_;
  const boost::asio::any_io_executor executor_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerState> state_;
  const Remote remote_;
  std::uint64_t id_ = 0;

  UpgradeRequest upgrade_;  ///< kept until the accept completes
  HttpRequest request_;     ///< given to the factory
  const StreamFactory* factory_ = nullptr;
  std::shared_ptr<StreamHandler> handler_;

  std::deque<std::string> queue_;  ///< front() is being written when writing_
  /// Bytes and messages accepted by SendBinary and not yet written or discarded.
  std::atomic<std::size_t> pending_bytes_{0};
  std::atomic<std::size_t> pending_messages_{0};
  /// Set by Close(), overflow or the end: SendBinary and Close do nothing from then on.
  std::atomic<bool> closing_{false};
  boost::asio::steady_timer close_timer_;
  std::optional<boost::beast::websocket::close_reason> close_reason_;

  bool accepted_ = false;
  bool open_ = false;  ///< counted in open_streams, handler told OnOpen
  bool reading_ = false;
  bool paused_ = false;
  bool writing_ = false;
  bool close_sent_ = false;
  bool finished_ = false;
};

/// Makes a WebSocketSession on `stream` and runs it.
template <class Stream>
void StartWebSocketSession(Stream stream, UpgradeRequest upgrade, HttpRequest request,
                           const StreamFactory& factory, std::shared_ptr<ServerState> state,
                           Remote remote);

extern template class WebSocketSession<PlainStream>;
extern template class WebSocketSession<TlsStream>;
extern template void StartWebSocketSession<PlainStream>(PlainStream, UpgradeRequest, HttpRequest,
                                                        const StreamFactory&,
                                                        std::shared_ptr<ServerState>, Remote);
extern template void StartWebSocketSession<TlsStream>(TlsStream, UpgradeRequest, HttpRequest,
                                                      const StreamFactory&,
                                                      std::shared_ptr<ServerState>, Remote);

}  // namespace minegate::server::net::internal
