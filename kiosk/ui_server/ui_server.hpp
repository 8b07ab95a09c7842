#pragma once
/// The kiosk's local web UI: serves the embedded page on a loopback address and talks to it
/// over one WebSocket per open page (GET /ui/socket). Every WebSocket message is a TEXT message
/// holding one proto/minegate/v1/kiosk_ui.proto message in proto3 canonical JSON: UiRequest
/// from the page, UiUpdate to it. No Beast type in this header.
///
/// Threading: all sockets and every handler run on one strand of the io_context (in practice
/// its one io thread). Send, Broadcast and Stop may be called from any thread: called on that
/// strand they act at once, otherwise they are posted to it. Start is called before the
/// io_context runs, or on its strand.
///
/// Security: the page is for the screen attached to the box, yet any local process and any web
/// page open in the kiosk's browser can reach a loopback port. So the server binds loopback
/// only, answers only requests whose Host names it (127.0.0.1, localhost or [::1] with its
/// port: defeats DNS rebinding), upgrades to a WebSocket only from its own origin (an upgrade
/// without Origin is refused: another local account's program sends none) and only for a page
/// that offers the per-start page token (UiServerOptions::page_token, see ui_http_policy.hpp),
/// and sends a strict Content-Security-Policy with every response. Every other request is a GET
/// or HEAD of a static file (anything else is refused with 405): the page changes state only
/// over the WebSocket, so no HTTP request without the token changes anything.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "kiosk/ui/static_files.hpp"
#include "kiosk/ui_server/ui_error.hpp"

namespace minegate::v1 {
class UiRequest;
class UiUpdate;
}  // namespace minegate::v1

namespace minegate::kiosk::net {

/// One open WebSocket (one page). Never reused while the server lives; 0 is never an id.
using ClientId = std::uint64_t;

struct UiServerOptions {
  /// An IP literal; must be a loopback address (127.0.0.0/8 or ::1).
  std::string address = "127.0.0.1";
  /// 0: any free port (Start returns it).
  std::uint16_t port = 0;
  /// What is served; views into static storage (kiosk::ui::StaticFiles()).
  std::span<const ui::StaticFile> files;
  /// The secret a page must offer to open the WebSocket: kPageTokenHexChars lower-case hex
  /// digits, random at each start (the daemon writes the page's URL with it, in the fragment,
  /// to a file only its own user can read). Start refuses a missing or malformed token.
  std::string page_token;
  /// Largest WebSocket message read from the page; a larger one closes that connection (1009).
  std::size_t max_message_bytes = 256 * 1024;
  /// Open WebSockets at once; further upgrades get 503.
  std::size_t max_clients = 16;
  /// TCP connections at once (HTTP and WebSocket); further ones are closed on accept.
  std::size_t max_connections = 64;
  /// Per client, updates queued and not yet written: beyond either bound the page is taken to
  /// have stopped reading and is disconnected, instead of growing the kiosk's memory.
  std::size_t send_queue_max_bytes = 4 * 1024 * 1024;
  std::size_t send_queue_max_messages = 256;
  /// Reading one HTTP request (keep-alive wait included) and writing its response.
  std::chrono::milliseconds request_timeout{10'000};
  /// A WebSocket silent this long is pinged, then closed after as long again.
  std::chrono::milliseconds websocket_idle_timeout{30'000};
  /// The WebSocket handshake, and a close (flush plus close frames), before the socket is cut.
  std::chrono::milliseconds close_timeout{2'000};
};

/// Called on the server's strand, one at a time. They must not throw: an exception closes the
/// client concerned (and is logged). Each may be empty.
struct UiHandlers {
  /// A page connected; send it the state now.
  std::function<void(ClientId)> on_open;
  /// A well-formed UiRequest (malformed ones are answered by the server itself).
  std::function<void(ClientId, const v1::UiRequest&)> on_request;
  /// Exactly once per on_open, whatever ended the connection (page closed, timeout, oversize or
  /// binary message, slow reader, Stop).
  std::function<void(ClientId)> on_close;
};

namespace internal {
struct UiServerState;
class UiListener;
}  // namespace internal

class UiServer {
 public:
  /// `io` must outlive the server and everything it runs.
  UiServer(boost::asio::io_context& io, UiServerOptions options, UiHandlers handlers);
  /// Stops (see Stop). Destroy the server once the io_context no longer runs its handlers, or
  /// the handlers' objects may be used after they are gone.
  ~UiServer();
  UiServer(const UiServer&) = delete;
  UiServer& operator=(const UiServer&) = delete;

  /// Checks the address (loopback only), binds, listens and starts accepting once `io` runs.
  /// Returns the bound port. Once per server.
  Result<std::uint16_t> Start();

  /// Queues `update` for one client; nothing if it has gone. A client whose queue overflows is
  /// disconnected.
  void Send(ClientId client, const v1::UiUpdate& update);
  /// Queues `update` for every open client (serialised once).
  void Broadcast(const v1::UiUpdate& update);
  /// Stops accepting, closes HTTP connections and sends every WebSocket a "going away" close,
  /// bounded by close_timeout; then `io` runs out of the server's work. Idempotent.
  void Stop();

  /// Open WebSockets (on_open called, on_close not yet). Any thread.
  std::size_t client_count() const;

 private:
  std::shared_ptr<internal::UiServerState> state_;
  std::shared_ptr<internal::UiListener> listener_;
};

}  // namespace minegate::kiosk::net
