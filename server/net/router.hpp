#pragma once
/// Maps (method, path pattern) to plain-struct handlers, and GET paths to WebSocket stream
/// factories. Routes are added at start-up, before the server runs; afterwards the router is
/// only read, concurrently, by every I/O thread, and needs no lock.
///
/// A handler answers through a Responder, now or later from any thread: work that touches the
/// database or hashes a password is handed to a worker thread, and the I/O thread goes on
/// serving other connections meanwhile.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/net/http_types.hpp"
#include "server/net/route_pattern.hpp"
#include "server/net/stream.hpp"

namespace minegate::server::net {

/// The one way a handler answers its request. Copyable; callable from any thread; the first
/// call sends, later ones are ignored. If every copy is destroyed unanswered (a handler that
/// forgot, or work dropped at shutdown), the request gets a 500 rather than hanging.
class Responder {
 public:
  using Send = std::function<void(HttpResponse)>;
  explicit Responder(Send send);
  void operator()(HttpResponse response) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

/// A route as declared: its method and its pattern's text ("/v1/devices/{id}").
struct RouteKey {
  std::string method;
  std::string pattern;
  auto operator<=>(const RouteKey&) const = default;
};

class Router {
 public:
  /// Runs on an I/O thread: keep it short, never wait on the network or the database (hand
  /// such work to a worker and answer from there). An exception thrown before it returns
  /// becomes a 500 (logged), never a crash, but is a bug: report errors as responses.
  using Handler = std::function<void(HttpRequest request, PathParams params, Responder respond)>;
  /// A handler that answers at once, on the I/O thread.
  using SyncHandler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

  /// Throws std::invalid_argument on a malformed pattern, an empty method, or a (method,
  /// pattern) or stream pattern already taken.
  void AddAsync(std::string method, std::string_view pattern, Handler handler);
  /// As AddAsync, for a handler that answers at once.
  void Add(std::string method, std::string_view pattern, SyncHandler handler);
  /// A GET on `pattern` with WebSocket upgrade headers becomes a stream made by `factory`.
  /// Throws like Add().
  void AddStream(std::string_view pattern, StreamFactory factory);

  /// The response of the best route: the most specific pattern (a literal segment beats a
  /// parameter, leftmost first) among those matching the path and method. 404 if no pattern
  /// matches the path, 405 with `Allow` if some do but not with this method, 426 if the path
  /// is a stream's (the request did not ask for the upgrade). Bilingual error bodies. A HEAD
  /// with no HEAD route goes to the GET route (request.method stays "HEAD": the session sends
  /// the headers only), and `Allow` names HEAD wherever it names GET.
  void Dispatch(HttpRequest request, Responder respond) const;

  /// The factory of the stream route matching `path`, or nullptr.
  const StreamFactory* FindStream(std::string_view path) const;

  /// Every route added, and every stream pattern (method "GET"), for start-up checks.
  std::vector<RouteKey> Routes() const;

 private:
  struct Route {
    std::string method;
    RoutePattern pattern;
    Handler handler;
  };
  struct StreamRoute {
    RoutePattern pattern;
    StreamFactory factory;
  };

  static RoutePattern ParseOrThrow(std::string_view pattern);

  std::vector<Route> routes_;
  std::vector<StreamRoute> streams_;
};

}  // namespace minegate::server::net
