// docs/api.md against the route table (server/api/route_table.cpp): the same set of routes, and
// for each the same callers, audit class and access before a forced password change, and a curl
// example. A route added to one and not the other, or a compartment changed on one side only,
// fails here.
//
// The format read (docs/api.md, "## 2." onwards): a route is a heading "### `METHOD /pattern`"
// outside code blocks; its section, up to the next heading, holds the lines
//   - **Who:** `public` | `device` | `role`, `role`, … [— words without backticks]
//   - **Audit:** `none` | `read` | `change` | `own-password` [— …]
//   - **Before a password change:** yes            (only where the route admits it)
// and a ```sh block with a curl command.
#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/file.hpp"
#include "server/admin/role.hpp"
#include "server/api/route_table.hpp"

namespace minegate::server::api {
namespace {

using Key = std::pair<std::string, std::string>;  // method, pattern

struct DocRoute {
  std::string method;
  std::string pattern;
  int line = 0;
  std::optional<std::set<std::string>> who;
  std::optional<std::string> audit;
  bool before_password_change = false;
  bool has_curl = false;
};

/// The backticked words of `text`, up to an em dash that starts a comment.
std::vector<std::string> Backticked(std::string_view text) {
  if (const auto dash = text.find(" \u2014 "); dash != std::string_view::npos) {
    text = text.substr(0, dash);
  }
  std::vector<std::string> words;
  std::size_t at = 0;
  while ((at = text.find('`', at)) != std::string_view::npos) {
    const std::size_t end = text.find('`', at + 1);
    if (end == std::string_view::npos) break;
    words.emplace_back(text.substr(at + 1, end - at - 1));
    at = end + 1;
  }
  return words;
}

/// The text after `label` when `line` starts with it.
std::optional<std::string_view> After(std::string_view line, std::string_view label) {
  if (!line.starts_with(label)) return std::nullopt;
  return line.substr(label.size());
}

std::vector<DocRoute> ParseRoutes(const std::string& text) {
  std::vector<DocRoute> routes;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  bool in_code = false;
  bool in_route = false;
  bool in_sh = false;
  while (std::getline(lines, line)) {
    ++number;
    if (line.starts_with("```")) {
      in_code = !in_code;
      in_sh = in_code && line == "```sh";
      continue;
    }
    if (in_code) {
      if (in_route && in_sh && line.find("curl ") != std::string::npos) {
        routes.back().has_curl = true;
      }
      continue;
    }
    if (line.starts_with("#")) {
      in_route = false;
      const auto heading = After(line, "### `");
      if (!heading || !heading->ends_with('`')) continue;
      const std::string_view route = heading->substr(0, heading->size() - 1);
      const auto space = route.find(' ');
      if (space == std::string_view::npos || route.find(' ', space + 1) != std::string_view::npos)
        continue;
      const std::string_view method = route.substr(0, space);
      const std::string_view pattern = route.substr(space + 1);
      if (method.empty() ||
          method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos) {
        continue;
      }
      if (!pattern.starts_with('/')) continue;
      DocRoute& added = routes.emplace_back();
      added.method = std::string(method);
      added.pattern = std::string(pattern);
      added.line = number;
      in_route = true;
      continue;
    }
    if (!in_route) continue;
    DocRoute& current = routes.back();
    if (const auto who = After(line, "- **Who:**")) {
      const auto words = Backticked(*who);
      current.who = std::set<std::string>(words.begin(), words.end());
    } else if (const auto audit = After(line, "- **Audit:**")) {
      const auto words = Backticked(*audit);
      if (!words.empty()) current.audit = words.front();
    } else if (const auto before = After(line, "- **Before a password change:**")) {
      current.before_password_change = std::string_view(*before).starts_with(" yes");
    }
  }
  return routes;
}

std::set<std::string> ExpectedWho(const RouteRule& rule) {
  switch (rule.caller) {
    case Caller::kPublic:
      return {"public"};
    case Caller::kDevice:
      return {"device"};
    case Caller::kOfficial:
      break;
  }
  std::set<std::string> roles;
  for (const admin::Role role : admin::AllRoles()) {
    if (rule.roles.Contains(role)) roles.emplace(admin::RoleName(role));
  }
  return roles;
}

std::string ExpectedAudit(Audit audit) {
  switch (audit) {
    case Audit::kNone:
      return "none";
    case Audit::kRead:
      return "read";
    case Audit::kChange:
      return "change";
    case Audit::kOwnPassword:
      return "own-password";
  }
  return "?";
}

std::string Join(const std::set<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : ", ") + word;
  return out;
}

class ApiDoc : public ::testing::Test {
 protected:
  void SetUp() override {
    auto text = base::ReadFileBounded(MINEGATE_API_DOC, 1024 * 1024);
    ASSERT_TRUE(text) << MINEGATE_API_DOC << ": " << text.error().message();
    routes_ = ParseRoutes(text.value());
    for (const DocRoute& route : routes_) by_key_.emplace(Key{route.method, route.pattern}, &route);
  }

  const DocRoute* Documented(const RouteRule& rule) const {
    const auto found = by_key_.find(Key{std::string(rule.method), std::string(rule.pattern)});
    return found == by_key_.end() ? nullptr : found->second;
  }

  std::vector<DocRoute> routes_;
  std::multimap<Key, const DocRoute*> by_key_;
};

TEST_F(ApiDoc, DocumentsEveryRouteOfTheTableAndNoOther) {
  std::set<Key> table;
  for (const RouteRule& rule : RouteTable()) table.emplace(rule.method, rule.pattern);
  std::set<Key> documented;
  for (const DocRoute& route : routes_) documented.emplace(route.method, route.pattern);
  for (const Key& key : table) {
    EXPECT_TRUE(documented.contains(key))
        << key.first << " " << key.second
        << " is in server/api/route_table.cpp but has no '### `METHOD /pattern`' in docs/api.md";
  }
  for (const Key& key : documented) {
    EXPECT_TRUE(table.contains(key)) << key.first << " " << key.second
                                     << " is in docs/api.md but not in server/api/route_table.cpp";
  }
}

TEST_F(ApiDoc, DocumentsEachRouteOnce) {
  for (const DocRoute& route : routes_) {
    EXPECT_EQ(by_key_.count(Key{route.method, route.pattern}), 1U)
        << route.method << " " << route.pattern << " (docs/api.md:" << route.line << ")";
  }
}

TEST_F(ApiDoc, NamesTheCallersOfTheTable) {
  for (const RouteRule& rule : RouteTable()) {
    const DocRoute* route = Documented(rule);
    if (route == nullptr) continue;  // DocumentsEveryRouteOfTheTableAndNoOther says so
    ASSERT_TRUE(route->who.has_value())
        << rule.method << " " << rule.pattern << " (docs/api.md:" << route->line
        << ") has no '- **Who:**' line";
    EXPECT_EQ(Join(*route->who), Join(ExpectedWho(rule)))
        << rule.method << " " << rule.pattern << " (docs/api.md:" << route->line << ")";
  }
}

TEST_F(ApiDoc, StatesTheAuditClassOfTheTable) {
  for (const RouteRule& rule : RouteTable()) {
    const DocRoute* route = Documented(rule);
    if (route == nullptr) continue;
    EXPECT_EQ(route->audit.value_or("(no '- **Audit:**' line)"), ExpectedAudit(rule.audit))
        << rule.method << " " << rule.pattern << " (docs/api.md:" << route->line << ")";
  }
}

TEST_F(ApiDoc, MarksTheOfficialRoutesOpenBeforeAPasswordChange) {
  for (const RouteRule& rule : RouteTable()) {
    const DocRoute* route = Documented(rule);
    if (route == nullptr || rule.caller != Caller::kOfficial) continue;
    EXPECT_EQ(route->before_password_change, rule.before_password_change)
        << rule.method << " " << rule.pattern << " (docs/api.md:" << route->line << ")";
  }
}

TEST_F(ApiDoc, GivesACurlExampleForEachRoute) {
  for (const DocRoute& route : routes_) {
    EXPECT_TRUE(route.has_curl) << route.method << " " << route.pattern
                                << " (docs/api.md:" << route.line << ") has no ```sh curl example";
  }
}

// The reader itself, on a small document: it must not find what is not there.
TEST(ApiDocParser, ReadsRouteHeadingsOutsideCodeOnly) {
  const std::string doc =
      "# T\n### `GET /a`\n- **Who:** `administrator`, `auditor` \u2014 see `x`\n"
      "- **Audit:** `read` \u2014 `change` is not it\n```sh\ncurl x\n```\n"
      "```\n### `POST /in-code`\n```\n"
      "### `DELETE /b/{id}`\n- **Before a password change:** yes\n```json\ncurl in json\n```\n"
      "### Not a route\n### `get /lower`\n### `GET nopath`\n";
  const auto routes = ParseRoutes(doc);
  ASSERT_EQ(routes.size(), 2U);
  EXPECT_EQ(routes[0].method, "GET");
  EXPECT_EQ(routes[0].pattern, "/a");
  EXPECT_EQ(routes[0].who, (std::set<std::string>{"administrator", "auditor"}));
  EXPECT_EQ(routes[0].audit, "read");
  EXPECT_TRUE(routes[0].has_curl);
  EXPECT_FALSE(routes[0].before_password_change);
  EXPECT_EQ(routes[1].pattern, "/b/{id}");
  EXPECT_FALSE(routes[1].who.has_value());
  EXPECT_TRUE(routes[1].before_password_change);
  EXPECT_FALSE(routes[1].has_curl);  // a curl in a json block is not an example
}

}  // namespace
}  // namespace minegate::server::api
