// API tokens through ApiTokenService on a real database: shown once and stored as a digest,
// the owner's role and nothing more, expiry within 90 days, revocation by the owner or an
// administrator, refusal once revoked, expired or the owner disabled, last_used at most once a
// minute, and the Bearer front door.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "server/auth/api_token_service.hpp"
#include "server/auth/authenticate_request.hpp"
#include "server/auth/cookie.hpp"
#include "server/auth/csrf.hpp"
#include "server/auth/session_service.hpp"
#include "tests/unit/server_auth/auth_test_support.hpp"

namespace minegate::server::auth {
namespace {

using admin::Role;
using test::kAddress;
using test::kDayMs;
using test::kMinuteMs;
using test::kPassword;

class ApiTokenTest : public test::AuthTest {
 protected:
  void SetUp() override {
    AddOfficial("awa.diallo", Role::kBorderPolice);
    AddOfficial("aminata", Role::kAuditor);
    AddOfficial("chef", Role::kAdministrator);
  }

  /// The principal of a fresh session of `user_id`.
  Principal SessionOf(const std::string& user_id) {
    auto signed_in = sessions_.SignIn(user_id, kPassword, kAddress);
    EXPECT_TRUE(signed_in) << signed_in.error().message();
    if (!signed_in) return {};
    auto principal = sessions_.Authenticate(std::string(kSessionCookieName) + "=" +
                                            signed_in.value().cookie_value);
    EXPECT_TRUE(principal) << principal.error().message();
    return principal ? principal.value() : Principal{};
  }
  CreatedApiToken Create(const Principal& owner, int days = 30,
                         const std::string& name = "nightly export") {
    auto created = tokens_.Create(owner, name, days);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created.value() : CreatedApiToken{};
  }
  Result<Principal> Bearer(const std::string& token) {
    return tokens_.Authenticate("Bearer " + token);
  }

  SessionService sessions_{connection(), SessionOptions{}, ThrottleOptions{}, clock()};
  ApiTokenService tokens_{connection(), ApiTokenOptions{}, clock()};
};

TEST_F(ApiTokenTest, ATokenIsShownOnceAndStoredAsADigest) {
  const CreatedApiToken created = Create(SessionOf("awa.diallo"));
  EXPECT_TRUE(std::regex_match(created.token, std::regex("mgt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")))
      << created.token;
  EXPECT_EQ(created.token.substr(4, 16), created.info.token_id);
  EXPECT_EQ(created.info.user_id, "awa.diallo");
  EXPECT_EQ(created.info.name, "nightly export");
  EXPECT_EQ(created.info.role, Role::kBorderPolice);
  EXPECT_EQ(created.info.created_at_ms, test::kStartMs);
  EXPECT_EQ(created.info.expires_at_ms, test::kStartMs + 30 * kDayMs);
  const std::string secret = created.token.substr(21);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM api_tokens WHERE instr(secret_digest, CAST('" + secret +
                     "' AS BLOB)) > 0 OR instr(name, '" + secret + "') > 0"),
            0);
  EXPECT_EQ(QueryInt("SELECT length(secret_digest) FROM api_tokens"), 32);

  auto listed = tokens_.List("awa.diallo");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed.value().size(), 1u);
  EXPECT_EQ(listed.value()[0].token_id, created.info.token_id);
  EXPECT_EQ(listed.value()[0].name, "nightly export");
  EXPECT_FALSE(listed.value()[0].revoked_at_ms);
  EXPECT_FALSE(listed.value()[0].last_used_ms);
  EXPECT_TRUE(tokens_.List("aminata").value().empty());
}

TEST_F(ApiTokenTest, ATokenActsWithItsOwnersRoleAndNoCsrf) {
  const CreatedApiToken police = Create(SessionOf("awa.diallo"));
  const CreatedApiToken auditor = Create(SessionOf("aminata"));
  auto principal = Bearer(police.token);
  ASSERT_TRUE(principal) << principal.error().message();
  EXPECT_EQ(principal.value().user_id, "awa.diallo");
  EXPECT_EQ(principal.value().role, Role::kBorderPolice);
  EXPECT_EQ(principal.value().via, Via::kApiToken);
  EXPECT_EQ(principal.value().token_id, police.info.token_id);
  EXPECT_EQ(principal.value().session_id, 0);
  EXPECT_EQ(principal.value().expires_at_ms, police.info.expires_at_ms);
  EXPECT_TRUE(principal.value().csrf_token.empty());
  EXPECT_TRUE(CheckCsrf(principal.value(), ""));
  EXPECT_EQ(Bearer(auditor.token).value().role, Role::kAuditor);
}

TEST_F(ApiTokenTest, NamesAndValiditiesAreChecked) {
  const Principal owner = SessionOf("awa.diallo");
  EXPECT_EQ(tokens_.Create(owner, "", 30).error(), Errc::bad_token_name);
  EXPECT_EQ(tokens_.Create(owner, std::string(65, 'n'), 30).error(), Errc::bad_token_name);
  EXPECT_EQ(tokens_.Create(owner, "two\nlines", 30).error(), Errc::bad_token_name);
  EXPECT_EQ(tokens_.Create(owner, "export", 0).error(), Errc::bad_token_validity);
  EXPECT_EQ(tokens_.Create(owner, "export", 91).error(), Errc::bad_token_validity);
  EXPECT_EQ(tokens_.Create(owner, "export", -1).error(), Errc::bad_token_validity);
  EXPECT_EQ(Create(owner, 90, std::string(64, 'n')).info.expires_at_ms,
            test::kStartMs + 90 * kDayMs);
  EXPECT_EQ(Create(owner, 1, "Export à Kédougou").info.expires_at_ms, test::kStartMs + kDayMs);
}

TEST_F(ApiTokenTest, OnlyASignedInOfficialWithAWebWorkspaceCreatesTokens) {
  const CreatedApiToken first = Create(SessionOf("awa.diallo"));
  const Principal script = Bearer(first.token).value();
  EXPECT_EQ(tokens_.Create(script, "renewal", 90).error(), Errc::session_required);
  Principal gate_agent;
  gate_agent.user_id = "moussa";
  gate_agent.role = Role::kGateAgent;
  gate_agent.via = Via::kSession;
  EXPECT_EQ(tokens_.Create(gate_agent, "x", 1).error(), Errc::no_web_workspace);
}

TEST_F(ApiTokenTest, ATokenExpiresAtItsTime) {
  const CreatedApiToken created = Create(SessionOf("awa.diallo"), 2);
  now_ms_ += 2 * kDayMs - 1;
  EXPECT_TRUE(Bearer(created.token));
  now_ms_ += 1;
  EXPECT_EQ(Bearer(created.token).error(), Errc::token_expired);
}

TEST_F(ApiTokenTest, TheOwnerOrAnAdministratorRevokesNobodyElse) {
  const Principal owner = SessionOf("awa.diallo");
  const CreatedApiToken mine = Create(owner);
  const CreatedApiToken other = Create(owner, 10, "other");
  // Another official learns nothing: the same answer as for an id that does not exist.
  EXPECT_EQ(tokens_.Revoke(SessionOf("aminata"), mine.info.token_id).error(), Errc::unknown_token);
  EXPECT_EQ(tokens_.Revoke(owner, "0000000000000000").error(), Errc::unknown_token);
  EXPECT_TRUE(Bearer(mine.token));

  now_ms_ += kMinuteMs;
  ASSERT_TRUE(tokens_.Revoke(owner, mine.info.token_id));
  EXPECT_EQ(Bearer(mine.token).error(), Errc::token_revoked);
  EXPECT_EQ(tokens_.Revoke(owner, mine.info.token_id).error(), Errc::token_already_revoked);
  ASSERT_TRUE(tokens_.Revoke(SessionOf("chef"), other.info.token_id));
  EXPECT_EQ(Bearer(other.token).error(), Errc::token_revoked);

  auto listed = tokens_.List("awa.diallo");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed.value().size(), 2u);
  for (const ApiTokenInfo& token : listed.value()) {
    ASSERT_TRUE(token.revoked_at_ms) << token.name;
    EXPECT_EQ(*token.revoked_at_ms, now_ms_);
    EXPECT_EQ(token.revoke_reason, token.name == "other" ? admin::TokenRevocation::kAdministrator
                                                         : admin::TokenRevocation::kOwner);
  }
}

TEST_F(ApiTokenTest, AChangeOfTheOwnersRoleVoidsTheToken) {
  const CreatedApiToken created = Create(SessionOf("awa.diallo"));
  ASSERT_TRUE(connection().Execute(
      "UPDATE users SET role = 'protection_officer' WHERE user_id = 'awa.diallo'"));
  EXPECT_EQ(Bearer(created.token).error(), Errc::token_revoked);
}

TEST_F(ApiTokenTest, ADisabledOwnersTokensAreRefused) {
  const CreatedApiToken created = Create(SessionOf("awa.diallo"));
  // Even if the row were disabled without the registry revoking the token (an older binary).
  ASSERT_TRUE(
      connection().Execute("UPDATE users SET disabled_at_ms = 1 WHERE user_id = 'awa.diallo'"));
  EXPECT_EQ(Bearer(created.token).error(), Errc::account_disabled);
}

TEST_F(ApiTokenTest, AWrongSecretOrAMalformedTokenIsNotSignedIn) {
  const CreatedApiToken created = Create(SessionOf("awa.diallo"));
  std::string altered = created.token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  std::string other_id = created.token;
  other_id[4] = other_id[4] == '0' ? '1' : '0';
  for (const std::string& header :
       {"Bearer " + altered, "Bearer " + other_id, "Bearer " + created.token + "A",
        "Bearer " + created.token.substr(1), "Basic " + created.token, created.token,
        std::string("Bearer mgt_"), std::string()}) {
    auto principal = tokens_.Authenticate(header);
    ASSERT_FALSE(principal) << header;
    EXPECT_EQ(principal.error(), Errc::not_signed_in) << header;
  }
}

TEST_F(ApiTokenTest, LastUsedIsWrittenAtMostOnceAMinute) {
  const CreatedApiToken created = Create(SessionOf("awa.diallo"));
  const std::string last_used = "SELECT last_used_ms FROM api_tokens";
  EXPECT_EQ(QueryInt(last_used), -999);  // NULL: never used
  ASSERT_TRUE(Bearer(created.token));
  EXPECT_EQ(QueryInt(last_used), test::kStartMs);
  now_ms_ += 59'999;
  ASSERT_TRUE(Bearer(created.token));
  EXPECT_EQ(QueryInt(last_used), test::kStartMs);
  now_ms_ += 1;
  ASSERT_TRUE(Bearer(created.token));
  EXPECT_EQ(QueryInt(last_used), test::kStartMs + kMinuteMs);
}

TEST_F(ApiTokenTest, LiveTokensPerUserAreBounded) {
  const Principal owner = SessionOf("awa.diallo");
  ApiTokenService few(connection(), ApiTokenOptions{.max_live_tokens = 2}, clock());
  ASSERT_TRUE(few.Create(owner, "a", 1));
  ASSERT_TRUE(few.Create(owner, "b", 5));
  EXPECT_EQ(few.Create(owner, "c", 5).error(), Errc::too_many_tokens);
  // An expired token no longer counts, nor does a revoked one.
  now_ms_ += kDayMs;
  const CreatedApiToken c = few.Create(owner, "c", 5).value();
  ASSERT_TRUE(few.Revoke(owner, c.info.token_id));
  EXPECT_TRUE(few.Create(owner, "d", 5));
}

TEST_F(ApiTokenTest, TheAuthorizationHeaderWinsOverTheCookie) {
  auto signed_in = sessions_.SignIn("aminata", kPassword, kAddress);
  ASSERT_TRUE(signed_in);
  const std::string cookie = std::string(kSessionCookieName) + "=" + signed_in.value().cookie_value;
  const CreatedApiToken police = Create(SessionOf("awa.diallo"));

  auto by_cookie = AuthenticateRequest(sessions_, tokens_, cookie, "");
  ASSERT_TRUE(by_cookie);
  EXPECT_EQ(by_cookie.value().user_id, "aminata");
  EXPECT_EQ(by_cookie.value().via, Via::kSession);
  auto by_token = AuthenticateRequest(sessions_, tokens_, cookie, "Bearer " + police.token);
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token.value().user_id, "awa.diallo");
  EXPECT_EQ(by_token.value().via, Via::kApiToken);
  // A bad Authorization header is refused, not passed over for the cookie.
  EXPECT_EQ(AuthenticateRequest(sessions_, tokens_, cookie, "Basic eDp5").error(),
            Errc::not_signed_in);
  EXPECT_EQ(AuthenticateRequest(sessions_, tokens_, "", "").error(), Errc::not_signed_in);
}

}  // namespace
}  // namespace minegate::server::auth
