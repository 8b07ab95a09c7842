#include "firmware-bridge/client/bridge_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <thread>

namespace minegate::bridge {

std::optional<BridgeClient> BridgeClient::Connect(const std::string& socket_path,
                                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(address.sun_path)) return std::nullopt;
  std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size() + 1);
  while (std::chrono::steady_clock::now() < deadline) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return std::nullopt;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0) {
      return BridgeClient(fd);
    }
    ::close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

BridgeClient::BridgeClient(BridgeClient&& other) noexcept
    : fd_(other.fd_), decoder_(std::move(other.decoder_)), received_(std::move(other.received_)) {
  other.fd_ = -1;
}

BridgeClient::~BridgeClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool BridgeClient::Send(const v1::KioskMessage& message) {
  auto frame = framing::EncodeFrame(message);
  if (!frame) return false;
  return SendRaw(std::string(frame.value().begin(), frame.value().end()));
}

bool BridgeClient::WaitForClose(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd descriptor{fd_, POLLIN, 0};
    if (::poll(&descriptor, 1, 50) <= 0) continue;
    std::uint8_t buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return true;  // EOF or reset
  }
  return false;
}

bool BridgeClient::SendRaw(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<v1::BridgeMessage> BridgeClient::Next(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto frame = decoder_.Next();
    if (!frame) return std::nullopt;
    if (frame.value()) {
      v1::BridgeMessage message;
      if (!framing::ParseFrame(*frame.value(), message)) return std::nullopt;
      received_.push_back(message);
      return message;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd descriptor{fd_, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    std::uint8_t buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return std::nullopt;
    decoder_.Feed(std::span(buffer, static_cast<std::size_t>(n)));
  }
}

std::optional<v1::BridgeMessage> BridgeClient::WaitFor(
    const std::function<bool(const v1::BridgeMessage&)>& match, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto message = Next(left);
    if (!message) return std::nullopt;
    if (match(*message)) return message;
  }
}

bool IsTagPresented(const v1::BridgeMessage& m) { return m.has_tag_presented(); }
bool IsTagRemoved(const v1::BridgeMessage& m) { return m.has_tag_removed(); }
bool IsReaderState(const v1::BridgeMessage& m, v1::ReaderState state) {
  return m.has_reader_status() && m.reader_status().state() == state;
}

}  // namespace minegate::bridge
