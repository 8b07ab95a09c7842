#include "kiosk/ui_server/ui_ws_session.hpp"

#include <google/protobuf/util/json_util.h>

#include <string>

#include "base/log.hpp"
#include "kiosk/ui_server/ui_http_policy.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::net::internal {

using base::net::CloseCode;
using base::net::CloseFrame;
using base::net::MessageKind;

namespace {

/// The answer to a message that is not a UiRequest: its request_id is unknown, hence 0.
std::shared_ptr<const std::string> BadRequestReply() {
  static const std::shared_ptr<const std::string> reply = [] {
    v1::UiUpdate update;
    v1::UiReply* r = update.mutable_reply();
    r->set_request_id(0);
    r->set_ok(false);
    r->set_error(v1::UI_ERROR_CODE_BAD_REQUEST);
    auto json = std::make_shared<std::string>();
    (void)google::protobuf::util::MessageToJsonString(update, json.get());
    return std::shared_ptr<const std::string>(std::move(json));
  }();
  return reply;
}

}  // namespace

UiWsClient::UiWsClient(std::shared_ptr<UiServerState> state, std::uint64_t connection_id)
    : state_(std::move(state)), connection_id_(connection_id) {}

std::optional<CloseFrame> UiWsClient::OnOpen(const std::shared_ptr<base::net::WebSocketPeer>&) {
  // Checked before the upgrade too; this catches upgrades that were accepted concurrently.
  if (state_->clients.size() >= state_->options.max_clients) {
    return CloseFrame{CloseCode::kTryAgainLater, "trop de pages ouvertes / too many pages open"};
  }
  client_id_ = state_->next_client++;
  state_->clients.emplace(client_id_, weak_from_this());
  state_->client_count.fetch_add(1);
  if (state_->handlers.on_open) state_->handlers.on_open(client_id_);
  return std::nullopt;
}

base::net::WebSocketHandler::Next UiWsClient::OnMessage(MessageKind kind,
                                                        std::string_view message) {
  if (kind == MessageKind::kBinary) {
    base::LogWarning("ui_message_refused", {{"kind", base::LogText("binary")}});
    if (auto session = session_.lock()) {
      session->Close(
          {CloseCode::kUnsupportedData, "messages texte seulement / text messages only"});
    }
    return Next::kPauseReading;  // nothing more is read from this page
  }
  HandleText(message);
  return Next::kContinueReading;
}

void UiWsClient::HandleText(std::string_view json) {
  v1::UiRequest request;
  google::protobuf::util::JsonParseOptions options;
  // The page is built with the daemon: an unknown field is a mistake to report, not to skip.
  options.ignore_unknown_fields = false;
  // StringPiece takes the view as it is: the page's message is not copied.
  if (!google::protobuf::util::JsonStringToMessage(json, &request, options).ok()) {
    return EnqueueText(BadRequestReply());
  }
  if (state_->handlers.on_request) state_->handlers.on_request(client_id_, request);
}

void UiWsClient::OnClosed() {
  state_->connections.erase(connection_id_);
  if (client_id_ == 0) return;
  state_->clients.erase(client_id_);
  state_->client_count.fetch_sub(1);
  // Last: the session catches what it throws.
  if (state_->handlers.on_close) state_->handlers.on_close(client_id_);
}

void UiWsClient::Shutdown() {
  if (auto session = session_.lock()) {
    session->Close({CloseCode::kGoingAway, "arrêt du kiosque / kiosk stopping"});
  }
}

void UiWsClient::EnqueueText(std::shared_ptr<const std::string> json) {
  if (auto session = session_.lock()) session->Send(std::move(json));
}

void StartUiWsSession(boost::beast::tcp_stream stream, std::shared_ptr<UiServerState> state,
                      UiUpgradeRequest upgrade) {
  const UiServerOptions& ui = state->options;
  base::net::WebSocketOptions options;
  options.max_message_bytes = ui.max_message_bytes;
  options.idle_timeout = ui.websocket_idle_timeout;
  options.close_timeout = ui.close_timeout;
  options.send_queue_max_bytes = ui.send_queue_max_bytes;
  options.send_queue_max_messages = ui.send_queue_max_messages;
  options.send_kind = MessageKind::kText;
  options.server_header = "minegate-kiosk";
  // The page offered this and its token (checked before the upgrade): answer with this only,
  // so the token is never echoed.
  options.subprotocol = std::string(kUiProtocol);
  options.response_headers = {{"Cache-Control", "no-store"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"}};
  options.log_remote = "ui";

  const std::uint64_t connection_id = state->next_connection++;
  auto client = std::make_shared<UiWsClient>(state, connection_id);
  auto session = base::net::MakeWebSocketSession(std::move(stream), std::move(options), client);
  client->Attach(session);
  state->connections.emplace(connection_id, client);
  session->Accept(std::move(upgrade));
}

}  // namespace minegate::kiosk::net::internal
