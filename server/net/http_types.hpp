#pragma once
/// Plain HTTP messages for route handlers: the network layer converts Beast's messages to and
/// from these, so that handlers (and their tests) never see Beast or a socket.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
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

/// What a body producer says with each piece.
enum class PieceStatus {
  kMore,    ///< more pieces follow: ask again once this one is written
  kLast,    ///< this piece (possibly empty) ends the body: the terminating chunk follows
  kFailed,  ///< production failed: the connection is closed without the terminating chunk
};

/// How a streamed body ended, told once to its producer (BodyProducer::End).
enum class StreamEnd {
  kComplete,    ///< every piece and the terminating chunk were written
  kFailed,      ///< the producer answered kFailed (or dropped its PieceReady unanswered)
  kClientGone,  ///< a write failed: the client closed or reset the connection
  kTimedOut,    ///< a piece took longer than NetOptions::request_timeout to produce or write
  kStopping,    ///< the server is stopping
  kNotSent,     ///< the request was HEAD: headers only, Next() was never called
};

/// Label values for logs and audit outcomes: "complete", "failed", "client_gone",
/// "timed_out", "stopping", "not_sent".
std::string_view ToString(StreamEnd end);

/// The one way a producer hands over a piece, now or later from any thread (as Responder).
/// The first call counts; later ones are ignored. Destroyed uncalled (work dropped at shutdown,
/// a job queue that refused it), it counts as kFailed rather than leaving the client waiting.
class PieceReady {
 public:
  using Deliver = std::function<void(std::string piece, PieceStatus status)>;
  explicit PieceReady(Deliver deliver);
  void operator()(std::string piece, PieceStatus status) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

/// A response body produced in pieces after the headers are sent: a CSV export of any size
/// sent with `Transfer-Encoding: chunked`, never held whole in memory. The network layer asks
/// for one piece at a time, and only once the previous one has been written to the socket:
/// production never runs ahead of what the client reads, so memory stays at about one piece
/// per connection. Next() and End() are called on the connection's I/O thread and must not
/// block: database work goes to a worker, which calls `ready` from there.
class BodyProducer {
 public:
  virtual ~BodyProducer() = default;
  /// Produce the next piece (a few hundred KiB at most) and hand it to `ready`. Never called
  /// again before `ready` was called (or destroyed).
  virtual void Next(PieceReady ready) = 0;
  /// Called exactly once, after the last Next()'s `ready`: how the body ended, and how many
  /// pieces were handed to the socket (HttpResponse::body, when not empty, is the first).
  virtual void End(StreamEnd end, std::uint64_t pieces_sent) = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  /// Sent as given, after the layer's own (Content-Type, Content-Length, Server,
  /// Cache-Control: no-store unless overridden here).
  std::vector<std::pair<std::string, std::string>> headers;
  /// When set, the body goes on with the producer's pieces after `body` (its first piece),
  /// chunked (HTTP/1.1; to an HTTP/1.0 client: unframed, and the connection closes at the
  /// end). No Content-Length. To a HEAD request: the headers only, End(kNotSent).
  std::shared_ptr<BodyProducer> producer;

  /// A text/plain response.
  static HttpResponse Text(int status, std::string body);
  /// A text/plain error whose body is "french / english\n": what every person-facing message
  /// of minegate looks like.
  static HttpResponse Error(int status, std::string_view french, std::string_view english);
};

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt on a bad escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

}  // namespace minegate::server::net
