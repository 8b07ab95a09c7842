// The bridge's socket hub in-process, on a real Unix socket: a client that
// stops reading is cut off once its backlog passes the bound, while the others
// receive everything.
#include "firmware-bridge/net/client_hub.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <filesystem>
#include <thread>

#include "firmware-bridge/client/bridge_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::bridge {
namespace {

constexpr std::chrono::milliseconds kWait{10'000};

v1::BridgeMessage BigTag(std::uint64_t id) {
  v1::BridgeMessage message;
  message.mutable_tag_presented()->set_presentation_id(id);
  message.mutable_tag_presented()->set_credential(std::string(1000, 'x'));
  return message;
}

/// The hub on its own io thread, stopped and joined whatever the test does.
class RunningHub {
 public:
  explicit RunningHub(const std::string& path)
      : hub_(io_, path, [](std::uint64_t, v1::WriteCredential) {}) {}
  ~RunningHub() {
    boost::asio::post(io_, [this] { hub_.Close(); });
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }
  bool Start() {
    if (hub_.Listen()) return false;
    thread_ = std::thread([this] { io_.run(); });
    return true;
  }
  ClientHub& hub() { return hub_; }

 private:
  boost::asio::io_context io_;
  ClientHub hub_;
  std::thread thread_;
};

TEST(ClientHubTest, SlowClientIsDroppedAndOthersGetEverything) {
  test::TempDir dir("hub");
  ASSERT_TRUE(dir.ok());
  RunningHub running(dir.File("bridge.sock"));
  ASSERT_TRUE(running.Start());

  auto slow = BridgeClient::Connect(dir.File("bridge.sock"), kWait);
  auto fast = BridgeClient::Connect(dir.File("bridge.sock"), kWait);
  ASSERT_TRUE(slow && fast);
  // Both accepted once a first broadcast reaches the fast one (accepts are in order).
  running.hub().Publish(BigTag(0), 0);
  ASSERT_TRUE(fast->WaitFor(IsTagPresented, kWait));

  // 4000 messages of ~1 KB, far beyond the 1 MiB bound plus the socket buffers,
  // published from another thread at a pace a reading client keeps up with (the
  // reader thread publishes a few messages per tap, not megabytes at once).
  constexpr std::uint64_t kMessages = 4000;
  std::thread publisher([&running] {
    for (std::uint64_t id = 1; id <= kMessages; ++id) {
      running.hub().Publish(BigTag(id), 0);
      if (id % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  auto last = fast->WaitFor(
      [](const v1::BridgeMessage& m) {
        return m.has_tag_presented() && m.tag_presented().presentation_id() == kMessages;
      },
      kWait);
  publisher.join();
  ASSERT_TRUE(last) << "the reading client missed messages";
  std::uint64_t expected = 0;
  for (const auto& m : fast->received()) EXPECT_EQ(m.tag_presented().presentation_id(), expected++);

  EXPECT_TRUE(slow->WaitForClose(kWait)) << "the client that stopped reading was kept";
}

TEST(ClientHubTest, ReplacesAStaleSocketFileAndRemovesItOnClose) {
  test::TempDir dir("hub");
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("bridge.sock");
  {
    // What a crashed bridge leaves behind: a bound socket file nobody listens on.
    boost::asio::io_context io;
    boost::asio::local::stream_protocol::acceptor stale(io);
    stale.open();
    stale.bind(boost::asio::local::stream_protocol::endpoint(path));
  }
  ASSERT_TRUE(std::filesystem::is_socket(path));
  {
    RunningHub running(path);
    ASSERT_TRUE(running.Start());
    EXPECT_TRUE(BridgeClient::Connect(path, kWait).has_value());
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace minegate::bridge
