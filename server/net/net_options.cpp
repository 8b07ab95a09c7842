#include "server/net/net_options.hpp"

namespace minegate::server::net {

std::string_view ToString(RejectedFrame reason) {
  switch (reason) {
    case RejectedFrame::kOversize:
      return "oversize";
    case RejectedFrame::kText:
      return "text";
  }
  return "unknown";
}

std::string_view ToString(DroppedConnection reason) {
  switch (reason) {
    case DroppedConnection::kHandshakeTimeout:
      return "handshake_timeout";
    case DroppedConnection::kTlsFailed:
      return "tls_failed";
    case DroppedConnection::kPlainRefused:
      return "plain_refused";
    case DroppedConnection::kSlowReader:
      return "slow_reader";
    case DroppedConnection::kTooManyConnections:
      return "too_many_connections";
  }
  return "unknown";
}

}  // namespace minegate::server::net
