// The server's WebSocket adapter, and the one instantiation of the shared session for TLS
// (the plain TCP one is compiled once in base/net).
#include "server/net/internal/websocket_session.hpp"

#include "base/net/internal/websocket_session_impl.hpp"
#include "server/net/internal/streams.hpp"

namespace minegate::server::net::internal {

using base::net::CloseCode;
using base::net::CloseFrame;
using base::net::MessageKind;

ServerStream::ServerStream(std::shared_ptr<ServerState> state, Remote remote, HttpRequest request,
                           const StreamFactory& factory)
    : state_(std::move(state)),
      remote_(std::move(remote)),
      request_(std::move(request)),
      factory_(&factory) {}

std::optional<CloseFrame> ServerStream::OnOpen(
    const std::shared_ptr<base::net::WebSocketPeer>& peer) {
  HttpRequest request = std::move(request_);
  request_ = {};
  std::shared_ptr<StreamHandler> handler = (*factory_)(request, shared_from_this());
  if (!handler) return CloseFrame{CloseCode::kPolicyViolation, "refusé / refused"};
  handler_ = std::move(handler);
  open_session_ = peer;
  open_ = true;
  ++state_->open_streams;
  state_->observer.OnStreamOpened();
  handler_->OnOpen();
  return std::nullopt;
}

base::net::WebSocketHandler::Next ServerStream::OnMessage(MessageKind kind,
                                                          std::string_view message) {
  if (kind == MessageKind::kText) {
    state_->observer.OnFrameRejected(RejectedFrame::kText);
    handler_->OnText();
    return Next::kContinueReading;
  }
  return handler_->OnBinary(message) == StreamHandler::Next::kPauseReading ? Next::kPauseReading
                                                                           : Next::kContinueReading;
}

void ServerStream::OnOversize() { state_->observer.OnFrameRejected(RejectedFrame::kOversize); }

void ServerStream::OnSlowReader() {
  state_->observer.OnConnectionDropped(DroppedConnection::kSlowReader);
}

void ServerStream::OnClosed() {
  if (open_) {
    open_ = false;
    --state_->open_streams;
    state_->observer.OnStreamClosed();
  }
  state_->connections.Remove(id_);
  id_ = 0;
  open_session_.reset();
  // Last: the session catches what it throws.
  if (auto handler = std::move(handler_)) handler->OnClosed();
}

void ServerStream::SendBinary(std::string bytes) {
  if (auto session = session_.lock()) {
    session->Send(std::make_shared<const std::string>(std::move(bytes)));
  }
}

void ServerStream::Close(std::string reason) {
  if (auto session = session_.lock()) session->Close({CloseCode::kNormal, std::move(reason)});
}

void ServerStream::ResumeReading() {
  if (auto session = session_.lock()) session->ResumeReading();
}

void ServerStream::Shutdown() {
  if (auto session = session_.lock()) {
    session->Close({CloseCode::kGoingAway, "arrêt du serveur / server stopping"});
  }
}

template <class Stream>
void StartWebSocketSession(Stream stream, UpgradeRequest upgrade, HttpRequest request,
                           const StreamFactory& factory, std::shared_ptr<ServerState> state,
                           Remote remote) {
  const NetOptions& net = state->options;
  base::net::WebSocketOptions options;
  options.max_message_bytes = net.websocket_message_max;
  options.idle_timeout = net.websocket_idle_timeout;
  options.close_timeout = net.close_timeout;
  options.send_queue_max_bytes = net.send_queue_max_bytes;
  options.send_queue_max_messages = net.send_queue_max_messages;
  options.send_kind = MessageKind::kBinary;
  options.server_header = "minegate";
  options.log_remote = remote.ForLog();

  auto adapter =
      std::make_shared<ServerStream>(state, std::move(remote), std::move(request), factory);
  auto session = base::net::MakeWebSocketSession(std::move(stream), std::move(options), adapter);
  adapter->Attach(session);
  const std::uint64_t id = state->connections.Add(adapter);
  if (id == 0) return;  // stopping: the session closes the socket as it goes
  adapter->set_id(id);
  session->Accept(std::move(upgrade));
}

template void StartWebSocketSession<PlainStream>(PlainStream, UpgradeRequest, HttpRequest,
                                                 const StreamFactory&, std::shared_ptr<ServerState>,
                                                 Remote);
template void StartWebSocketSession<TlsStream>(TlsStream, UpgradeRequest, HttpRequest,
                                               const StreamFactory&, std::shared_ptr<ServerState>,
                                               Remote);

}  // namespace minegate::server::net::internal

namespace minegate::base::net {
template std::shared_ptr<WebSocketConnection>
    MakeWebSocketSession<minegate::server::net::internal::TlsStream>(
        minegate::server::net::internal::TlsStream, WebSocketOptions,
        std::shared_ptr<WebSocketHandler>);
}  // namespace minegate::base::net
