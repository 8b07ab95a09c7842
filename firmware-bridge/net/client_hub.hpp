#pragma once
/// The bridge's Unix socket: accepts kiosk clients, fans every reader message
/// out to all of them, routes write results to the client that asked, and
/// greets each newcomer with the reader's status and the tag in the field.
/// All state lives on the io_context's thread; Publish() may be called from any.

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "firmware-bridge/net/client_session.hpp"
#include "minegate/v1/reader.pb.h"

namespace minegate::bridge {

class ClientHub {
 public:
  using OnWrite = std::function<void(std::uint64_t client, v1::WriteCredential request)>;

  ClientHub(boost::asio::io_context& io, std::filesystem::path socket_path, OnWrite on_write);
  ClientHub(const ClientHub&) = delete;
  ClientHub& operator=(const ClientHub&) = delete;
  ~ClientHub();

  /// Binds the socket (replacing a stale one), mode 0660, and starts accepting.
  boost::system::error_code Listen();
  /// Thread-safe: delivers `message` to `client`, or to everyone when client is 0.
  void Publish(const v1::BridgeMessage& message, std::uint64_t client);
  /// Stops accepting, closes every client and removes the socket file.
  void Close();

 private:
  void DoAccept();
  void Deliver(const v1::BridgeMessage& message, std::uint64_t client);
  void Greet(ClientSession& session);

  boost::asio::io_context& io_;
  std::filesystem::path socket_path_;
  OnWrite on_write_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  std::map<std::uint64_t, std::shared_ptr<ClientSession>> sessions_;
  std::uint64_t next_id_ = 1;
  std::optional<v1::BridgeMessage> last_status_;
  std::optional<v1::BridgeMessage> present_tag_;
};

}  // namespace minegate::bridge
