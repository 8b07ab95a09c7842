// Officials sign in to the real minegate-server over real TLS: the cookie's attributes, the
// one answer for every refused sign-in, CSRF on a state change, sign-out, the workspace pages'
// compartments, and the audit entries they leave.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "minegate/v1/api.pb.h"
#include "tests/integration/server/official_client.hpp"
#include "tests/support/server_process.hpp"

namespace minegate::test {
namespace {

constexpr char kAdminPassword[] = "correct horse battery staple";

class OfficialSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServerProcess::Create(error);
    ASSERT_NE(server_, nullptr) << error;
    client_ = std::make_unique<OfficialClient>(server_->client());
  }

  HttpResult Send(std::string_view method, std::string_view target,
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return client_->Raw(std::string(method), std::string(target), headers);
  }

  HttpResult SignIn(const std::string& user, const std::string& password) {
    return client_->SignIn(user, password);
  }

  /// "__Host-minegate=<value>" from a Set-Cookie header.
  static std::string CookiePair(const std::string& set_cookie) {
    return set_cookie.substr(0, set_cookie.find(';'));
  }

  std::int64_t AuditCount(const std::string& action, const std::string& outcome_prefix) {
    auto connection = db::Connection::Open(server_->database());
    EXPECT_TRUE(connection);
    if (!connection) return -1;
    auto count = db::QueryOne(
        connection.value(),
        "SELECT count(*) FROM audit_log WHERE action = ? AND outcome LIKE ? || '%'",
        [](const db::Statement& row) { return row.ColumnInt64(0); }, action, outcome_prefix);
    EXPECT_TRUE(count);
    return count ? count.value() : -1;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<OfficialClient> client_;
};

TEST_F(OfficialSessionTest, SignInGivesAHostOnlyStrictCookieAndTheSession) {
  const HttpResult signed_in = SignIn("admin", kAdminPassword);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const std::string set_cookie = signed_in.Header("set-cookie");
  EXPECT_TRUE(set_cookie.starts_with("__Host-minegate=")) << set_cookie;
  for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict"}) {
    EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute << " in " << set_cookie;
  }
  EXPECT_EQ(set_cookie.find("Domain"), std::string::npos);
  v1::SessionInfo info;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(signed_in.body, &info).ok());
  EXPECT_EQ(info.user_id(), "admin");
  EXPECT_EQ(info.role(), v1::API_ROLE_ADMINISTRATOR);
  EXPECT_FALSE(info.csrf_token().empty());
  ASSERT_EQ(info.workspaces_size(), 1);
  EXPECT_EQ(info.workspaces(0), "/admin");
  // The session id is in the cookie only.
  EXPECT_EQ(signed_in.body.find(CookiePair(set_cookie).substr(16)), std::string::npos);
  EXPECT_NE(signed_in.Header("content-security-policy").find("frame-ancestors 'none'"),
            std::string::npos);

  const HttpResult session = Send("GET", "/v1/session", {{"Cookie", CookiePair(set_cookie)}});
  EXPECT_EQ(session.status, 200) << session.body;
  const HttpResult anonymous = Send("GET", "/v1/session");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Header("content-type"), "application/problem+json");
  EXPECT_NE(anonymous.body.find("urn:minegate:problem:not_signed_in"), std::string::npos);
  EXPECT_EQ(AuditCount("POST /v1/session", "ok"), 1);
}

TEST_F(OfficialSessionTest, EveryRefusedSignInGetsTheSameAnswer) {
  const HttpResult wrong = SignIn("admin", "not the password at all");
  const HttpResult unknown = SignIn("nobody.here", "not the password at all");
  // Gate agents work at kiosks: no web sign-in, answered like a wrong password.
  const HttpResult agent = SignIn(kSimAgent, kAdminPassword);
  for (const HttpResult* refused : {&wrong, &unknown, &agent}) {
    EXPECT_EQ(refused->status, 401) << refused->body;
    EXPECT_EQ(refused->body, wrong.body);
    EXPECT_TRUE(refused->Header("set-cookie").empty());
  }
  EXPECT_NE(wrong.body.find("urn:minegate:problem:sign_in_refused"), std::string::npos);
  EXPECT_EQ(AuditCount("POST /v1/session", "refused:sign_in_refused"), 3);
}

TEST_F(OfficialSessionTest, SignOutNeedsTheCsrfTokenThenEndsTheSession) {
  const HttpResult signed_in = SignIn("admin", kAdminPassword);
  ASSERT_EQ(signed_in.status, 200);
  const std::string cookie = CookiePair(signed_in.Header("set-cookie"));
  v1::SessionInfo info;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(signed_in.body, &info).ok());

  const HttpResult without = Send("DELETE", "/v1/session", {{"Cookie", cookie}});
  EXPECT_EQ(without.status, 403);
  EXPECT_NE(without.body.find("urn:minegate:problem:csrf"), std::string::npos);
  const HttpResult wrong = Send("DELETE", "/v1/session",
                                {{"Cookie", cookie}, {"X-CSRF-Token", info.csrf_token() + "x"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(Send("GET", "/v1/session", {{"Cookie", cookie}}).status, 200);

  const HttpResult out =
      Send("DELETE", "/v1/session", {{"Cookie", cookie}, {"X-CSRF-Token", info.csrf_token()}});
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send("GET", "/v1/session", {{"Cookie", cookie}}).status, 401);
  EXPECT_EQ(AuditCount("DELETE /v1/session", "refused:csrf"), 2);
  EXPECT_EQ(AuditCount("DELETE /v1/session", "ok"), 1);
}

TEST_F(OfficialSessionTest, WorkspacePagesFollowTheRoles) {
  const HttpResult anonymous = Send("GET", "/admin");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.Header("location"), "/signin?next=/admin");

  const HttpResult signed_in = SignIn("admin", kAdminPassword);
  ASSERT_EQ(signed_in.status, 200);
  const std::string cookie = CookiePair(signed_in.Header("set-cookie"));
  const HttpResult admin_page = Send("GET", "/admin/users", {{"Cookie", cookie}});
  EXPECT_EQ(admin_page.status, 200);
  EXPECT_NE(admin_page.body.find("<html"), std::string::npos);
  const HttpResult audit_page = Send("GET", "/audit", {{"Cookie", cookie}});
  EXPECT_EQ(audit_page.status, 403);
  EXPECT_EQ(AuditCount("GET /audit", "refused:forbidden"), 1);
  EXPECT_EQ(Send("GET", "/", {}).status, 200);
  EXPECT_EQ(Send("GET", "/signin", {}).status, 200);
}

}  // namespace
}  // namespace minegate::test
