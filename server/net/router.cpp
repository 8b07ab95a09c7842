#include "server/net/router.hpp"

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

void Router::Add(std::string method, std::string_view pattern, Handler handler) {
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

HttpResponse Router::Dispatch(const HttpRequest& request) const {
  const Route* best = nullptr;
  PathParams best_params;
  std::vector<bool> best_rank;
  std::set<std::string> allowed;
  for (const auto& route : routes_) {
    auto params = route.pattern.Match(request.path);
    if (!params) continue;
    allowed.insert(route.method);
    if (route.method != request.method) continue;
    auto rank = Specificity(route.pattern.text());
    if (best == nullptr || rank > best_rank) {
      best = &route;
      best_params = std::move(*params);
      best_rank = std::move(rank);
    }
  }
  if (best == nullptr) {
    if (request.method == "GET" && FindStream(request.path) != nullptr) {
      HttpResponse response = HttpResponse::Error(426, "ce chemin est un flux WebSocket",
                                                  "this path is a WebSocket stream");
      response.headers.emplace_back("Upgrade", "websocket");
      return response;
    }
    if (allowed.empty()) return HttpResponse::Error(404, "introuvable", "not found");
    HttpResponse response = HttpResponse::Error(405, "méthode non permise", "method not allowed");
    std::string allow;
    for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    response.headers.emplace_back("Allow", allow);
    return response;
  }
  try {
    return best->handler(request, best_params);
  } catch (...) {
    // The route's own method and pattern, not the request's path; the exception's text is not
    // logged: it may carry anything the handler held.
    base::LogError("route_handler_threw", {{"method", base::LogText(request.method)},
                                           {"route", base::LogText(best->pattern.text())}});
  }
  return HttpResponse::Error(500, "erreur interne", "internal error");
}

}  // namespace minegate::server::net
