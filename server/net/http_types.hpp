#pragma once
/// Plain HTTP messages for route handlers: the network layer converts Beast's messages to and
/// from these, so that handlers (and their tests) never see Beast or a socket.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minegate::server::net {

/// Values of a route's `{param}` segments, percent-decoded, by parameter name.
using PathParams = std::map<std::string, std::string, std::less<>>;

struct HttpRequest {
  std::string method;  ///< as sent, e.g. "GET"
  std::string target;  ///< as sent, e.g. "/v1/devices/7/reconcile?since=3"
  std::string path;    ///< the target before '?', still percent-encoded
  std::string query;   ///< the target after '?', still percent-encoded; empty if none
  /// Lower-case names; repeated headers joined with ", " as RFC 9110 allows.
  std::map<std::string, std::string, std::less<>> headers;
  std::string body;
  std::string remote_address;  ///< the peer's IP address, e.g. "127.0.0.1" or "::1"
  std::uint16_t remote_port = 0;
  bool tls = false;  ///< arrived over TLS (false only on a loopback plain-HTTP listener)

  /// The header's value, or nullptr. `lower_case_name` must be lower case.
  const std::string* Header(std::string_view lower_case_name) const;
  /// The first `name=value` of the query string, percent-decoded ('+' is a space); nullopt
  /// if absent or badly encoded.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  /// Sent as given, after the layer's own (Content-Type, Content-Length, Server,
  /// Cache-Control: no-store unless overridden here).
  std::vector<std::pair<std::string, std::string>> headers;

  /// A text/plain response.
  static HttpResponse Text(int status, std::string body);
  /// A text/plain error whose body is "french / english\n": what every person-facing message
  /// of minegate looks like.
  static HttpResponse Error(int status, std::string_view french, std::string_view english);
};

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt on a bad escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

}  // namespace minegate::server::net
