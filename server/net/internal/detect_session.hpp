#pragma once
/// The first session of every connection: waits (bounded) for the first bytes, tells TLS from
/// plain HTTP, performs the TLS handshake (same deadline), and hands the stream to an HTTP
/// session. A plain connection gets a 400 unless plain HTTP is allowed.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <memory>
#include <optional>

#include "server/net/internal/connection_registry.hpp"
#include "server/net/internal/server_state.hpp"
#include "server/net/internal/streams.hpp"

namespace minegate::server::net::internal {

class DetectSession final : public Connection, public std::enable_shared_from_this<DetectSession> {
 public:
  DetectSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state,
                Remote remote);
  ~DetectSession() override;

  void Run();
  void Shutdown() override;

 private:
  void DoDetect();
  void OnDetect(const boost::system::error_code& ec, bool is_tls);
  void OnHandshake(const boost::system::error_code& ec, std::size_t bytes_used);
  void RefusePlain();
  /// Counts and (for the unexpected) logs a failed detection or handshake.
  void Dropped(const boost::system::error_code& ec, const char* what);

  PlainStream stream_;
  /// Set once TLS is detected; stream_ has then been moved into it.
  std::optional<TlsStream> tls_stream_;
  const boost::asio::any_io_executor executor_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerState> state_;
  Remote remote_;
  std::uint64_t id_ = 0;
  bool handed_off_ = false;  ///< the stream belongs to the next session now
};

}  // namespace minegate::server::net::internal
