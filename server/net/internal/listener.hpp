#pragma once
/// Accepts TCP connections and gives each its own strand and a detect session. Asio only.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "server/net/internal/server_state.hpp"

namespace minegate::server::net::internal {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& io, std::shared_ptr<ServerState> state);

  /// Opens, binds (port 0: any free port) and listens. Call before Run().
  boost::system::error_code Open(const boost::asio::ip::tcp::endpoint& endpoint);
  /// The bound address and port, once Open() succeeded.
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  /// Starts the accept loop.
  void Run();
  /// Stops accepting. Thread-safe.
  void Stop();

 private:
  void DoAccept();
  void OnAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  std::shared_ptr<ServerState> state_;
  boost::asio::ip::tcp::acceptor acceptor_;
  /// Waits a little before accepting again when out of descriptors, instead of spinning.
  boost::asio::steady_timer retry_timer_;
  boost::asio::ip::tcp::endpoint local_endpoint_;
};

}  // namespace minegate::server::net::internal
