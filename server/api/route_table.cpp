#include "server/api/route_table.hpp"

#include <array>

namespace minegate::server::api {
namespace {

using admin::Role;

constexpr RoleSet kWeb{Role::kBorderPolice, Role::kEmapeOfficial, Role::kProtectionOfficer,
                       Role::kAdministrator, Role::kAuditor};
constexpr RoleSet kAdministrators{Role::kAdministrator};
constexpr RoleSet kAuditors{Role::kAuditor};
constexpr RoleSet kAdministratorsAndAuditors{Role::kAdministrator, Role::kAuditor};
constexpr RoleSet kProtectionOfficers{Role::kProtectionOfficer};
constexpr RoleSet kBorderPolice{Role::kBorderPolice};
constexpr RoleSet kEmapeOfficials{Role::kEmapeOfficial};
constexpr RoleSet kSiteReaders{Role::kAdministrator, Role::kBorderPolice, Role::kEmapeOfficial};

constexpr RouteRule Public(std::string_view method, std::string_view pattern, bool page = false) {
  return RouteRule{method, pattern, Caller::kPublic,     {}, Audit::kNone,
                   page,   true,    Justification::kNone};
}
constexpr RouteRule Device(std::string_view method, std::string_view pattern, Audit audit) {
  return RouteRule{method, pattern, Caller::kDevice, {}, audit, false, false, Justification::kNone};
}
constexpr RouteRule Official(std::string_view method, std::string_view pattern, RoleSet roles,
                             Audit audit, Justification justification = Justification::kNone) {
  return RouteRule{method, pattern, Caller::kOfficial, roles, audit, false, false, justification};
}
constexpr RouteRule Page(std::string_view pattern, RoleSet roles) {
  return RouteRule{"GET", pattern, Caller::kOfficial,   roles, Audit::kNone,
                   true,  false,   Justification::kNone};
}
constexpr RouteRule Self(std::string_view method, std::string_view pattern,
                         bool before_password_change = false) {
  return RouteRule{method,         pattern, Caller::kOfficial,      kWeb,
                   Audit::kChange, false,   before_password_change, Justification::kNone};
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
    RouteRule{"GET", "/v1/session", Caller::kOfficial, kWeb, Audit::kNone, false, true, Justification::kNone},
    Self("DELETE", "/v1/session", true),
    RouteRule{"POST", "/v1/session/password", Caller::kOfficial, kWeb, Audit::kOwnPassword,
              false, true, Justification::kNone},
    RouteRule{"GET", "/v1/tokens", Caller::kOfficial, kWeb, Audit::kNone, false, false, Justification::kNone},
    Self("POST", "/v1/tokens"),
    Self("DELETE", "/v1/tokens/{id}"),
    // Administrators: accounts, sites, devices — never a person record
    Official("GET", "/v1/users", kAdministrators, Audit::kRead),
    Official("POST", "/v1/users", kAdministrators, Audit::kChange),
    Official("POST", "/v1/users/{id}/disable", kAdministrators, Audit::kChange),
    Official("POST", "/v1/users/{id}/password-reset", kAdministrators, Audit::kChange),
    Official("PUT", "/v1/users/{id}/pin", kAdministrators, Audit::kChange),
    Official("PUT", "/v1/users/{id}/staff-card", kAdministrators, Audit::kChange),
    Official("PUT", "/v1/users/{id}/sites", kAdministrators, Audit::kChange),
    // The site list (names, departments, gates, locations: no person) is also what border police
    // search by and EMAPE officials open campaigns at.
    Official("GET", "/v1/sites", kSiteReaders, Audit::kRead),
    Official("POST", "/v1/sites", kAdministrators, Audit::kChange),
    Official("POST", "/v1/sites/{id}/gates", kAdministrators, Audit::kChange),
    Official("PUT", "/v1/sites/{id}/location", kAdministrators, Audit::kChange),
    Official("GET", "/v1/devices", kAdministrators, Audit::kRead),
    Official("POST", "/v1/devices", kAdministrators, Audit::kChange),
    Official("POST", "/v1/devices/{id}/revoke", kAdministrators, Audit::kChange),
    // Administrators: security events (suspected clones) — a tag UID, sites and times, never a
    // person record
    Official("GET", "/v1/security/events", kAdministrators, Audit::kRead),
    Official("POST", "/v1/security/events/{id}/revoke", kAdministrators, Audit::kChange),
    Official("POST", "/v1/security/events/{id}/dismiss", kAdministrators, Audit::kChange),
    Official("GET", "/v1/security/settings", kAdministrators, Audit::kRead),
    Official("PUT", "/v1/security/settings", kAdministrators, Audit::kChange),
    // Protection officers: the queue and cases, referrals and care services, search notices.
    // Flags are silent (SYSTEM.md must-hold 4): no other role reaches any of these, and a case
    // page or a referral summary opens only with a reason
    Official("GET", "/v1/protection/queue", kProtectionOfficers, Audit::kRead),
    Official("GET", "/v1/protection/cases/{id}", kProtectionOfficers, Audit::kRead,
             Justification::kReason),
    Official("POST", "/v1/protection/cases/{id}/open", kProtectionOfficers, Audit::kChange),
    Official("POST", "/v1/protection/cases/{id}/assign", kProtectionOfficers, Audit::kChange),
    Official("POST", "/v1/protection/cases/{id}/dismiss", kProtectionOfficers, Audit::kChange),
    Official("POST", "/v1/protection/cases/{id}/close", kProtectionOfficers, Audit::kChange),
    Official("POST", "/v1/protection/cases/{id}/reopen", kProtectionOfficers, Audit::kChange),
    Official("POST", "/v1/protection/cases/{id}/referrals", kProtectionOfficers, Audit::kChange),
    Official("POST", "/v1/protection/referrals/{id}/acknowledgement", kProtectionOfficers,
             Audit::kChange),
    Official("POST", "/v1/protection/referrals/{id}/outcome", kProtectionOfficers,
             Audit::kChange),
    Official("GET", "/v1/protection/referrals/{id}/summary", kProtectionOfficers, Audit::kRead,
             Justification::kReason),
    Official("GET", "/v1/protection/services", kProtectionOfficers, Audit::kRead),
    Official("POST", "/v1/protection/services", kProtectionOfficers, Audit::kChange),
    Official("PUT", "/v1/protection/services/{id}", kProtectionOfficers, Audit::kChange),
    Official("GET", "/v1/protection/notices", kProtectionOfficers, Audit::kRead),
    Official("POST", "/v1/protection/notices", kProtectionOfficers, Audit::kChange),
    Official("POST", "/v1/protection/notices/{id}/close", kProtectionOfficers, Audit::kChange),
    // EMAPE officials: census campaigns, site populations, campaign results. Counts and census
    // data, never protection data; the minors' and the card issuance lists are person-level
    // reads (their entries name the persons' tokens)
    Official("GET", "/v1/census/campaigns", kEmapeOfficials, Audit::kRead),
    Official("POST", "/v1/census/campaigns", kEmapeOfficials, Audit::kChange),
    Official("POST", "/v1/census/campaigns/{id}/open", kEmapeOfficials, Audit::kChange),
    Official("POST", "/v1/census/campaigns/{id}/close", kEmapeOfficials, Audit::kChange),
    Official("GET", "/v1/census/campaigns/{id}/results", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/campaigns/{id}/minors", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/campaigns/{id}/card-candidates", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/populations", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/sites/{id}/daily", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/arrivals", kEmapeOfficials, Audit::kRead),
    // The same tables as CSV, streamed (server/api/census_export): the lists name their persons
    Official("GET", "/v1/census/campaigns/{id}/results.csv", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/campaigns/{id}/minors.csv", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/campaigns/{id}/card-candidates.csv", kEmapeOfficials,
             Audit::kRead),
    Official("GET", "/v1/census/populations.csv", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/sites/{id}/daily.csv", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/arrivals.csv", kEmapeOfficials, Audit::kRead),
    Official("GET", "/v1/census/settings", kEmapeOfficials, Audit::kRead),
    Official("PUT", "/v1/census/settings", kEmapeOfficials, Audit::kChange),
    // A lost miner's card: its UID joins the revoked list every kiosk receives.
    Official("POST", "/v1/census/cards/{number}/revoke", kEmapeOfficials, Audit::kChange),
    // Administrators: the risk rule sets — the rules, never a flag, a case or a person
    Official("GET", "/v1/risk/rule-sets", kAdministrators, Audit::kRead),
    Official("GET", "/v1/risk/rule-sets/{version}", kAdministrators, Audit::kRead),
    Official("POST", "/v1/risk/rule-sets", kAdministrators, Audit::kChange),
    // Border police: person search and arrival histories across sites. Person-level reads,
    // each with a reason and a case reference; never protection data (police.proto has no
    // field for it)
    Official("GET", "/v1/police/persons", kBorderPolice, Audit::kRead,
             Justification::kReasonAndCaseReference),
    Official("GET", "/v1/police/persons/{id}/timeline", kBorderPolice, Audit::kRead,
             Justification::kReasonAndCaseReference),
    // The same as CSV, streamed (server/api/police_export), with the same reason and reference
    Official("GET", "/v1/police/persons.csv", kBorderPolice, Audit::kRead,
             Justification::kReasonAndCaseReference),
    Official("GET", "/v1/police/persons/{id}/timeline.csv", kBorderPolice, Audit::kRead,
             Justification::kReasonAndCaseReference),
    // Audit: auditors read it; administrators see its head for the record
    Official("GET", "/v1/audit/head", kAdministratorsAndAuditors, Audit::kRead),
    Official("GET", "/v1/audit/entries", kAuditors, Audit::kRead),
    Official("GET", "/v1/audit/verification", kAuditors, Audit::kRead),
    Official("GET", "/v1/audit/export.csv", kAuditors, Audit::kRead),
    // The web application: the shell, its assets, and the workspaces' pages
    Public("GET", "/", true),
    Public("GET", "/signin", true),
    Public("GET", "/static/{version}/{path...}"),
    RouteRule{"GET", "/password", Caller::kOfficial, kWeb, Audit::kNone, true, true, Justification::kNone},
    Page("/admin", kAdministrators),
    Page("/admin/{section...}", kAdministrators),
    Page("/audit", kAuditors),
    Page("/audit/{section...}", kAuditors),
    Page("/protection", kProtectionOfficers),
    Page("/protection/{section...}", kProtectionOfficers),
    Page("/police", kBorderPolice),
    Page("/police/{section...}", kBorderPolice),
    Page("/census", kEmapeOfficials),
    Page("/census/{section...}", kEmapeOfficials),
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
