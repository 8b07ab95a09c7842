#include "kiosk/ui_server/ui_ws_session.hpp"

#include <google/protobuf/util/json_util.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/error.hpp>
#include <exception>
#include <string_view>

#include "kiosk/ui_server/ui_http_policy.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::net::internal {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

/// The ordinary ways for a WebSocket to end: not worth a log line each.
bool IsRoutineEnd(const boost::system::error_code& ec) {
  return ec == websocket::error::closed || ec == asio::error::operation_aborted ||
         ec == beast::error::timeout || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::not_connected;
}

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

/// Runs a handler; an exception (a bug above us) is logged and reported as false instead of
/// escaping the Asio handler.
template <class F>
bool CallHandler(const char* what, F&& call) {
  try {
    call();
    return true;
  } catch (const std::exception& e) {
    LogUi(what, std::string("exception: ") + e.what());
  } catch (...) {
    LogUi(what, "exception");
  }
  return false;
}

}  // namespace

UiWsSession::UiWsSession(beast::tcp_stream stream, std::shared_ptr<UiServerState> state)
    : ws_(std::move(stream)), state_(std::move(state)), close_timer_(state_->strand) {}

UiWsSession::~UiWsSession() {
  // Only reached unfinished if the io_context was destroyed with operations pending.
  if (!finished_) Finish();
}

void UiWsSession::Run(UiUpgradeRequest upgrade) {
  connection_id_ = state_->next_connection++;
  state_->connections.emplace(connection_id_, weak_from_this());
  upgrade_ = std::move(upgrade);
  const UiServerOptions& options = state_->options;
  // The WebSocket's own timers take over from the TCP stream's.
  beast::get_lowest_layer(ws_).expires_never();
  auto timeout = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeout.handshake_timeout = options.close_timeout;  // also bounds the close handshake
  timeout.idle_timeout = options.websocket_idle_timeout;
  timeout.keep_alive_pings = true;
  ws_.set_option(timeout);
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(beast::http::field::server, "minegate-kiosk");
    // The page offered this and its token (checked before the upgrade): answer with this only,
    // so the token is never echoed.
    response.set(beast::http::field::sec_websocket_protocol,
                 beast::string_view(kUiProtocol.data(), kUiProtocol.size()));
    response.set(beast::http::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
  }));
  ws_.read_message_max(options.max_message_bytes);
  ws_.text(true);
  ws_.async_accept(upgrade_,
                   [self = shared_from_this()](beast::error_code ec) { self->OnAccept(ec); });
}

void UiWsSession::OnAccept(const boost::system::error_code& ec) {
  upgrade_ = {};
  if (ec) {
    if (!IsRoutineEnd(ec)) LogUi("accueil WebSocket / WebSocket accept", ec.message());
    return Finish();
  }
  accepted_ = true;
  if (close_reason_ || finished_) return MaybeSendClose();  // stopping meanwhile
  // Checked before the upgrade too; this catches upgrades that were accepted concurrently.
  if (state_->clients.size() >= state_->options.max_clients) {
    return StartClose(websocket::close_reason(websocket::close_code::try_again_later,
                                              "trop de pages ouvertes / too many pages open"));
  }
  client_id_ = state_->next_client++;
  state_->clients.emplace(client_id_, weak_from_this());
  state_->client_count.fetch_add(1);
  if (state_->handlers.on_open &&
      !CallHandler("on_open", [this] { state_->handlers.on_open(client_id_); })) {
    return StartClose(websocket::close_code::internal_error);
  }
  DoRead();
}

void UiWsSession::DoRead() {
  // No new read once closing: async_close reads the peer's close frame itself.
  if (finished_ || close_reason_ || reading_) return;
  reading_ = true;
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->OnRead(ec);
  });
}

void UiWsSession::OnRead(const boost::system::error_code& ec) {
  reading_ = false;
  if (ec == websocket::error::message_too_big) {
    // Beast has already sent the 1009 close frame and finishes the close itself.
    LogUi("message refusé / message refused", "plus grand que la limite / larger than the limit");
    return Finish();
  }
  if (ec) {
    if (!IsRoutineEnd(ec)) LogUi("lecture WebSocket / WebSocket read", ec.message());
    return Finish();
  }
  if (finished_) return;
  if (!ws_.got_text()) {
    buffer_.consume(buffer_.size());
    LogUi("message refusé / message refused", "binaire / binary");
    return StartClose(websocket::close_reason(websocket::close_code::unknown_data,
                                              "messages texte seulement / text messages only"));
  }
  HandleText();
  buffer_.consume(buffer_.size());
  DoRead();
}

void UiWsSession::HandleText() {
  const auto data = buffer_.cdata();
  const std::string json(static_cast<const char*>(data.data()), data.size());
  v1::UiRequest request;
  google::protobuf::util::JsonParseOptions options;
  // The page is built with the daemon: an unknown field is a mistake to report, not to skip.
  options.ignore_unknown_fields = false;
  if (!google::protobuf::util::JsonStringToMessage(json, &request, options).ok()) {
    return EnqueueText(BadRequestReply());
  }
  if (!state_->handlers.on_request) return;
  if (!CallHandler("on_request", [&] { state_->handlers.on_request(client_id_, request); })) {
    StartClose(websocket::close_code::internal_error);
  }
}

void UiWsSession::EnqueueText(std::shared_ptr<const std::string> json) {
  if (finished_ || close_reason_ || !json) return;
  const UiServerOptions& options = state_->options;
  if (queue_.size() + 1 > options.send_queue_max_messages ||
      queued_bytes_ + json->size() > options.send_queue_max_bytes) {
    LogUi("page déconnectée / page disconnected",
          "file d'envoi pleine, la page ne lit plus / send queue full, the page stopped reading");
    return Finish();
  }
  queued_bytes_ += json->size();
  queue_.push_back(std::move(json));
  if (!writing_) DoWrite();
}

void UiWsSession::DoWrite() {
  writing_ = true;
  ws_.async_write(
      asio::buffer(*queue_.front()),
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnWrite(ec); });
}

void UiWsSession::OnWrite(const boost::system::error_code& ec) {
  writing_ = false;
  if (finished_) {
    queue_.clear();  // kept until now: the write was still using its front
    queued_bytes_ = 0;
    return;
  }
  queued_bytes_ -= queue_.front()->size();
  queue_.pop_front();
  if (ec) {
    if (!IsRoutineEnd(ec)) LogUi("écriture WebSocket / WebSocket write", ec.message());
    return Finish();
  }
  if (!queue_.empty()) return DoWrite();
  MaybeSendClose();
}

void UiWsSession::Shutdown() {
  StartClose(websocket::close_reason(websocket::close_code::going_away,
                                     "arrêt du kiosque / kiosk stopping"));
}

void UiWsSession::StartClose(websocket::close_reason reason) {
  if (finished_ || close_reason_) return;
  close_reason_ = std::move(reason);
  // Flushing the queue and the close handshake both depend on the page: bound them.
  close_timer_.expires_after(state_->options.close_timeout);
  close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->finished_) return;
    self->Finish();
  });
  MaybeSendClose();
}

void UiWsSession::MaybeSendClose() {
  if (!close_reason_ || close_sent_ || writing_ || !accepted_ || finished_) return;
  close_sent_ = true;
  ws_.async_close(*close_reason_, [self = shared_from_this()](beast::error_code ec) {
    if (ec && !IsRoutineEnd(ec)) LogUi("fermeture WebSocket / WebSocket close", ec.message());
    self->Finish();
  });
}

void UiWsSession::Finish() {
  if (finished_) return;
  finished_ = true;
  close_timer_.cancel();
  // Disarms Beast's idle-ping timer so that nothing keeps the io_context busy after a stop.
  ws_.set_option(websocket::stream_base::timeout{websocket::stream_base::none(),
                                                 websocket::stream_base::none(), false});
  // Ends any pending read or write now; their handlers find finished_ set.
  beast::get_lowest_layer(ws_).close();
  if (!writing_) {
    queue_.clear();
    queued_bytes_ = 0;
  }
  state_->connections.erase(connection_id_);
  if (client_id_ != 0) {
    state_->clients.erase(client_id_);
    state_->client_count.fetch_sub(1);
    if (state_->handlers.on_close) {
      CallHandler("on_close", [this] { state_->handlers.on_close(client_id_); });
    }
  }
}

}  // namespace minegate::kiosk::net::internal
