// An in-process ServerApp on 127.0.0.1 (ephemeral port, real TLS with a generated
// certificate) with test streams, for the network layer's integration tests.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/app/server_app.hpp"
#include "server/net/stream.hpp"
#include "tests/support/net/ws_test_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server::test {

/// What every test handler of one server saw. Thread-safe.
struct StreamLog {
  std::atomic<int> opened{0};
  std::atomic<int> closed{0};
  std::atomic<int> closed_twice{0};  ///< must stay 0: OnClosed is exactly once
  std::atomic<int> binaries{0};
  std::atomic<int> texts{0};

  std::shared_ptr<net::StreamPeer> last_peer() {
    std::lock_guard lock(mutex);
    return peer;
  }

  std::mutex mutex;
  std::shared_ptr<net::StreamPeer> peer;
  /// Producer threads of "flood" requests; joined when the fixture ends.
  std::vector<std::thread> producers;
};

/// The test protocol, one per connection:
///   binary "pause"  -> replies "paused" and pauses reading (ResumeReading() restarts it)
///   binary "flood"  -> a thread sends 64 KiB messages every millisecond until the end
///   binary "close"  -> Close("au revoir / goodbye")
///   binary "long close" -> Close(100 times "é", 200 bytes: more than a close frame holds)
///   binary "throw"  -> throws (a bug above the network layer)
///   other binary    -> echoed
///   text            -> Close("texte refusé / text refused")
/// With `challenge`, OnOpen sends "challenge" first, as the sync protocol will.
class TestStreamHandler final : public net::StreamHandler {
 public:
  TestStreamHandler(std::shared_ptr<StreamLog> log, std::shared_ptr<net::StreamPeer> peer,
                    bool challenge);

  void OnOpen() override;
  Next OnBinary(std::string_view message) override;
  void OnText() override;
  void OnClosed() override;

 private:
  std::shared_ptr<StreamLog> log_;
  std::shared_ptr<net::StreamPeer> peer_;
  bool challenge_;
  std::shared_ptr<std::atomic<bool>> ended_ = std::make_shared<std::atomic<bool>>(false);
  int closes_ = 0;
};

/// Shorter than production so that the tests take seconds.
net::NetOptions TestNetOptions();

class ServerNetTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Starts the server with the test streams "/v1/kiosk/stream", "/v1/challenge" and
  /// "/v1/refused" (whose factory refuses every connection), running on its own thread.
  void StartServer(bool plain_http = false, net::NetOptions options = TestNetOptions());
  /// Stops it and waits (bounded) for Run() to return.
  void StopServer();

  /// TLS to the server, trusting its generated certificate, checking the name 127.0.0.1.
  minegate::test::ClientOptions Client() const;
  /// The counter or gauge sample `line_prefix` (e.g. `x_total{reason="text"}`) in /metrics as
  /// rendered by the registry, or -1 if absent.
  double MetricValue(const std::string& line_prefix);

  /// Routes a test adds before StartServer() starts the server (routes are fixed once running).
  std::function<void(net::Router&)> extra_routes_;

  minegate::test::TempDir dir_{"mg-net"};
  std::shared_ptr<StreamLog> log_ = std::make_shared<StreamLog>();
  std::unique_ptr<ServerApp> app_;
  std::thread runner_;
  std::shared_ptr<std::atomic<bool>> run_returned_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace minegate::server::test
