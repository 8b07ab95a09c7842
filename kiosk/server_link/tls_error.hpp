#pragma once
/// Errors of the kiosk's TLS links to the server (sync WebSocket, HTTPS requests).

#include <boost/system/error_code.hpp>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::kiosk::net {

enum class LinkErrc {
  bad_fingerprint = 1,         ///< The configured pin is not a SHA-256 fingerprint.
  resolve_failed,              ///< The server's name did not resolve.
  connect_failed,              ///< TCP connection refused, unreachable or timed out.
  tls_handshake_failed,        ///< TLS failed for a reason other than the pin.
  tls_fingerprint_mismatch,    ///< The server's certificate is not the pinned one.
  websocket_handshake_failed,  ///< The HTTP upgrade was refused.
  timed_out,                   ///< A handshake, request or close took too long.
  connection_lost,             ///< The established connection ended.
  text_frame,                  ///< The server sent a text message (the protocol is binary).
  http_failed,                 ///< Sending the request or reading the response failed.
  response_too_large,          ///< A response body above the limit.
};

const boost::system::error_category& LinkErrorCategory();
boost::system::error_code make_error_code(LinkErrc e);

/// A short stable name for status screens and logs, e.g. "tls_fingerprint_mismatch".
const char* LinkErrorName(LinkErrc e);

using base::Result;

}  // namespace minegate::kiosk::net

namespace boost::system {
template <>
struct is_error_code_enum<minegate::kiosk::net::LinkErrc> : std::true_type {};
}  // namespace boost::system
