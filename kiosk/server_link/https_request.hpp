#pragma once
/// One HTTPS request to the server on a fresh connection, with the server's certificate
/// pinned (enrolment, reconcile). Beast stays in the .cpp.
///
/// Threading: the handler runs on the io_context's thread.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/server_link/tls_pin.hpp"

namespace minegate::kiosk::net {

struct HttpsRequest {
  std::string method = "GET";
  std::string target;  ///< path and query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;  ///< empty: none
  /// Bounds writing the request and reading the whole response (connecting and the TLS
  /// handshake have their own bounds in the endpoint).
  std::chrono::milliseconds timeout{15000};
  std::size_t body_limit = 1 << 20;
};

struct HttpsResponse {
  int status = 0;
  std::string body;
};

/// Connects, sends `request`, reads the response and closes. Every HTTP status is a success
/// here; failures are LinkErrc values (connect_failed, tls_fingerprint_mismatch, timed_out,
/// http_failed, response_too_large, ...).
void AsyncHttps(boost::asio::io_context& io, const TlsEndpoint& endpoint, HttpsRequest request,
                std::function<void(Result<HttpsResponse>)> done);

}  // namespace minegate::kiosk::net
