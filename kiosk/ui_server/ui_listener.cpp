#include "kiosk/ui_server/ui_listener.hpp"

#include <boost/asio/dispatch.hpp>

#include "base/log.hpp"
#include "kiosk/ui_server/ui_http_session.hpp"

namespace minegate::kiosk::net::internal {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

UiListener::UiListener(std::shared_ptr<UiServerState> state)
    : state_(std::move(state)), acceptor_(state_->strand), retry_timer_(state_->strand) {}

Result<tcp::endpoint> UiListener::Open(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  tcp::endpoint bound;
  if (!ec) bound = acceptor_.local_endpoint(ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return ec;
  }
  return bound;
}

void UiListener::Run() {
  asio::dispatch(state_->strand, [self = shared_from_this()] { self->DoAccept(); });
}

void UiListener::Close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  retry_timer_.cancel();
}

void UiListener::DoAccept() {
  if (!acceptor_.is_open() || state_->stopping) return;
  acceptor_.async_accept(
      state_->strand,
      [self = shared_from_this()](const boost::system::error_code& ec, tcp::socket socket) {
        self->OnAccept(ec, std::move(socket));
      });
}

void UiListener::OnAccept(const boost::system::error_code& ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open() || state_->stopping) return;
  if (ec) {
    base::LogWarning("ui_accept_failed", {{"error", ec}});
    retry_timer_.expires_after(std::chrono::milliseconds(100));
    retry_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& wait_ec) {
      if (!wait_ec) self->DoAccept();
    });
    return;
  }
  if (state_->connections.size() >= state_->options.max_connections) {
    base::LogWarning("ui_connection_refused",
                     {{"connections", state_->connections.size()},
                      {"max_connections", state_->options.max_connections}});
    boost::system::error_code ignored;
    socket.close(ignored);
    return DoAccept();
  }
  // Small updates (a tap's outcome) must not wait for Nagle's algorithm.
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  StartUiHttpSession(std::move(socket), state_);
  DoAccept();
}

}  // namespace minegate::kiosk::net::internal
