#pragma once
/// One page's WebSocket: TEXT messages of canonical JSON, UiRequest in, UiUpdate out.
///
/// The session (base/net) does the protocol work: reads bounded by max_message_bytes (a larger
/// message is answered with 1009), a write queue bounded in bytes and messages (a page that
/// lets it overflow is disconnected), closing that flushes the queue then exchanges close
/// frames within close_timeout, pings for idle pages. This adapter keeps the server's books
/// (connections, clients) and speaks the page's language: a malformed request gets a
/// BAD_REQUEST reply and reading goes on; a binary message closes the connection (1003).
/// Everything runs on the server's strand except EnqueueText's queue check.

#include <boost/beast/core/tcp_stream.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/net/websocket_handler.hpp"
#include "base/net/websocket_session.hpp"
#include "kiosk/ui_server/ui_server_state.hpp"

namespace minegate::kiosk::net::internal {

using UiUpgradeRequest = base::net::UpgradeRequest;

class UiWsClient final : public base::net::WebSocketHandler,
                         public UiConnection,
                         public UiClientLink,
                         public std::enable_shared_from_this<UiWsClient> {
 public:
  UiWsClient(std::shared_ptr<UiServerState> state, std::uint64_t connection_id);

  /// The session this adapter reports for; set once, before the session is accepted.
  void Attach(std::weak_ptr<base::net::WebSocketPeer> session) { session_ = std::move(session); }

  std::optional<base::net::CloseFrame> OnOpen(
      const std::shared_ptr<base::net::WebSocketPeer>& peer) override;
  Next OnMessage(base::net::MessageKind kind, std::string_view message) override;
  void OnClosed() override;

  void Shutdown() override;
  void EnqueueText(std::shared_ptr<const std::string> json) override;

 private:
  void HandleText(std::string_view json);

  std::shared_ptr<UiServerState> state_;
  const std::uint64_t connection_id_;
  ClientId client_id_ = 0;  ///< 0 until registered (on_open)
  std::weak_ptr<base::net::WebSocketPeer> session_;
};

/// Accepts an upgrade whose Host, Origin and page token were checked, as a new page.
void StartUiWsSession(boost::beast::tcp_stream stream, std::shared_ptr<UiServerState> state,
                      UiUpgradeRequest upgrade);

}  // namespace minegate::kiosk::net::internal
