#include "tests/integration/server_net/server_fixture.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "tests/support/wait.hpp"

namespace minegate::server::test {

TestStreamHandler::TestStreamHandler(std::shared_ptr<StreamLog> log,
                                     std::shared_ptr<net::StreamPeer> peer, bool challenge)
    : log_(std::move(log)), peer_(std::move(peer)), challenge_(challenge) {}

void TestStreamHandler::OnOpen() {
  ++log_->opened;
  {
    std::lock_guard lock(log_->mutex);
    log_->peer = peer_;
  }
  if (challenge_) peer_->SendBinary("challenge");
}

net::StreamHandler::Next TestStreamHandler::OnBinary(std::string_view message) {
  ++log_->binaries;
  if (message == "pause") {
    peer_->SendBinary("paused");
    return Next::kPauseReading;
  }
  if (message == "close") {
    peer_->Close("au revoir / goodbye");
    return Next::kContinueReading;
  }
  if (message == "long close") {
    // 100 two-byte "é": byte 123 falls in the middle of one.
    std::string reason;
    for (int i = 0; i < 100; ++i) reason += "\xc3\xa9";
    peer_->Close(std::move(reason));
    return Next::kContinueReading;
  }
  if (message == "throw") {
    // A bug in the protocol layer: the network layer must contain it.
    throw std::runtime_error("bogue de test / test bug");
  }
  if (message == "flood") {
    // From another thread, as a database writer would: bounded in time and by the end flag.
    std::lock_guard lock(log_->mutex);
    log_->producers.emplace_back([peer = peer_, ended = ended_] {
      const std::string chunk(64 * 1024, 'x');
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
      while (!*ended && std::chrono::steady_clock::now() < deadline) {
        peer->SendBinary(chunk);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
    return Next::kContinueReading;
  }
  peer_->SendBinary(std::string(message));
  return Next::kContinueReading;
}

void TestStreamHandler::OnText() {
  ++log_->texts;
  peer_->Close("texte refusé / text refused");
}

void TestStreamHandler::OnClosed() {
  if (++closes_ > 1) ++log_->closed_twice;
  *ended_ = true;
  ++log_->closed;
}

net::NetOptions TestNetOptions() {
  net::NetOptions options;
  options.handshake_timeout = std::chrono::milliseconds(1000);
  options.request_timeout = std::chrono::milliseconds(5000);
  options.close_timeout = std::chrono::milliseconds(2000);
  options.send_queue_max_bytes = 4 * 1024 * 1024;
  return options;
}

void ServerNetTest::SetUp() { ASSERT_TRUE(dir_.ok()); }

void ServerNetTest::StartServer(bool plain_http, net::NetOptions options) {
  Config config;
  config.listen_address = "127.0.0.1";
  config.port = 0;
  config.data_dir = dir_.path() / "data";
  config.plain_http = plain_http;
  config.threads = 2;
  app_ = std::make_unique<ServerApp>(config, options);
  auto log = log_;
  app_->router().AddStream(
      "/v1/kiosk/stream", [log](const net::HttpRequest&, std::shared_ptr<net::StreamPeer> peer) {
        return std::make_shared<TestStreamHandler>(log, std::move(peer), false);
      });
  app_->router().AddStream("/v1/challenge",
                           [log](const net::HttpRequest&, std::shared_ptr<net::StreamPeer> peer) {
                             return std::make_shared<TestStreamHandler>(log, std::move(peer), true);
                           });
  app_->router().AddStream("/v1/refused",
                           [](const net::HttpRequest&, std::shared_ptr<net::StreamPeer>) {
                             return std::shared_ptr<net::StreamHandler>();
                           });
  app_->router().Add("POST", "/echo", [](const net::HttpRequest& request, const net::PathParams&) {
    net::HttpResponse response = net::HttpResponse::Text(200, request.body);
    response.headers.emplace_back("X-Tls", request.tls ? "1" : "0");
    response.headers.emplace_back("X-Remote", request.remote_address);
    return response;
  });
  if (extra_routes_) extra_routes_(app_->router());
  app_->Start();
  ASSERT_NE(app_->port(), 0);
  runner_ = std::thread([app = app_.get(), done = run_returned_] {
    app->Run();
    *done = true;
  });
}

void ServerNetTest::StopServer() {
  if (!app_ || !runner_.joinable()) return;
  app_->Stop();
  if (!minegate::test::WaitUntil([this] { return run_returned_->load(); },
                                 std::chrono::seconds(10))) {
    // A server that does not stop would hang the whole test binary: fail loudly instead.
    std::cerr << "ServerApp::Run() n'est pas revenu / did not return within 10 s\n";
    std::abort();
  }
  runner_.join();
}

void ServerNetTest::TearDown() {
  StopServer();
  std::vector<std::thread> producers;
  {
    std::lock_guard lock(log_->mutex);
    producers.swap(log_->producers);
    log_->peer.reset();
  }
  for (auto& producer : producers) producer.join();
  if (app_) {
    EXPECT_EQ(app_->open_streams(), 0u);
    EXPECT_EQ(log_->opened.load(), log_->closed.load());
    EXPECT_EQ(log_->closed_twice.load(), 0);
  }
  app_.reset();
}

minegate::test::ClientOptions ServerNetTest::Client() const {
  minegate::test::ClientOptions options;
  options.port = app_->port();
  options.ca_file = app_->identity().certificate_file.string();
  options.verify_name = "127.0.0.1";
  options.timeout = std::chrono::seconds(5);
  return options;
}

double ServerNetTest::MetricValue(const std::string& line_prefix) {
  std::istringstream lines(app_->metrics().RenderText());
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with(line_prefix + " ")) return std::stod(line.substr(line_prefix.size() + 1));
  }
  return -1;
}

}  // namespace minegate::server::test
