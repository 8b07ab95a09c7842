#pragma once
/// The server's side of a WebSocket: the shared session (base/net) speaks the protocol, this
/// adapter turns it into the StreamHandler / StreamPeer contract of server/net/stream.hpp and
/// keeps the server's books (connection registry, open stream count, observer).
///
/// Binary messages go to the StreamHandler; a text message is counted as rejected and
/// reported with OnText (reading goes on: the handler usually closes).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/net/websocket_handler.hpp"
#include "base/net/websocket_session.hpp"
#include "server/net/http_types.hpp"
#include "server/net/internal/connection_registry.hpp"
#include "server/net/internal/server_state.hpp"
#include "server/net/internal/streams.hpp"
#include "server/net/stream.hpp"

namespace minegate::server::net::internal {

using UpgradeRequest = base::net::UpgradeRequest;

class ServerStream final : public base::net::WebSocketHandler,
                           public StreamPeer,
                           public Connection,
                           public std::enable_shared_from_this<ServerStream> {
 public:
  ServerStream(std::shared_ptr<ServerState> state, Remote remote, HttpRequest request,
               const StreamFactory& factory);

  /// The session this adapter reports for; set once, before the session is accepted.
  void Attach(std::weak_ptr<base::net::WebSocketPeer> session) { session_ = std::move(session); }
  void set_id(std::uint64_t id) { id_ = id; }

  // base::net::WebSocketHandler, on the session's strand.
  std::optional<base::net::CloseFrame> OnOpen(
      const std::shared_ptr<base::net::WebSocketPeer>& peer) override;
  Next OnMessage(base::net::MessageKind kind, std::string_view message) override;
  void OnOversize() override;
  void OnSlowReader() override;
  void OnClosed() override;

  // StreamPeer, from any thread.
  void SendBinary(std::string bytes) override;
  void Close(std::string reason) override;
  void ResumeReading() override;
  std::string remote_address() const override { return remote_.address; }

  // Connection, from any thread.
  void Shutdown() override;

 private:
  std::shared_ptr<ServerState> state_;
  const Remote remote_;
  HttpRequest request_;  ///< given to the factory, then dropped
  const StreamFactory* factory_;
  /// Set before the session runs, read-only afterwards: safe from any thread.
  std::weak_ptr<base::net::WebSocketPeer> session_;
  /// Keeps the session alive while open even with no operation pending (paused reading): the
  /// protocol handler holds this adapter as its peer. Dropped at OnClosed.
  std::shared_ptr<base::net::WebSocketPeer> open_session_;
  std::shared_ptr<StreamHandler> handler_;
  std::uint64_t id_ = 0;
  bool open_ = false;  ///< counted in open_streams
};

/// Makes the session for an upgrade routed to `factory` (which the router keeps alive),
/// registers it and accepts it.
template <class Stream>
void StartWebSocketSession(Stream stream, UpgradeRequest upgrade, HttpRequest request,
                           const StreamFactory& factory, std::shared_ptr<ServerState> state,
                           Remote remote);

extern template void StartWebSocketSession<PlainStream>(PlainStream, UpgradeRequest, HttpRequest,
                                                        const StreamFactory&,
                                                        std::shared_ptr<ServerState>, Remote);
extern template void StartWebSocketSession<TlsStream>(TlsStream, UpgradeRequest, HttpRequest,
                                                      const StreamFactory&,
                                                      std::shared_ptr<ServerState>, Remote);

}  // namespace minegate::server::net::internal
