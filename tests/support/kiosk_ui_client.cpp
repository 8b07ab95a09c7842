#include "tests/support/kiosk_ui_client.hpp"

#include <google/protobuf/util/json_util.h>

namespace minegate::test {

std::unique_ptr<KioskUiClient> KioskUiClient::Connect(std::uint16_t port,
                                                      const std::string& page_token,
                                                      std::string& error) {
  ui::WsClient::Options options;
  options.port = port;
  options.origin = "http://" + ui::LoopbackHost(port);
  options.token = page_token;
  auto [ws, refused] = ui::WsClient::Connect(options);
  if (!ws) {
    error =
        "ui socket refused: " + refused.ec.message() + " (" + std::to_string(refused.status) + ")";
    return nullptr;
  }
  return std::unique_ptr<KioskUiClient>(new KioskUiClient(std::move(ws)));
}

bool KioskUiClient::ReadOne(std::chrono::steady_clock::time_point deadline) {
  const auto now = std::chrono::steady_clock::now();
  if (now >= deadline) return false;
  auto message =
      ws_->Receive(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  if (!message) return false;
  v1::UiUpdate update;
  if (!google::protobuf::util::JsonStringToMessage(message.value().data, &update).ok()) {
    return false;
  }
  if (update.has_state()) state_ = update.state();
  if (update.has_tap()) taps_.push_back(update.tap());
  if (update.has_reply()) replies_.push_back(update.reply());
  return true;
}

std::optional<v1::UiReply> KioskUiClient::Request(v1::UiRequest request,
                                                  std::chrono::milliseconds timeout) {
  const std::uint64_t id = next_request_id_++;
  request.set_request_id(id);
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(request, &json).ok()) return std::nullopt;
  if (ws_->SendText(json)) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (auto it = replies_.begin(); it != replies_.end(); ++it) {
      if (it->request_id() == id) {
        v1::UiReply reply = *it;
        replies_.erase(it);
        return reply;
      }
    }
    if (!ReadOne(deadline)) return std::nullopt;
  }
}

std::optional<v1::KioskState> KioskUiClient::WaitForState(
    const std::function<bool(const v1::KioskState&)>& predicate,
    std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate(state_)) {
    if (!ReadOne(deadline)) return std::nullopt;
  }
  return state_;
}

std::optional<v1::TapOutcome> KioskUiClient::NextTap(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (taps_.empty()) {
    if (!ReadOne(deadline)) return std::nullopt;
  }
  v1::TapOutcome tap = taps_.front();
  taps_.erase(taps_.begin());
  return tap;
}

}  // namespace minegate::test
