#pragma once
/// Maps (method, path pattern) to plain-struct handlers, and GET paths to WebSocket stream
/// factories. Routes are added at start-up, before the server runs; afterwards the router is
/// only read, concurrently, by every I/O thread, and needs no lock.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/net/http_types.hpp"
#include "server/net/route_pattern.hpp"
#include "server/net/stream.hpp"

namespace minegate::server::net {

class Router {
 public:
  /// Runs on an I/O thread: keep it short, never wait on the network. An exception becomes a
  /// 500 (logged), never a crash, but is a bug: report errors as responses.
  using Handler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

  /// Throws std::invalid_argument on a malformed pattern, an empty method, or a (method,
  /// pattern) or stream pattern already taken.
  void Add(std::string method, std::string_view pattern, Handler handler);
  /// A GET on `pattern` with WebSocket upgrade headers becomes a stream made by `factory`.
  /// Throws like Add().
  void AddStream(std::string_view pattern, StreamFactory factory);

  /// The response of the best route: the most specific pattern (a literal segment beats a
  /// parameter, leftmost first) among those matching the path and method. 404 if no pattern
  /// matches the path, 405 with `Allow` if some do but not with this method, 426 if the path
  /// is a stream's (the request did not ask for the upgrade). Bilingual error bodies.
  HttpResponse Dispatch(const HttpRequest& request) const;

  /// The factory of the stream route matching `path`, or nullptr.
  const StreamFactory* FindStream(std::string_view path) const;

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
