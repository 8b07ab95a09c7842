#pragma once
/// The two transports a session runs over: plain TCP (loopback only, when allowed) and TLS
/// over TCP. Sessions are templates on these, explicitly instantiated once in their own
/// translation unit.

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <type_traits>

namespace minegate::server::net::internal {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
inline constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

}  // namespace minegate::server::net::internal
