#include "tests/integration/kiosk_ui_server/ui_server_fixture.hpp"

#include <chrono>
#include <future>
#include <stdexcept>

#include "tests/integration/kiosk_ui_server/test_files.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test::ui {

using namespace std::chrono_literals;

void HandlerLog::Opened(kiosk::net::ClientId id) {
  std::lock_guard lock(mutex_);
  opened_.push_back(id);
}

void HandlerLog::Requested(kiosk::net::ClientId id, const v1::UiRequest& request) {
  std::lock_guard lock(mutex_);
  requests_.emplace_back(id, request);
}

void HandlerLog::Closed(kiosk::net::ClientId id) {
  std::lock_guard lock(mutex_);
  closed_.push_back(id);
}

std::vector<kiosk::net::ClientId> HandlerLog::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

std::vector<kiosk::net::ClientId> HandlerLog::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::vector<std::pair<kiosk::net::ClientId, v1::UiRequest>> HandlerLog::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool HandlerLog::WaitOpened(std::size_t count) const {
  return WaitUntil([&] { return opened().size() >= count; }, 5s);
}

bool HandlerLog::WaitClosed(std::size_t count) const {
  return WaitUntil([&] { return closed().size() >= count; }, 5s);
}

bool HandlerLog::WaitRequests(std::size_t count) const {
  return WaitUntil([&] { return requests().size() >= count; }, 5s);
}

kiosk::net::UiServerOptions UiServerTest::DefaultOptions() {
  kiosk::net::UiServerOptions options;
  options.files = TestFiles();
  options.page_token = kTestPageToken;
  return options;
}

void UiServerTest::StartServer(kiosk::net::UiServerOptions options) {
  kiosk::net::UiHandlers handlers;
  handlers.on_open = [this](kiosk::net::ClientId id) { log_.Opened(id); };
  handlers.on_request = [this](kiosk::net::ClientId id, const v1::UiRequest& request) {
    log_.Requested(id, request);
    if (throw_on_request_) throw std::runtime_error("bogue de test / test bug");
  };
  handlers.on_close = [this](kiosk::net::ClientId id) { log_.Closed(id); };
  server_ = std::make_unique<kiosk::net::UiServer>(io_, std::move(options), std::move(handlers));
  auto port = server_->Start();
  ASSERT_TRUE(port) << port.error().message();
  port_ = port.value();
  ASSERT_NE(port_, 0);
  thread_ = std::thread([this] { io_.run(); });
}

void UiServerTest::StopServer() {
  if (!thread_.joinable()) return;
  server_->Stop();
  // io_.run() returns once every connection has ended: bounded by close_timeout.
  auto done = std::async(std::launch::async, [this] { thread_.join(); });
  if (done.wait_for(10s) != std::future_status::ready) {
    ADD_FAILURE() << "le serveur ne s'arrête pas / the server does not stop";
    io_.stop();
    done.wait();
  }
}

void UiServerTest::TearDown() {
  StopServer();
  server_.reset();
}

}  // namespace minegate::test::ui
