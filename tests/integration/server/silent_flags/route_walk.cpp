#include "tests/integration/server/silent_flags/route_walk.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

namespace minegate::test {
namespace {

/// A list answers at most this many pages in the walk (the scenario's lists are short).
constexpr int kMaxPages = 100;

/// The list's next page cursor, or "" (not JSON, not a list, or the last page).
std::string NextCursorOf(const std::string& body) {
  if (body.empty() || body.front() != '{') return {};
  google::protobuf::Value value;
  if (!google::protobuf::util::JsonStringToMessage(body, &value).ok()) return {};
  const auto& fields = value.struct_value().fields();
  const auto found = fields.find("nextCursor");
  return found == fields.end() ? std::string() : found->second.string_value();
}

std::string WithQuery(const std::string& target, const std::string& parameter) {
  return target + (target.find('?') == std::string::npos ? "?" : "&") + parameter;
}

}  // namespace

std::string RouteName(const server::api::RouteRule& rule) {
  return std::string(rule.method) + " " + std::string(rule.pattern);
}

Surface SurfaceOf(std::string_view pattern) {
  if (pattern.starts_with("/v1/risk/rule-sets")) return Surface::kRuleSetApi;
  if (pattern.starts_with("/v1/audit/")) return Surface::kAuditApi;
  if (pattern.starts_with("/static/")) return Surface::kStaticAsset;
  return Surface::kOfficialApi;
}

bool RouteWalker::Targets(std::string_view pattern, const WalkCaller& caller,
                          std::vector<std::string>& targets, std::string& unknown) const {
  std::vector<std::string> partial = {""};
  std::string prefix;
  std::size_t at = 1;  // after the leading '/'
  while (at <= pattern.size()) {
    const std::size_t end = std::min(pattern.find('/', at), pattern.size());
    const std::string segment(pattern.substr(at, end - at));
    at = end + 1;
    prefix += "/" + segment;
    std::vector<std::string> next;
    if (segment.starts_with("{")) {
      const auto values = values_.find(prefix);
      if (values == values_.end()) {
        unknown = prefix;
        return false;
      }
      const std::vector<std::string> filled = values->second(caller);
      if (filled.empty()) {
        unknown = prefix + " (no value)";
        return false;
      }
      for (const std::string& path : partial) {
        for (const std::string& value : filled) next.push_back(path + "/" + value);
      }
    } else {
      for (const std::string& path : partial) next.push_back(path + "/" + segment);
    }
    partial = std::move(next);
  }
  targets = std::move(partial);
  return true;
}

Exchange RouteWalker::Call(const server::api::RouteRule& rule, const WalkCaller& caller,
                           const std::string& target, const std::string& body) const {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!caller.client->cookie().empty()) headers.emplace_back("Cookie", caller.client->cookie());
  if (server::api::ChangesState(rule.method) && !caller.client->csrf().empty()) {
    headers.emplace_back("X-CSRF-Token", caller.client->csrf());
  }
  if (rule.justification != server::api::Justification::kNone) {
    headers.emplace_back("Minegate-Reason", "Contr%C3%B4le%20de%20routine");
  }
  if (rule.justification == server::api::Justification::kReasonAndCaseReference) {
    headers.emplace_back("Minegate-Case-Reference", "PV-2026%2F0042");
  }
  const HttpResult answer = caller.client->Raw(std::string(rule.method), target, headers, body);
  Exchange exchange{RouteName(rule), caller.name, std::string(rule.method), target, answer.status,
                    answer.body,     {},          SurfaceOf(rule.pattern)};
  for (const auto& [name, value] : answer.headers) exchange.headers.push_back(name + ": " + value);
  return exchange;
}

bool RouteWalker::Walk(const server::api::RouteRule& rule, const WalkCaller& caller,
                       std::vector<Exchange>& out, std::string& error) const {
  std::vector<std::string> targets;
  std::string unknown;
  if (!Targets(rule.pattern, caller, targets, unknown)) {
    error = RouteName(rule) + ": no value for the path parameter " + unknown +
            " (add one to the walk: RouteWalker::SetValues)";
    return false;
  }
  const std::string route = RouteName(rule);
  std::vector<std::string> queries;
  if (!query_required_.contains(route)) queries.emplace_back();
  if (const auto extra = queries_.find(route); extra != queries_.end()) {
    queries.insert(queries.end(), extra->second.begin(), extra->second.end());
  }
  if (queries.empty()) {
    error = route + ": runs only with a query, and none was given (RouteWalker::AddQuery)";
    return false;
  }
  const bool change = server::api::ChangesState(rule.method);
  for (const std::string& path : targets) {
    for (const std::string& query : queries) {
      std::string body;
      if (change) {
        const auto made = bodies_.find(route);
        body = made == bodies_.end() ? "{}" : made->second(caller, path);
      }
      std::string target = path + query;
      for (int page = 0; page < kMaxPages; ++page) {
        out.push_back(Call(rule, caller, target, body));
        const std::string cursor = change ? std::string() : NextCursorOf(out.back().body);
        if (cursor.empty()) break;
        target = WithQuery(path + query, "cursor=" + cursor);
      }
    }
  }
  return true;
}

}  // namespace minegate::test
