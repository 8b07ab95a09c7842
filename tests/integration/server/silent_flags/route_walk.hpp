// Calls routes of the route table as a signed-in official (or signed out), with plausible
// parameters, and keeps every answer: status, headers and body. Table-driven: a route's path
// parameters are filled from values registered by the pattern's prefix ("/v1/users/{id}"), so
// a route added later with a known parameter form is walked without a change here, and one
// whose form is unknown is named as an error instead of being skipped. A state-changing route
// gets the body registered for it, or "{}" (a refusal is an answer to read too). A list's
// further pages (nextCursor) are followed; routes that require a reason (and a case
// reference) get them in their headers.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "server/api/route_table.hpp"
#include "tests/integration/server/official_client.hpp"
#include "tests/integration/server/silent_flags/leak_scan.hpp"

namespace minegate::test {

/// Who calls: a signed-in official (client set) or nobody signed in.
struct WalkCaller {
  std::string name;     ///< the role's name, or "anonymous"
  std::string user_id;  ///< "" when signed out
  OfficialClient* client = nullptr;
};

/// One call and its answer.
struct Exchange {
  std::string route;   ///< "GET /v1/users/{id}"
  std::string caller;  ///< WalkCaller::name
  std::string method;
  std::string target;  ///< the concrete path and query
  int status = 0;
  std::string body;
  std::vector<std::string> headers;  ///< "name: value"
  Surface surface = Surface::kOfficialApi;

  std::string Where() const { return method + " " + target + " as " + caller; }
};

/// The surface a route's answers belong to (leak_scan.hpp says what each allows).
Surface SurfaceOf(std::string_view pattern);

class RouteWalker {
 public:
  /// The values of one path parameter, for a caller (a token id is the caller's own).
  using Values = std::function<std::vector<std::string>(const WalkCaller&)>;
  /// A body for a call of `target` (the concrete path).
  using Body = std::function<std::string(const WalkCaller&, const std::string& target)>;

  /// Values for the parameter that ends `prefix` ("/v1/users/{id}", "/static/{version}").
  void SetValues(std::string prefix, Values values) {
    values_[std::move(prefix)] = std::move(values);
  }
  /// The body sent on `route` ("POST /v1/users").
  void SetBody(std::string route, Body body) { bodies_[std::move(route)] = std::move(body); }
  /// Query strings sent on `route` besides none ("?personToken=...").
  void AddQuery(std::string route, std::string query) {
    queries_[std::move(route)].push_back(std::move(query));
  }
  /// `route` runs only with a query (a search takes a criterion): it is called with each one
  /// added, never bare. A route marked so with no query added fails the walk by name.
  void RequireQuery(std::string route) { query_required_.insert(std::move(route)); }

  /// Calls `rule` as `caller` on every concrete target; appends the answers to `out`. False
  /// with `error` naming the route when a path parameter has no registered values.
  bool Walk(const server::api::RouteRule& rule, const WalkCaller& caller,
            std::vector<Exchange>& out, std::string& error) const;

  /// The concrete paths of `pattern` for `caller`; false when a parameter is unknown.
  bool Targets(std::string_view pattern, const WalkCaller& caller,
               std::vector<std::string>& targets, std::string& unknown) const;

 private:
  Exchange Call(const server::api::RouteRule& rule, const WalkCaller& caller,
                const std::string& target, const std::string& body) const;

  std::map<std::string, Values> values_;
  std::map<std::string, Body> bodies_;
  std::map<std::string, std::vector<std::string>> queries_;
  std::set<std::string> query_required_;
};

/// "GET /v1/users": how routes are named in the walk and in the audit log.
std::string RouteName(const server::api::RouteRule& rule);

}  // namespace minegate::test
