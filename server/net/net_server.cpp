#include "server/net/net_server.hpp"

#include "server/net/internal/listener.hpp"
#include "server/net/internal/server_state.hpp"

namespace minegate::server::net {
namespace {

/// For a server built without an observer.
NetObserver& NullObserver() {
  static NetObserver observer;
  return observer;
}

}  // namespace

NetServer::NetServer(boost::asio::io_context& io, const Router& router,
                     std::shared_ptr<boost::asio::ssl::context> tls, NetOptions options,
                     NetObserver* observer)
    : io_(io),
      state_(std::make_shared<internal::ServerState>(
          router, std::move(tls), std::move(options),
          observer != nullptr ? *observer : NullObserver())) {}

NetServer::~NetServer() { Stop(); }

Result<boost::asio::ip::tcp::endpoint> NetServer::Listen(
    const boost::asio::ip::tcp::endpoint& endpoint) {
  if (listener_) return make_error_code(boost::system::errc::operation_in_progress);
  auto listener = std::make_shared<internal::Listener>(io_, state_);
  if (auto ec = listener->Open(endpoint)) return ec;
  listener_ = std::move(listener);
  listener_->Run();
  return listener_->local_endpoint();
}

void NetServer::Stop() {
  if (listener_) listener_->Stop();
  state_->connections.ShutdownAll();
}

std::size_t NetServer::open_streams() const { return state_->open_streams.load(); }

std::size_t NetServer::open_connections() const { return state_->connections.size(); }

}  // namespace minegate::server::net
