#include "server/net/router.hpp"

#include <atomic>
#include <set>
#include <stdexcept>

#include "base/log.hpp"

namespace minegate::server::net {
namespace {

/// One flag per segment, true for a literal: comparing these lexicographically ranks the
/// more specific of two patterns matching the same path.
std::vector<bool> Specificity(std::string_view pattern) {
  std::vector<bool> literal;
  for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] == '/') literal.push_back(pattern[i + 1] != '{');
  }
  return literal;
}

}  // namespace

RoutePattern Router::ParseOrThrow(std::string_view pattern) {
  auto parsed = RoutePattern::Parse(pattern);
  if (!parsed) {
    throw std::invalid_argument("motif de route invalide / invalid route pattern: " +
                                std::string(pattern));
  }
  return std::move(*parsed);
}

struct Responder::State {
  explicit State(Send sender) : send(std::move(sender)) {}
  ~State() {
    if (!answered.exchange(true)) {
      send(HttpResponse::Error(500, "erreur interne", "internal error"));
    }
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  Send send;
  std::atomic<bool> answered{false};
};

Responder::Responder(Send send) : state_(std::make_shared<State>(std::move(send))) {}

void Responder::operator()(HttpResponse response) const {
  if (state_->answered.exchange(true)) return;
  state_->send(std::move(response));
}

void Router::Add(std::string method, std::string_view pattern, SyncHandler handler) {
  if (!handler) {
    throw std::invalid_argument("route sans traitement / route without handler: " +
                                std::string(pattern));
  }
  AddAsync(
      std::move(method), pattern,
      [handler = std::move(handler)](HttpRequest request, PathParams params, Responder respond) {
        respond(handler(request, params));
      });
}

void Router::AddAsync(std::string method, std::string_view pattern, Handler handler) {
  if (method.empty() || !handler) {
    throw std::invalid_argument(
        "route sans méthode ou sans traitement / route without method "
        "or handler: " +
        std::string(pattern));
  }
  RoutePattern parsed = ParseOrThrow(pattern);
  for (const auto& route : routes_) {
    if (route.method == method && route.pattern.text() == parsed.text()) {
      throw std::invalid_argument("route déjà enregistrée / route already registered: " + method +
                                  " " + parsed.text());
    }
  }
  routes_.push_back(Route{std::move(method), std::move(parsed), std::move(handler)});
}

void Router::AddStream(std::string_view pattern, StreamFactory factory) {
  if (!factory) {
    throw std::invalid_argument("flux sans fabrique / stream without factory: " +
                                std::string(pattern));
  }
  RoutePattern parsed = ParseOrThrow(pattern);
  for (const auto& stream : streams_) {
    if (stream.pattern.text() == parsed.text()) {
      throw std::invalid_argument("flux déjà enregistré / stream already registered: " +
                                  parsed.text());
    }
  }
  streams_.push_back(StreamRoute{std::move(parsed), std::move(factory)});
}

const StreamFactory* Router::FindStream(std::string_view path) const {
  for (const auto& stream : streams_) {
    if (stream.pattern.Match(path)) return &stream.factory;
  }
  return nullptr;
}

std::vector<RouteKey> Router::Routes() const {
  std::vector<RouteKey> keys;
  for (const auto& route : routes_) keys.push_back({route.method, route.pattern.text()});
  for (const auto& stream : streams_) keys.push_back({"GET", stream.pattern.text()});
  return keys;
}

void Router::Dispatch(HttpRequest request, Responder respond) const {
  const Route* best = nullptr;
  PathParams best_params;
  std::set<std::string> allowed;
  const auto find = [&](std::string_view method) {
    std::vector<bool> best_rank;
    for (const auto& route : routes_) {
      auto params = route.pattern.Match(request.path);
      if (!params) continue;
      allowed.insert(route.method);
      if (route.method != method) continue;
      auto rank = Specificity(route.pattern.text());
      if (best == nullptr || rank > best_rank) {
        best = &route;
        best_params = std::move(*params);
        best_rank = std::move(rank);
      }
    }
  };
  find(request.method);
  // HEAD is GET without the body (RFC 9110 §9.3.2): the GET route answers, request.method
  // stays "HEAD", and the session sends the headers only.
  if (best == nullptr && request.method == "HEAD") find("GET");
  if (allowed.contains("GET")) allowed.insert("HEAD");
  if (best == nullptr) {
    if (request.method == "GET" && FindStream(request.path) != nullptr) {
      HttpResponse response = HttpResponse::Error(426, "ce chemin est un flux WebSocket",
                                                  "this path is a WebSocket stream");
      response.headers.emplace_back("Upgrade", "websocket");
      return respond(std::move(response));
    }
    if (allowed.empty()) return respond(HttpResponse::Error(404, "introuvable", "not found"));
    HttpResponse response = HttpResponse::Error(405, "méthode non permise", "method not allowed");
    std::string allow;
    for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    response.headers.emplace_back("Allow", allow);
    return respond(std::move(response));
  }
  try {
    best->handler(std::move(request), std::move(best_params), respond);
    return;
  } catch (...) {
    // The route's own method and pattern, not the request's path; the exception's text is not
    // logged: it may carry anything the handler held.
    base::LogError("route_handler_threw", {{"method", base::LogText(best->method)},
                                           {"route", base::LogText(best->pattern.text())}});
  }
  respond(HttpResponse::Error(500, "erreur interne", "internal error"));
}

}  // namespace minegate::server::net
