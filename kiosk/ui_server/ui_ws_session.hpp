#pragma once
/// One page's WebSocket: TEXT messages of canonical JSON, UiRequest in, UiUpdate out.
///
/// Everything runs on the server's strand. Reads are one at a time and bounded by
/// max_message_bytes (Beast's read_message_max: a larger message is answered with close code
/// 1009); a malformed request is answered with a BAD_REQUEST reply and reading goes on; a binary
/// message closes the connection (1003). Writes go one at a time from a queue bounded in bytes
/// and messages; a page that lets it overflow is disconnected. Closing flushes the queue, then
/// exchanges close frames, bounded by close_timeout. Idle pages are pinged by Beast's timeout.

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/ui_server/ui_server_state.hpp"

namespace minegate::kiosk::net::internal {

using UiUpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

class UiWsSession final : public UiConnection,
                          public UiClientLink,
                          public std::enable_shared_from_this<UiWsSession> {
 public:
  UiWsSession(boost::beast::tcp_stream stream, std::shared_ptr<UiServerState> state);
  ~UiWsSession() override;

  /// Accepts the upgrade (the checks on Host, Origin and page token are done), then registers
  /// the client.
  void Run(UiUpgradeRequest upgrade);

  void Shutdown() override;
  void EnqueueText(std::shared_ptr<const std::string> json) override;

 private:
  void OnAccept(const boost::system::error_code& ec);
  void DoRead();
  void OnRead(const boost::system::error_code& ec);
  void HandleText();
  void DoWrite();
  void OnWrite(const boost::system::error_code& ec);
  /// Records the close frame to send once the queue is flushed, and starts the close deadline.
  void StartClose(boost::beast::websocket::close_reason reason);
  void MaybeSendClose();
  /// Once: closes the socket, unregisters, tells on_close (if on_open was told).
  void Finish();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<UiServerState> state_;
  UiUpgradeRequest upgrade_;  ///< kept until the accept completes
  std::uint64_t connection_id_ = 0;
  ClientId client_id_ = 0;  ///< 0 until registered (on_open)

  std::deque<std::shared_ptr<const std::string>> queue_;  ///< front() in flight when writing_
  std::size_t queued_bytes_ = 0;
  boost::asio::steady_timer close_timer_;
  std::optional<boost::beast::websocket::close_reason> close_reason_;

  bool accepted_ = false;
  bool reading_ = false;
  bool writing_ = false;
  bool close_sent_ = false;
  bool finished_ = false;
};

}  // namespace minegate::kiosk::net::internal
