// The compartments as declared: properties every route must have.
#include "server/api/route_table.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace minegate::server::api {
namespace {

using admin::Role;

TEST(ApiRouteTable, EachRouteIsDeclaredOnce) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const RouteRule& rule : RouteTable()) {
    EXPECT_TRUE(seen.emplace(rule.method, rule.pattern).second) << rule.pattern;
    EXPECT_EQ(FindRoute(rule.method, rule.pattern), &rule);
  }
  EXPECT_EQ(FindRoute("GET", "/v1/nowhere"), nullptr);
}

TEST(ApiRouteTable, OfficialRoutesNameTheirRolesAndNeverAGateAgent) {
  for (const RouteRule& rule : RouteTable()) {
    if (rule.caller != Caller::kOfficial) continue;
    EXPECT_FALSE(rule.roles.empty()) << rule.pattern;
    EXPECT_FALSE(rule.roles.Contains(Role::kGateAgent)) << rule.pattern;
  }
}

TEST(ApiRouteTable, AuditorsReachOnlyTheAuditLogAndTheirOwnSession) {
  for (const RouteRule& rule : RouteTable()) {
    if (rule.caller != Caller::kOfficial || !rule.roles.Contains(Role::kAuditor)) continue;
    const bool own = rule.pattern.starts_with("/v1/session") ||
                     rule.pattern.starts_with("/v1/tokens") || rule.pattern == "/password";
    const bool audit = rule.pattern.starts_with("/v1/audit") || rule.pattern.starts_with("/audit");
    EXPECT_TRUE(own || audit) << rule.method << " " << rule.pattern;
  }
}

// Flags are silent (SYSTEM.md must-hold 4): the protection routes answer protection officers
// and no one else; administrators reach the rule sets, which carry no assessment.
TEST(ApiRouteTable, ProtectionRoutesAreForProtectionOfficersOnly) {
  int protection_routes = 0;
  for (const RouteRule& rule : RouteTable()) {
    if (rule.caller != Caller::kOfficial) continue;
    // The API's routes, and the workspace's pages (/protection...).
    const bool protection =
        rule.pattern.starts_with("/v1/protection") || rule.pattern.starts_with("/protection");
    const bool rules = rule.pattern.starts_with("/v1/risk");
    if (protection) {
      if (!rule.page) ++protection_routes;
      for (const Role role : admin::AllRoles()) {
        EXPECT_EQ(rule.roles.Contains(role), role == Role::kProtectionOfficer)
            << rule.method << " " << rule.pattern << " " << admin::RoleName(role);
      }
    }
    if (rules) {
      for (const Role role : admin::AllRoles()) {
        EXPECT_EQ(rule.roles.Contains(role), role == Role::kAdministrator)
            << rule.method << " " << rule.pattern << " " << admin::RoleName(role);
      }
    }
    if (rule.roles.Contains(Role::kProtectionOfficer) && !protection) {
      // Anything else a protection officer reaches is their own session or tokens.
      EXPECT_TRUE(rule.pattern.starts_with("/v1/session") ||
                  rule.pattern.starts_with("/v1/tokens") || rule.pattern == "/password")
          << rule.method << " " << rule.pattern;
    }
  }
  EXPECT_EQ(protection_routes, 17);
}

TEST(ApiRouteTable, ACasePageAndAReferralSummaryOpenOnlyWithAReason) {
  for (const auto& [method, pattern] :
       {std::pair{"GET", "/v1/protection/cases/{id}"},
        std::pair{"GET", "/v1/protection/referrals/{id}/summary"}}) {
    const RouteRule* rule = FindRoute(method, pattern);
    ASSERT_NE(rule, nullptr) << pattern;
    EXPECT_EQ(rule->justification, Justification::kReason) << pattern;
    EXPECT_EQ(rule->audit, Audit::kRead) << pattern;
  }
  // The queue shows no name: it needs no reason, and is audited as a read.
  EXPECT_EQ(FindRoute("GET", "/v1/protection/queue")->justification, Justification::kNone);
  EXPECT_EQ(FindRoute("GET", "/v1/protection/queue")->audit, Audit::kRead);
}

TEST(ApiRouteTable, StateChangesByOfficialsAreAuditedAndPagesChangeNothing) {
  for (const RouteRule& rule : RouteTable()) {
    if (rule.caller == Caller::kOfficial && ChangesState(rule.method)) {
      EXPECT_TRUE(rule.audit == Audit::kChange || rule.audit == Audit::kOwnPassword)
          << rule.pattern;
    }
    if (rule.page) {
      EXPECT_EQ(rule.method, "GET") << rule.pattern;
    }
  }
}

TEST(ApiRouteTable, WorkspacesFollowTheRoles) {
  EXPECT_EQ(WorkspacesOf(Role::kAdministrator), std::vector<std::string>{"/admin"});
  EXPECT_EQ(WorkspacesOf(Role::kAuditor), std::vector<std::string>{"/audit"});
  EXPECT_EQ(WorkspacesOf(Role::kProtectionOfficer), std::vector<std::string>{"/protection"});
  EXPECT_EQ(WorkspacesOf(Role::kBorderPolice), std::vector<std::string>{"/police"});
  EXPECT_EQ(WorkspacesOf(Role::kEmapeOfficial), std::vector<std::string>{"/census"});
  EXPECT_TRUE(WorkspacesOf(Role::kGateAgent).empty());
  EXPECT_FALSE(WebRoles().Contains(Role::kGateAgent));
  EXPECT_TRUE(WebRoles().Contains(Role::kBorderPolice));
}

TEST(ApiRouteTable, OnlyGetAndHeadLeaveStateAlone) {
  EXPECT_FALSE(ChangesState("GET"));
  EXPECT_FALSE(ChangesState("HEAD"));
  EXPECT_TRUE(ChangesState("POST"));
  EXPECT_TRUE(ChangesState("DELETE"));
  EXPECT_TRUE(ChangesState("PUT"));
}

}  // namespace
}  // namespace minegate::server::api
