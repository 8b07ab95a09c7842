#pragma once
/// The TLS server context every HTTPS and WSS connection is accepted with.

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "server/tls/error.hpp"
#include "server/tls/identity.hpp"

namespace minegate::server::tls {

/// TLS 1.2 or later, no compression, OpenSSL's default cipher list (which excludes the weak
/// ones in OpenSSL 3), serving `identity`'s chain with its key. Shared: every connection's
/// stream refers to it, so it must outlive them.
Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerContext(
    const ServerIdentity& identity);

}  // namespace minegate::server::tls
