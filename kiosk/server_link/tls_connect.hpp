#pragma once
/// The first steps of every link to the server: resolve, connect, TLS handshake, and accept
/// the server only if its leaf certificate is the pinned one. Shared by the sync WebSocket and
/// the HTTPS requests; everything runs on the caller's io_context.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <functional>
#include <memory>

#include "kiosk/server_link/tls_pin.hpp"

namespace minegate::kiosk::net {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

/// TLS 1.2 or later, peer verification on, and no trusted authority: only the pin check
/// installed by AsyncConnectPinned can accept a certificate.
boost::asio::ssl::context MakePinnedContext();

/// Resolves `endpoint.host`, connects (bounded by connect_timeout) and handshakes (bounded by
/// handshake_timeout). `done` gets success, or a LinkErrc: resolve_failed, connect_failed,
/// tls_fingerprint_mismatch, tls_handshake_failed or timed_out. `stream` and `resolver` must
/// live until `done` runs (keep their owner alive inside `done`). On success the stream has
/// no expiry set.
void AsyncConnectPinned(TlsStream& stream, boost::asio::ip::tcp::resolver& resolver,
                        const TlsEndpoint& endpoint,
                        std::function<void(boost::system::error_code)> done);

}  // namespace minegate::kiosk::net
