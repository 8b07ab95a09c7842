#include "server/net/internal/log.hpp"

#include <iostream>
#include <string>

namespace minegate::server::net::internal {

void LogConnection(const Remote& remote, std::string_view what,
                   const boost::system::error_code& ec) {
  LogConnection(remote, what, std::string_view(ec.message()));
}

void LogConnection(const Remote& remote, std::string_view what, std::string_view message) {
  std::string line = "minegate-server: ";
  line += remote.address;
  line += ':';
  line += std::to_string(remote.port);
  line += ": ";
  line += what;
  line += ": ";
  line += message;
  line += '\n';
  std::cerr << line << std::flush;
}

}  // namespace minegate::server::net::internal
