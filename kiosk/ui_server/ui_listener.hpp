#pragma once
/// Accepts the UI's TCP connections and starts an HTTP session on each. Asio only.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "kiosk/ui_server/ui_server_state.hpp"

namespace minegate::kiosk::net::internal {

class UiListener : public std::enable_shared_from_this<UiListener> {
 public:
  explicit UiListener(std::shared_ptr<UiServerState> state);

  /// Opens, binds and listens; the bound endpoint on success.
  Result<boost::asio::ip::tcp::endpoint> Open(const boost::asio::ip::tcp::endpoint& endpoint);
  /// Starts the accept loop (on the strand).
  void Run();
  /// Stops accepting. On the strand.
  void Close();

 private:
  void DoAccept();
  void OnAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  std::shared_ptr<UiServerState> state_;
  boost::asio::ip::tcp::acceptor acceptor_;
  /// Waits a little before accepting again when out of descriptors, instead of spinning.
  boost::asio::steady_timer retry_timer_;
};

}  // namespace minegate::kiosk::net::internal
