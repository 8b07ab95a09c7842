// The compartments, through the real minegate-server: every route of the route table, called
// signed out and by every web role, each cell asserted from the table itself — allowed: not
// 401/403; refused: exactly 401 (signed out) or 403 (wrong role) with a problem body, or for a
// page the sign-in redirect and the 403 shell. The protection workspace written out role by role
// (flags are silent). Then what the compartments rest on: the sign-in lock, a disabled user's live
// session, API tokens' scope, and the audit entry every administrator's change through the API
// leaves exactly once.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "server/admin/role.hpp"
#include "server/api/route_table.hpp"
#include "tests/integration/server/official_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

using server::admin::Role;

constexpr char kPassword[] = "correct horse battery staple";

/// A user per web role (administrator: the server's own "admin").
const std::map<Role, std::string>& WebUsers() {
  static const std::map<Role, std::string> users = {
      {Role::kAdministrator, "admin"},
      {Role::kAuditor, "awa.auditor"},
      {Role::kBorderPolice, "ousmane.police"},
      {Role::kEmapeOfficial, "fatou.emape"},
      {Role::kProtectionOfficer, "aminata.protection"},
  };
  return users;
}

/// Path parameters of a route whose form is not "1" (a pattern's own value), and the query a
/// route needs to run at all: a route the table below cannot fill would answer its allowed
/// callers a 400 and prove nothing about the handler behind the door.
struct RouteFill {
  std::string_view pattern;
  std::string_view id;
  std::string_view query;
};
constexpr RouteFill kRouteFills[] = {
    // A person id is a person token in hex (nobody's here: 404 unknown_person).
    {"/v1/police/persons/{id}/timeline", "0123456789abcdef0123456789abcdef", ""},
    // A search takes exactly one criterion.
    {"/v1/police/persons", "", "?name=diallo"},
    // The exports: the same parameters as their JSON routes; a census table is chosen.
    {"/v1/police/persons/{id}/timeline.csv", "0123456789abcdef0123456789abcdef", ""},
    {"/v1/police/persons.csv", "", "?name=diallo"},
    {"/v1/census/campaigns/{id}/results.csv", "", "?table=sex"},
};

/// A concrete path for a route pattern: ids that name nothing, a section that exists.
std::string PathOf(std::string_view pattern) {
  std::string path(pattern);
  std::string id = "1";
  for (const RouteFill& fill : kRouteFills) {
    if (fill.pattern != pattern) continue;
    if (!fill.id.empty()) id = std::string(fill.id);
    path += fill.query;
  }
  const std::pair<const char*, std::string> fills[] = {{"{version}", "0000"},
                                                       {"{path...}", "app.js"},
                                                       {"{section...}", "users"},
                                                       {"{id}", id},
                                                       {"{number}", "KDG1-000999"}};
  for (const auto& [param, value] : fills) {
    for (auto at = path.find(param); at != std::string::npos; at = path.find(param)) {
      path.replace(at, std::string_view(param).size(), value);
    }
  }
  return path;
}

class OfficialAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    {
      std::ofstream password(dir_.File("pw"));
      password << kPassword << '\n';
    }
    for (const auto& [role, user] : WebUsers()) {
      if (role == Role::kAdministrator) continue;
      const auto added = server_->Ctl({"user", "add", "--id", user, "--name", user, "--role",
                                       std::string(server::admin::RoleName(role)),
                                       "--password-file", dir_.File("pw")});
      ASSERT_TRUE(added.status.Succeeded()) << added.out << added.err;
    }
  }

  std::unique_ptr<OfficialClient> SignedIn(Role role) {
    auto client = std::make_unique<OfficialClient>(server_->client());
    const HttpResult signed_in = client->SignIn(WebUsers().at(role), kPassword);
    EXPECT_EQ(signed_in.status, 200) << signed_in.body;
    return client;
  }

  /// Audit entries with this action and outcome.
  std::int64_t AuditCount(const std::string& action, const std::string& outcome) {
    auto connection = db::Connection::Open(server_->database());
    EXPECT_TRUE(connection);
    if (!connection) return -1;
    auto count = db::QueryOne(
        connection.value(), "SELECT count(*) FROM audit_log WHERE action = ? AND outcome = ?",
        [](const db::Statement& row) { return row.ColumnInt64(0); }, action, outcome);
    return count ? count.value() : -1;
  }

  TempDir dir_{"access"};
  std::unique_ptr<ServerProcess> server_;
};

/// A call with the session, the CSRF token on a change, and a reason and case reference.
HttpResult Justified(OfficialClient& client, const std::string& method, const std::string& target,
                     const std::string& body) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Cookie", client.cookie()}};
  if (server::api::ChangesState(method)) headers.emplace_back("X-CSRF-Token", client.csrf());
  headers.emplace_back("Minegate-Reason", "Contr%C3%B4le%20des%20acc%C3%A8s");
  headers.emplace_back("Minegate-Case-Reference", "PV-2026%2F0001");
  return client.Raw(method, target, headers, body);
}

bool IsProblem(const HttpResult& result, std::string_view type) {
  return result.Header("content-type") == "application/problem+json" &&
         result.body.find("urn:minegate:problem:" + std::string(type)) != std::string::npos;
}

TEST_F(OfficialAccessTest, EveryRouteTimesEveryRoleAndSignedOut) {
  // Sign-out and the password change would end the caller's session midway: last, below.
  const auto ends_session = [](const server::api::RouteRule& rule) {
    return rule.pattern == "/v1/session" && rule.method == "DELETE";
  };
  std::map<Role, std::unique_ptr<OfficialClient>> callers;
  for (const auto& [role, user] : WebUsers()) callers[role] = SignedIn(role);
  OfficialClient anonymous(server_->client());
  int cells = 0;
  auto check = [&](const server::api::RouteRule& rule) {
    const std::string method(rule.method);
    const std::string path = PathOf(rule.pattern);
    // Sign-in takes credentials, not a session: give it good ones, it must not be refused.
    const std::string body =
        rule.pattern == "/v1/session" && rule.method == "POST"
            ? std::string(R"({"userId":"admin","password":")") + kPassword + "\"}"
            : (server::api::ChangesState(rule.method) ? "{}" : "");
    // Signed out.
    const HttpResult out = anonymous.Call(method, path, body);
    ++cells;
    if (rule.caller == server::api::Caller::kOfficial) {
      if (rule.page) {
        EXPECT_EQ(out.status, 303) << method << " " << path;
        EXPECT_EQ(out.Header("location"), "/signin?next=" + path);
      } else {
        EXPECT_EQ(out.status, 401) << method << " " << path << " " << out.body;
        EXPECT_TRUE(IsProblem(out, "not_signed_in")) << method << " " << path << " " << out.body;
      }
    } else {
      EXPECT_NE(out.status, 401) << method << " " << path << " " << out.body;
      EXPECT_NE(out.status, 403) << method << " " << path << " " << out.body;
    }
    // Each web role; a person-level read with the reason (and case reference) it requires,
    // so the allowed role reaches the handler.
    for (auto& [role, client] : callers) {
      const HttpResult answer = rule.justification == server::api::Justification::kNone
                                    ? client->Call(method, path, body)
                                    : Justified(*client, method, path, body);
      ++cells;
      const std::string cell = method + " " + path + " as " +
                               std::string(server::admin::RoleName(role)) + ": " +
                               std::to_string(answer.status) + " " + answer.body.substr(0, 200);
      const bool allowed =
          rule.caller != server::api::Caller::kOfficial || rule.roles.Contains(role);
      if (allowed) {
        EXPECT_NE(answer.status, 401) << cell;
        EXPECT_NE(answer.status, 403) << cell;
        if (rule.justification != server::api::Justification::kNone) {
          EXPECT_NE(answer.status, 400) << cell << " (the walk did not fill it: kRouteFills)";
        }
      } else if (rule.page) {
        EXPECT_EQ(answer.status, 403) << cell;
        EXPECT_NE(answer.body.find("<html"), std::string::npos) << cell;
      } else {
        EXPECT_EQ(answer.status, 403) << cell;
        EXPECT_TRUE(IsProblem(answer, "forbidden")) << cell;
        EXPECT_NE(answer.body.find(" / "), std::string::npos) << cell;  // bilingual title
      }
    }
  };
  for (const server::api::RouteRule& rule : server::api::RouteTable()) {
    // Kiosks' routes answer to device signatures (tests/integration/kiosk*, docs/protocol.md).
    if (rule.caller == server::api::Caller::kDevice || ends_session(rule)) continue;
    check(rule);
  }
  for (const server::api::RouteRule& rule : server::api::RouteTable()) {
    if (ends_session(rule)) check(rule);
  }
  EXPECT_GT(cells, 6 * 30);
}

// The compartments the brief names, written out rather than read from the table, so that a
// wrong line in the table is caught here too.
TEST_F(OfficialAccessTest, TheBriefsCompartmentsHold) {
  auto admin = SignedIn(Role::kAdministrator);
  auto auditor = SignedIn(Role::kAuditor);
  auto police = SignedIn(Role::kBorderPolice);
  // Administrators manage accounts and devices, and read no audit entry nor anything else.
  EXPECT_EQ(admin->Call("GET", "/v1/users").status, 200);
  EXPECT_EQ(admin->Call("GET", "/v1/devices").status, 200);
  EXPECT_EQ(admin->Call("GET", "/v1/audit/head").status, 200);
  EXPECT_EQ(admin->Call("GET", "/v1/audit/entries").status, 403);
  EXPECT_EQ(admin->Call("GET", "/v1/audit/export.csv").status, 403);
  // Auditors read the audit log only.
  EXPECT_EQ(auditor->Call("GET", "/v1/audit/entries").status, 200);
  EXPECT_EQ(auditor->Call("GET", "/v1/users").status, 403);
  EXPECT_EQ(auditor->Call("GET", "/v1/devices").status, 403);
  EXPECT_EQ(auditor->Call("POST", "/v1/sites", R"({"name":"X","department":"saraya"})").status,
            403);
  // Other roles have neither workspace.
  EXPECT_EQ(police->Call("GET", "/v1/users").status, 403);
  EXPECT_EQ(police->Call("GET", "/v1/audit/entries").status, 403);
  EXPECT_EQ(police->Call("GET", "/admin").status, 403);
  EXPECT_EQ(police->Call("GET", "/v1/session").status, 200);
}

// Flags are silent (SYSTEM.md must-hold 4): the protection workspace answers protection
// officers and no one else, the risk rule sets administrators only — written out role by role.
TEST_F(OfficialAccessTest, OnlyProtectionOfficersReachTheProtectionWorkspace) {
  const std::vector<std::pair<std::string, std::string>> protection = {
      {"GET", "/v1/protection/queue"},
      {"GET", "/v1/protection/cases/1"},
      {"POST", "/v1/protection/cases/1/open"},
      {"POST", "/v1/protection/cases/1/referrals"},
      {"POST", "/v1/protection/referrals/1/outcome"},
      {"GET", "/v1/protection/referrals/1/summary"},
      {"GET", "/v1/protection/services"},
      {"GET", "/v1/protection/notices"},
      {"POST", "/v1/protection/notices"},
  };
  for (const auto& [role, user] : WebUsers()) {
    auto client = SignedIn(role);
    const std::string who(server::admin::RoleName(role));
    for (const auto& [method, path] : protection) {
      const HttpResult answer = client->Call(method, path, method == "POST" ? "{}" : "");
      if (role == Role::kProtectionOfficer) {
        EXPECT_NE(answer.status, 403) << method << " " << path << " as " << who;
        EXPECT_NE(answer.status, 401) << method << " " << path << " as " << who;
      } else {
        EXPECT_EQ(answer.status, 403) << method << " " << path << " as " << who;
        EXPECT_TRUE(IsProblem(answer, "forbidden")) << method << " " << path << " as " << who;
      }
    }
    const HttpResult rules = client->Call("GET", "/v1/risk/rule-sets");
    EXPECT_EQ(rules.status, role == Role::kAdministrator ? 200 : 403) << who;
  }
  auto officer = SignedIn(Role::kProtectionOfficer);
  EXPECT_EQ(officer->Call("GET", "/v1/protection/queue").status, 200);
  // A case page asks the reason first, after the role: another role learns nothing of it.
  EXPECT_TRUE(IsProblem(officer->Call("GET", "/v1/protection/cases/1"), "reason_required"));
  EXPECT_EQ(AuditCount("GET /v1/protection/queue", "refused:forbidden"), 4);
}

// The census (issue 13): EMAPE officials only — police, protection officers, administrators
// and auditors are refused every census route, the lists of names above all — written out role
// by role, every route of the census block of the route table.
TEST_F(OfficialAccessTest, OnlyEmapeOfficialsReachTheCensus) {
  std::vector<std::pair<std::string, std::string>> census;
  for (const server::api::RouteRule& rule : server::api::RouteTable()) {
    if (rule.pattern.starts_with("/v1/census/")) {
      census.emplace_back(std::string(rule.method), PathOf(rule.pattern));
    }
  }
  // The JSON routes and their CSV exports, at least (a guard against an empty walk).
  ASSERT_GE(census.size(), 18U);
  for (const auto& [role, user] : WebUsers()) {
    auto client = SignedIn(role);
    const std::string who(server::admin::RoleName(role));
    for (const auto& [method, path] : census) {
      const HttpResult answer = client->Call(method, path, method == "GET" ? "" : "{}");
      if (role == Role::kEmapeOfficial) {
        EXPECT_NE(answer.status, 403) << method << " " << path << " as " << who;
        EXPECT_NE(answer.status, 401) << method << " " << path << " as " << who;
      } else {
        EXPECT_EQ(answer.status, 403) << method << " " << path << " as " << who;
        EXPECT_TRUE(IsProblem(answer, "forbidden")) << method << " " << path << " as " << who;
      }
    }
  }
  auto emape = SignedIn(Role::kEmapeOfficial);
  EXPECT_EQ(emape->Call("GET", "/v1/census/populations").status, 200);
  EXPECT_EQ(emape->Call("GET", "/v1/census/settings").status, 200);
  EXPECT_TRUE(IsProblem(emape->Call("GET", "/v1/census/campaigns/1/minors"), "unknown_campaign"));
  EXPECT_EQ(AuditCount("GET /v1/census/campaigns/{id}/minors", "refused:forbidden"), 4);
  EXPECT_EQ(AuditCount("GET /v1/census/campaigns/{id}/card-candidates", "refused:forbidden"), 4);
}

TEST_F(OfficialAccessTest, AnOfficialCreatedOnTheWebChoosesANewPasswordFirst) {
  auto admin = SignedIn(Role::kAdministrator);
  const HttpResult created = admin->Call(
      "POST", "/v1/users",
      R"({"userId":"binta.audit","displayName":"Binta","role":"API_ROLE_AUDITOR","password":"given by the admin"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_NE(created.body.find(R"("mustChangePassword":true)"), std::string::npos);
  const HttpResult agent = admin->Call(
      "POST", "/v1/users",
      R"({"userId":"issa.agent","displayName":"Issa","role":"API_ROLE_GATE_AGENT","password":"a long password 123","pin":"482917","siteIds":["1"]})");
  ASSERT_EQ(agent.status, 201) << agent.body;
  EXPECT_NE(agent.body.find(R"("mustChangePassword":false)"), std::string::npos);

  OfficialClient auditor(server_->client());
  const HttpResult signed_in = auditor.SignIn("binta.audit", "given by the admin");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_NE(signed_in.body.find(R"("mustChangePassword":true)"), std::string::npos);
  const HttpResult held = auditor.Call("GET", "/v1/audit/entries");
  EXPECT_EQ(held.status, 403);
  EXPECT_TRUE(IsProblem(held, "password_change_required")) << held.body;
  const HttpResult changed =
      auditor.Call("POST", "/v1/session/password",
                   R"({"oldPassword":"given by the admin","newPassword":"only binta knows this"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  // The change opened a new session: its cookie and token replace the old ones.
  OfficialClient renewed(server_->client());
  ASSERT_EQ(renewed.SignIn("binta.audit", "only binta knows this").status, 200);
  EXPECT_EQ(renewed.Call("GET", "/v1/audit/entries").status, 200);
  EXPECT_EQ(AuditCount("POST /v1/session/password", "ok"), 1);
}

TEST_F(OfficialAccessTest, GateAgentsCannotSignInOnTheWeb) {
  OfficialClient agent(server_->client());
  const HttpResult refused = agent.SignIn(kSimAgent, kPassword);
  EXPECT_EQ(refused.status, 401);
  EXPECT_TRUE(IsProblem(refused, "sign_in_refused"));
}

TEST_F(OfficialAccessTest, RepeatedFailuresLockSignInEvenForTheRightPassword) {
  OfficialClient client(server_->client());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(client.SignIn("awa.auditor", "wrong password " + std::to_string(i)).status, 401);
  }
  const HttpResult locked = client.SignIn("awa.auditor", kPassword);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_TRUE(IsProblem(locked, "sign_in_locked"));
  EXPECT_FALSE(locked.Header("retry-after").empty());
  EXPECT_TRUE(locked.Header("set-cookie").empty());
}

TEST_F(OfficialAccessTest, ADisabledUsersLiveSessionIsRefusedAtOnce) {
  auto auditor = SignedIn(Role::kAuditor);
  ASSERT_EQ(auditor->Call("GET", "/v1/audit/head").status, 200);
  auto admin = SignedIn(Role::kAdministrator);
  const HttpResult disabled = admin->Call("POST", "/v1/users/awa.auditor/disable", "{}");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  const HttpResult refused = auditor->Call("GET", "/v1/audit/head");
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_EQ(AuditCount("POST /v1/users/{id}/disable", "ok"), 1);
}

TEST_F(OfficialAccessTest, AnApiTokenActsWithItsOwnersRoleOnlyUntilRevoked) {
  auto auditor = SignedIn(Role::kAuditor);
  const HttpResult created =
      auditor->Call("POST", "/v1/tokens", R"({"name":"nightly check","validDays":7})");
  ASSERT_EQ(created.status, 201) << created.body;
  v1::CreatedApiToken token;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(created.body, &token).ok());
  EXPECT_EQ(token.token().role(), v1::API_ROLE_AUDITOR);
  OfficialClient script(server_->client());
  script.UseBearer(token.secret());
  EXPECT_EQ(script.Call("GET", "/v1/audit/verification").status, 200);
  const HttpResult other = script.Call("GET", "/v1/users");
  EXPECT_EQ(other.status, 403);
  // The secret is shown once: the list never carries it.
  const HttpResult listed = auditor->Call("GET", "/v1/tokens");
  EXPECT_EQ(listed.body.find(token.secret()), std::string::npos);
  // No CSRF token with a bearer: it is not an ambient credential.
  EXPECT_EQ(script.Call("POST", "/v1/tokens", R"({"name":"x","validDays":1})").status, 403)
      << "a token does not mint tokens";
  const HttpResult revoked = auditor->Call("DELETE", "/v1/tokens/" + token.token().token_id());
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  EXPECT_EQ(script.Call("GET", "/v1/audit/verification").status, 401);
  // Too long a life is refused.
  EXPECT_EQ(auditor->Call("POST", "/v1/tokens", R"({"name":"y","validDays":91})").status, 400);
}

TEST_F(OfficialAccessTest, EachAdministratorChangeThroughTheApiIsAuditedOnce) {
  auto admin = SignedIn(Role::kAdministrator);
  const HttpResult site =
      admin->Call("POST", "/v1/sites", R"({"name":"Sabodala","department":"kedougou"})");
  ASSERT_EQ(site.status, 201) << site.body;
  const HttpResult gate = admin->Call("POST", "/v1/sites/2/gates", R"({"name":"Porte nord"})");
  ASSERT_EQ(gate.status, 201) << gate.body;
  const HttpResult user = admin->Call(
      "POST", "/v1/users",
      R"({"userId":"moussa.agent","displayName":"Moussa","role":"API_ROLE_GATE_AGENT","password":"a long password 123","pin":"482916","siteIds":["2"]})");
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(user.body.find("482916"), std::string::npos);
  const HttpResult device =
      admin->Call("POST", "/v1/devices", R"({"siteId":"2","description":"tablette nord"})");
  ASSERT_EQ(device.status, 201) << device.body;
  v1::DeviceEnrolmentCode code;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(device.body, &code).ok());
  EXPECT_NE(code.enrolment_file().find("server_certificate_sha256"), std::string::npos);
  const HttpResult revoked =
      admin->Call("POST", "/v1/devices/" + code.device_id() + "/revoke", "{}");
  EXPECT_EQ(revoked.status, 200) << revoked.body;
  const HttpResult refused =
      admin->Call("POST", "/v1/sites", R"({"name":"","department":"kedougou"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(IsProblem(refused, "bad_name"));
  EXPECT_NE(refused.body.find(R"("field":"name")"), std::string::npos);

  EXPECT_EQ(AuditCount("POST /v1/sites", "ok"), 1);
  EXPECT_EQ(AuditCount("POST /v1/sites", "refused:bad_name"), 1);
  EXPECT_EQ(AuditCount("POST /v1/sites/{id}/gates", "ok"), 1);
  EXPECT_EQ(AuditCount("POST /v1/users", "ok"), 1);
  EXPECT_EQ(AuditCount("POST /v1/devices", "ok"), 1);
  EXPECT_EQ(AuditCount("POST /v1/devices/{id}/revoke", "ok"), 1);
  // The refused change left nothing behind, and no entry carries a secret.
  auto connection = db::Connection::Open(server_->database());
  ASSERT_TRUE(connection);
  auto leaks = db::QueryOne(
      connection.value(),
      "SELECT count(*) FROM audit_log WHERE query LIKE '%482916%' OR query LIKE '%long password%'"
      " OR targets LIKE ?",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, "%" + code.code() + "%");
  ASSERT_TRUE(leaks);
  EXPECT_EQ(leaks.value(), 0);
  // The chain is intact after all that, as minegatectl sees it.
  const auto verified = server_->Ctl({"audit", "verify"});
  EXPECT_TRUE(verified.status.Succeeded()) << verified.out << verified.err;
}

}  // namespace
}  // namespace minegate::test
