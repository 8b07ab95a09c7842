#include "server/api/route_table.hpp"

#include <array>

namespace minegate::server::api {
namespace {

using admin::Role;

constexpr RoleSet kWeb{Role::kBorderPolice, Role::kEmapeOfficial, Role::kProtectionOfficer,
                       Role::kAdministrator, Role::kAuditor};
constexpr RoleSet kAdministrators{Role::kAdministrator};
constexpr RoleSet kAuditors{Role::kAuditor};

constexpr RouteRule Public(std::string_view method, std::string_view pattern, bool page = false) {
  return RouteRule{method, pattern, Caller::kPublic, {}, Audit::kNone, page, true};
}
constexpr RouteRule Device(std::string_view method, std::string_view pattern, Audit audit) {
  return RouteRule{method, pattern, Caller::kDevice, {}, audit, false, false};
}
constexpr RouteRule Official(std::string_view method, std::string_view pattern, RoleSet roles,
                             Audit audit) {
  return RouteRule{method, pattern, Caller::kOfficial, roles, audit, false, false};
}
constexpr RouteRule Page(std::string_view pattern, RoleSet roles) {
  return RouteRule{"GET", pattern, Caller::kOfficial, roles, Audit::kNone, true, false};
}
constexpr RouteRule Self(std::string_view method, std::string_view pattern,
                         bool before_password_change = false) {
  return RouteRule{method,         pattern, Caller::kOfficial,     kWeb,
                   Audit::kChange, false,   before_password_change};
}

// clang-format off
constexpr std::array kRoutes = {
    // Service
    Public("GET", "/healthz"),
    Public("GET", "/metrics"),
    // Kiosks (docs/protocol.md)
    Device("GET", "/v1/kiosk/stream", Audit::kNone),
    Public("POST", "/v1/devices/enroll"),
    Device("GET", "/v1/devices/{id}/reconcile", Audit::kNone),
    Device("GET", "/v1/devices/{id}/person-candidates", Audit::kRead),
    // Sessions and API tokens: every web role, for themselves
    Public("POST", "/v1/session"),
    RouteRule{"GET", "/v1/session", Caller::kOfficial, kWeb, Audit::kNone, false, true},
    Self("DELETE", "/v1/session", true),
    Self("POST", "/v1/session/password", true),
    RouteRule{"GET", "/v1/tokens", Caller::kOfficial, kWeb, Audit::kNone, false, false},
    Self("POST", "/v1/tokens"),
    Self("DELETE", "/v1/tokens/{id}"),
    // Administrators' and auditors' API routes come with their handlers (users, sites,
    // devices, the audit log): a route is declared here when the server serves it.
    // The web application: the shell, its assets, and the workspaces' pages
    Public("GET", "/", true),
    Public("GET", "/sign-in", true),
    Public("GET", "/static/{version}/{path...}"),
    RouteRule{"GET", "/password", Caller::kOfficial, kWeb, Audit::kNone, true, true},
    Page("/admin", kAdministrators),
    Page("/admin/{section...}", kAdministrators),
    Page("/audit", kAuditors),
    Page("/audit/{section...}", kAuditors),
};
// clang-format on

}  // namespace

std::span<const RouteRule> RouteTable() { return kRoutes; }

const RouteRule* FindRoute(std::string_view method, std::string_view pattern) {
  for (const RouteRule& rule : kRoutes) {
    if (rule.method == method && rule.pattern == pattern) return &rule;
  }
  return nullptr;
}

RoleSet WebRoles() { return kWeb; }

std::vector<std::string> WorkspacesOf(admin::Role role) {
  std::vector<std::string> workspaces;
  for (const RouteRule& rule : kRoutes) {
    // A workspace is a page with one literal segment below the root.
    const bool root_page =
        rule.page && rule.caller == Caller::kOfficial && rule.pattern.size() > 1 &&
        rule.pattern.find('/', 1) == std::string_view::npos && rule.pattern != "/password";
    if (root_page && rule.roles.Contains(role)) workspaces.emplace_back(rule.pattern);
  }
  return workspaces;
}

bool ChangesState(std::string_view method) { return method != "GET" && method != "HEAD"; }

}  // namespace minegate::server::api
