#include "server/net/internal/listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "base/log.hpp"
#include "server/net/internal/detect_start.hpp"

namespace minegate::server::net::internal {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

/// Errors that mean "no resources right now": retrying at once would spin.
bool IsResourceExhaustion(const boost::system::error_code& ec) {
  return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
         ec == asio::error::no_memory || ec == boost::system::errc::too_many_files_open_in_system;
}

}  // namespace

Listener::Listener(asio::io_context& io, std::shared_ptr<ServerState> state)
    : io_(io),
      state_(std::move(state)),
      acceptor_(asio::make_strand(io)),
      retry_timer_(acceptor_.get_executor()) {}

boost::system::error_code Listener::Open(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) local_endpoint_ = acceptor_.local_endpoint(ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  }
  return ec;
}

tcp::endpoint Listener::local_endpoint() const { return local_endpoint_; }

void Listener::Run() {
  asio::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->DoAccept(); });
}

void Listener::Stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
  });
}

void Listener::DoAccept() {
  if (!acceptor_.is_open()) return;
  // Each connection gets its own strand: its handlers never run concurrently, whatever the
  // number of I/O threads.
  acceptor_.async_accept(
      asio::make_strand(io_),
      [self = shared_from_this()](const boost::system::error_code& ec, tcp::socket socket) {
        self->OnAccept(ec, std::move(socket));
      });
}

void Listener::OnAccept(const boost::system::error_code& ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    base::LogWarning("accept_failed", {{"error", ec}});
    if (!IsResourceExhaustion(ec)) return DoAccept();
    retry_timer_.expires_after(std::chrono::milliseconds(100));
    retry_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& wait_ec) {
      if (!wait_ec) self->DoAccept();
    });
    return;
  }
  boost::system::error_code endpoint_ec;
  const tcp::endpoint peer = socket.remote_endpoint(endpoint_ec);
  if (endpoint_ec) return DoAccept();  // already disconnected
  Remote remote{peer.address().to_string(), peer.port()};
  if (state_->connections.size() >= state_->options.max_connections) {
    state_->observer.OnConnectionDropped(DroppedConnection::kTooManyConnections);
    boost::system::error_code ignored;
    socket.close(ignored);
    return DoAccept();
  }
  // Small WebSocket messages (acknowledgements) must not wait for Nagle's algorithm.
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  StartDetectSession(std::move(socket), state_, std::move(remote));
  DoAccept();
}

}  // namespace minegate::server::net::internal
