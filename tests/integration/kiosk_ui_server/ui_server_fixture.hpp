// A real UiServer on 127.0.0.1 (ephemeral port) with its io_context on its own thread, and a
// thread-safe record of what its handlers were told.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/ui_server/ui_server.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::test::ui {

/// The page token of the servers the tests start (UiServerOptions::page_token).
inline constexpr char kTestPageToken[] = "5eb63bbbe01eeed093cb22bb8f5acdc3";

/// What the handlers saw, in order. All methods are thread-safe.
class HandlerLog {
 public:
  void Opened(kiosk::net::ClientId id);
  void Requested(kiosk::net::ClientId id, const v1::UiRequest& request);
  void Closed(kiosk::net::ClientId id);

  std::vector<kiosk::net::ClientId> opened() const;
  std::vector<kiosk::net::ClientId> closed() const;
  std::vector<std::pair<kiosk::net::ClientId, v1::UiRequest>> requests() const;

  /// Bounded waits (WaitUntil) for a count to be reached.
  bool WaitOpened(std::size_t count) const;
  bool WaitClosed(std::size_t count) const;
  bool WaitRequests(std::size_t count) const;

 private:
  mutable std::mutex mutex_;
  std::vector<kiosk::net::ClientId> opened_;
  std::vector<kiosk::net::ClientId> closed_;
  std::vector<std::pair<kiosk::net::ClientId, v1::UiRequest>> requests_;
};

class UiServerTest : public ::testing::Test {
 protected:
  /// Options the tests start from: the placeholder page, kTestPageToken, production limits.
  static kiosk::net::UiServerOptions DefaultOptions();

  /// Makes the server with `options`, starts it (asserting success) and runs the io thread.
  void StartServer(kiosk::net::UiServerOptions options = DefaultOptions());
  /// Stops the server and joins the io thread (bounded: fails the test if it hangs).
  void StopServer();
  void TearDown() override;

  boost::asio::io_context io_;
  std::unique_ptr<kiosk::net::UiServer> server_;
  std::uint16_t port_ = 0;
  HandlerLog log_;
  /// While set, on_request throws (a bug in the kiosk's application), after logging.
  std::atomic<bool> throw_on_request_{false};

 private:
  std::thread thread_;
};

}  // namespace minegate::test::ui
