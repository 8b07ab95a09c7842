#include "firmware-bridge/net/client_hub.hpp"

#include <sys/stat.h>

#include <boost/asio/post.hpp>
#include <chrono>

#include "base/log.hpp"

namespace minegate::bridge {

ClientHub::ClientHub(boost::asio::io_context& io, std::filesystem::path socket_path,
                     OnWrite on_write)
    : io_(io),
      socket_path_(std::move(socket_path)),
      on_write_(std::move(on_write)),
      acceptor_(io),
      retry_timer_(io) {}

ClientHub::~ClientHub() { Close(); }

boost::system::error_code ClientHub::Listen() {
  boost::system::error_code ec;
  // A socket file left by a crashed bridge would make bind fail; nothing else
  // should live at this path.
  std::error_code removed;
  if (std::filesystem::is_socket(socket_path_, removed)) {
    std::filesystem::remove(socket_path_, removed);
  }
  const boost::asio::local::stream_protocol::endpoint endpoint(socket_path_.string());
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) return ec;
  // Only the kiosk's user and group may talk to the reader.
  ::chmod(socket_path_.c_str(), 0660);
  DoAccept();
  return {};
}

void ClientHub::DoAccept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec,
                                boost::asio::local::stream_protocol::socket socket) {
    if (ec) {
      if (ec != boost::asio::error::operation_aborted) {
        // Out of descriptors, say: retry after a pause rather than spin a core.
        base::LogWarning("accept_failed", {{"error", ec}});
        retry_timer_.expires_after(std::chrono::milliseconds(200));
        retry_timer_.async_wait([this](const boost::system::error_code& waited) {
          if (!waited && acceptor_.is_open()) DoAccept();
        });
      }
      return;
    }
    const std::uint64_t id = next_id_++;
    auto session = std::make_shared<ClientSession>(
        std::move(socket), id,
        [this](std::uint64_t client, const v1::KioskMessage& request) {
          if (request.has_write_credential()) on_write_(client, request.write_credential());
        },
        [this](std::uint64_t client) { sessions_.erase(client); });
    sessions_[id] = session;
    session->Start();
    Greet(*session);
    DoAccept();
  });
}

void ClientHub::Greet(ClientSession& session) {
  for (const auto* snapshot : {&last_status_, &present_tag_}) {
    if (!*snapshot) continue;
    auto frame = framing::EncodeFrame(**snapshot);
    if (frame) session.Send(std::make_shared<const std::vector<std::uint8_t>>(frame.value()));
  }
}

void ClientHub::Publish(const v1::BridgeMessage& message, std::uint64_t client) {
  boost::asio::post(io_, [this, message, client] { Deliver(message, client); });
}

void ClientHub::Deliver(const v1::BridgeMessage& message, std::uint64_t client) {
  if (message.has_reader_status()) last_status_ = message;
  if (message.has_tag_presented()) present_tag_ = message;
  if (message.has_tag_removed()) present_tag_.reset();

  auto frame = framing::EncodeFrame(message);
  if (!frame) {
    base::LogError("encode_failed", {{"error", frame.error()}});
    return;
  }
  auto shared = std::make_shared<const std::vector<std::uint8_t>>(std::move(frame).value());
  if (client != 0) {
    if (auto it = sessions_.find(client); it != sessions_.end()) it->second->Send(shared);
    return;
  }
  // Copy: Send() may close a slow session, which erases it from sessions_.
  auto sessions = sessions_;
  for (auto& [id, session] : sessions) session->Send(shared);
}

void ClientHub::Close() {
  boost::system::error_code ignored;
  retry_timer_.cancel();
  if (acceptor_.is_open()) {
    acceptor_.close(ignored);
    std::error_code removed;
    std::filesystem::remove(socket_path_, removed);
  }
  auto sessions = sessions_;
  for (auto& [id, session] : sessions) session->Close();
}

}  // namespace minegate::bridge
