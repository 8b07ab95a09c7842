#pragma once
/// One line on stderr per connection event worth an operator's attention.

#include <boost/system/error_code.hpp>
#include <string_view>

#include "server/net/internal/server_state.hpp"

namespace minegate::server::net::internal {

/// "minegate-server: 10.0.0.7:51234: <what>: <error message>", written in one call so that
/// lines from different threads do not interleave.
void LogConnection(const Remote& remote, std::string_view what,
                   const boost::system::error_code& ec);
/// The same with a message instead of an error code.
void LogConnection(const Remote& remote, std::string_view what, std::string_view message);

}  // namespace minegate::server::net::internal
