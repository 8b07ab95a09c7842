// The kiosk's page as a test sees it: one WebSocket to /ui/socket speaking
// kiosk_ui.proto in JSON, with bounded waits for replies, states and tap
// outcomes. Not thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "minegate/v1/kiosk_ui.pb.h"
#include "tests/support/net/ui_test_client.hpp"

namespace minegate::test {

class KioskUiClient {
 public:
  static constexpr std::chrono::milliseconds kTimeout{15'000};

  /// Connects as the kiosk's own page does: its origin, and this start's page token (from
  /// KioskProcess::page_token(), i.e. DATA_DIR/page-url).
  static std::unique_ptr<KioskUiClient> Connect(std::uint16_t port, const std::string& page_token,
                                                std::string& error);

  /// Sends the request and waits for its reply (other updates are kept: state() and taps).
  std::optional<v1::UiReply> Request(v1::UiRequest request,
                                     std::chrono::milliseconds timeout = kTimeout);
  /// Waits until a state satisfies `predicate` (the latest one is checked first).
  std::optional<v1::KioskState> WaitForState(
      const std::function<bool(const v1::KioskState&)>& predicate,
      std::chrono::milliseconds timeout = kTimeout);
  /// The next tap outcome not yet taken.
  std::optional<v1::TapOutcome> NextTap(std::chrono::milliseconds timeout = kTimeout);
  const v1::KioskState& state() const { return state_; }

 private:
  explicit KioskUiClient(std::unique_ptr<ui::WsClient> ws) : ws_(std::move(ws)) {}
  /// Reads one update (bounded); false on timeout or a closed socket.
  bool ReadOne(std::chrono::steady_clock::time_point deadline);

  std::unique_ptr<ui::WsClient> ws_;
  v1::KioskState state_;
  std::vector<v1::TapOutcome> taps_;
  std::vector<v1::UiReply> replies_;
  std::uint64_t next_request_id_ = 1;
};

}  // namespace minegate::test
