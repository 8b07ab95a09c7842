// Passwords after sign-in: the user's own change (old password required, throttled, sessions
// renewed), an administrator's forced reset (flagged until changed, sessions ended, tokens
// revoked), and what disabling or replacing a password does to sessions and tokens. The
// registry (server/admin/user_registry) holds the rules; SessionService the sign-in side.
#include <gtest/gtest.h>

#include <string>

#include "server/admin/error.hpp"
#include "server/admin/user_registry.hpp"
#include "server/auth/api_token_service.hpp"
#include "server/auth/cookie.hpp"
#include "server/auth/session_service.hpp"
#include "tests/unit/server_auth/auth_test_support.hpp"

namespace minegate::server::auth {
namespace {

using admin::Role;
using test::kAddress;
using test::kMinuteMs;
using test::kOtherPassword;
using test::kPassword;

constexpr char kTemporary[] = "temporary-4821";

class PasswordChangeTest : public test::AuthTest {
 protected:
  void SetUp() override {
    AddOfficial("awa.diallo", Role::kProtectionOfficer);
    AddOfficial("chef", Role::kAdministrator);
  }

  SignedIn SignInOk(const std::string& password = kPassword) {
    auto signed_in = sessions_.SignIn("awa.diallo", password, kAddress);
    EXPECT_TRUE(signed_in) << signed_in.error().message();
    return signed_in ? signed_in.value() : SignedIn{};
  }
  Principal PrincipalOf(const SignedIn& signed_in) {
    auto principal =
        sessions_.Authenticate(std::string(kSessionCookieName) + "=" + signed_in.cookie_value);
    EXPECT_TRUE(principal) << principal.error().message();
    return principal ? principal.value() : Principal{};
  }
  boost::system::error_code Refusal(const SignedIn& signed_in) {
    auto principal =
        sessions_.Authenticate(std::string(kSessionCookieName) + "=" + signed_in.cookie_value);
    EXPECT_FALSE(principal);
    return principal ? boost::system::error_code() : principal.error();
  }
  std::string EndReason(std::int64_t session_id) {
    return QueryText("SELECT end_reason FROM official_sessions WHERE session_id = " +
                     std::to_string(session_id));
  }
  CreatedApiToken TokenFor(const SignedIn& signed_in) {
    auto created = tokens_.Create(PrincipalOf(signed_in), "nightly export", 30);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created.value() : CreatedApiToken{};
  }

  SessionService sessions_{connection(), SessionOptions{}, ThrottleOptions{}, clock()};
  ApiTokenService tokens_{connection(), ApiTokenOptions{}, clock()};
};

TEST_F(PasswordChangeTest, NewUsersNeedNoChange) {
  EXPECT_FALSE(Users().FindUser("awa.diallo").value().must_change_password);
  EXPECT_FALSE(SignInOk().must_change_password);
}

TEST_F(PasswordChangeTest, TheRegistryChecksTheOldPasswordAndTheNewOne) {
  EXPECT_EQ(Users().ChangeOwnPassword("awa.diallo", "not my password", kOtherPassword).error(),
            admin::Errc::wrong_password);
  EXPECT_EQ(Users().ChangeOwnPassword("awa.diallo", kPassword, kPassword).error(),
            admin::Errc::password_unchanged);
  EXPECT_EQ(Users().ChangeOwnPassword("awa.diallo", kPassword, "short").error(),
            admin::Errc::weak_password);
  EXPECT_EQ(Users().ChangeOwnPassword("nobody", kPassword, kOtherPassword).error(),
            admin::Errc::unknown_user);
  ASSERT_TRUE(Users().ChangeOwnPassword("awa.diallo", kPassword, kOtherPassword));
  EXPECT_EQ(Users().VerifyPassword("awa.diallo", kPassword).error(), admin::Errc::wrong_password);
  EXPECT_TRUE(Users().VerifyPassword("awa.diallo", kOtherPassword));
  ASSERT_TRUE(Users().DisableUser("awa.diallo"));
  EXPECT_EQ(Users().ChangeOwnPassword("awa.diallo", kOtherPassword, kPassword).error(),
            admin::Errc::user_disabled);
}

TEST_F(PasswordChangeTest, ChangingOnesPasswordRenewsTheSessionAndEndsTheOthers) {
  const SignedIn here = SignInOk();
  const SignedIn elsewhere = SignInOk();
  const CreatedApiToken script = TokenFor(here);
  auto renewed = sessions_.ChangePassword(PrincipalOf(here), kPassword, kOtherPassword, kAddress);
  ASSERT_TRUE(renewed) << renewed.error().message();
  EXPECT_NE(renewed.value().cookie_value, here.cookie_value);
  EXPECT_NE(renewed.value().csrf_token, here.csrf_token);
  EXPECT_EQ(renewed.value().user.user_id, "awa.diallo");

  EXPECT_EQ(Refusal(here), Errc::session_ended);
  EXPECT_EQ(Refusal(elsewhere), Errc::session_ended);
  EXPECT_EQ(EndReason(here.session_id), "password_changed");
  EXPECT_EQ(EndReason(elsewhere.session_id), "password_changed");
  EXPECT_EQ(PrincipalOf(renewed.value()).session_id, renewed.value().session_id);
  // The user's own change keeps their scripts' tokens.
  EXPECT_TRUE(tokens_.Authenticate("Bearer " + script.token));

  EXPECT_EQ(sessions_.SignIn("awa.diallo", kPassword, "10.0.0.2").error(), Errc::sign_in_refused);
  EXPECT_TRUE(sessions_.SignIn("awa.diallo", kOtherPassword, "10.0.0.2"));
}

TEST_F(PasswordChangeTest, WrongOldPasswordsAreThrottledLikeSignIns) {
  const SignedIn here = SignInOk();
  const Principal principal = PrincipalOf(here);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        sessions_
            .ChangePassword(principal, "a guess " + std::to_string(i), kOtherPassword, kAddress)
            .error(),
        admin::Errc::wrong_password);
  }
  EXPECT_EQ(sessions_.ChangePassword(principal, kPassword, kOtherPassword, kAddress).error(),
            Errc::sign_in_locked);
  now_ms_ += kMinuteMs;
  EXPECT_TRUE(sessions_.ChangePassword(principal, kPassword, kOtherPassword, kAddress));
}

TEST_F(PasswordChangeTest, OnlyASessionChangesAPassword) {
  const CreatedApiToken script = TokenFor(SignInOk());
  auto principal = tokens_.Authenticate("Bearer " + script.token);
  ASSERT_TRUE(principal);
  EXPECT_EQ(
      sessions_.ChangePassword(principal.value(), kPassword, kOtherPassword, kAddress).error(),
      Errc::session_required);
  EXPECT_EQ(sessions_.SignOut(principal.value()).error(), Errc::session_required);
}

TEST_F(PasswordChangeTest, AForcedResetFlagsTheUserEndsSessionsAndRevokesTokens) {
  const SignedIn before = SignInOk();
  const CreatedApiToken script = TokenFor(before);
  ASSERT_TRUE(Users().ForcePasswordReset("awa.diallo", kTemporary));
  EXPECT_TRUE(Users().FindUser("awa.diallo").value().must_change_password);
  EXPECT_EQ(Refusal(before), Errc::session_ended);
  EXPECT_EQ(EndReason(before.session_id), "password_changed");
  EXPECT_EQ(tokens_.Authenticate("Bearer " + script.token).error(), Errc::token_revoked);
  EXPECT_EQ(QueryText("SELECT revoke_reason FROM api_tokens"), "password_reset");

  // The temporary password signs in, flagged; the old one no longer does.
  EXPECT_EQ(sessions_.SignIn("awa.diallo", kPassword, kAddress).error(), Errc::sign_in_refused);
  const SignedIn flagged = SignInOk(kTemporary);
  EXPECT_TRUE(flagged.must_change_password);
  EXPECT_TRUE(flagged.user.must_change_password);
  const Principal principal = PrincipalOf(flagged);
  EXPECT_TRUE(principal.must_change_password);
  EXPECT_EQ(tokens_.Create(principal, "x", 1).error(), Errc::password_change_required);

  auto changed = sessions_.ChangePassword(principal, kTemporary, kOtherPassword, kAddress);
  ASSERT_TRUE(changed) << changed.error().message();
  EXPECT_FALSE(changed.value().must_change_password);
  EXPECT_FALSE(PrincipalOf(changed.value()).must_change_password);
  EXPECT_FALSE(Users().FindUser("awa.diallo").value().must_change_password);
  EXPECT_EQ(Refusal(flagged), Errc::session_ended);
}

TEST_F(PasswordChangeTest, AForcedResetIsRefusedForUnknownDisabledOrWeak) {
  EXPECT_EQ(Users().ForcePasswordReset("nobody", kTemporary).error(), admin::Errc::unknown_user);
  EXPECT_EQ(Users().ForcePasswordReset("awa.diallo", "short").error(), admin::Errc::weak_password);
  ASSERT_TRUE(Users().DisableUser("awa.diallo"));
  EXPECT_EQ(Users().ForcePasswordReset("awa.diallo", kTemporary).error(),
            admin::Errc::user_disabled);
  EXPECT_FALSE(Users().FindUser("awa.diallo").value().must_change_password);
}

TEST_F(PasswordChangeTest, DisablingEndsSessionsAndRevokesTokensInTheSameCommit) {
  const SignedIn session = SignInOk();
  const CreatedApiToken script = TokenFor(session);
  ASSERT_TRUE(Users().DisableUser("awa.diallo"));
  EXPECT_EQ(EndReason(session.session_id), "disabled");
  EXPECT_EQ(QueryText("SELECT revoke_reason FROM api_tokens"), "disabled");
  EXPECT_EQ(QueryInt("SELECT revoked_at_ms FROM api_tokens"), now_ms_);
  EXPECT_EQ(tokens_.Authenticate("Bearer " + script.token).error(), Errc::token_revoked);
  EXPECT_EQ(Refusal(session), Errc::account_disabled);
}

TEST_F(PasswordChangeTest, AnAdministratorSettingAPasswordEndsTheSessions) {
  const SignedIn session = SignInOk();
  ASSERT_TRUE(Users().SetPassword("awa.diallo", kOtherPassword));
  EXPECT_EQ(Refusal(session), Errc::session_ended);
  EXPECT_EQ(EndReason(session.session_id), "password_changed");
  EXPECT_FALSE(Users().FindUser("awa.diallo").value().must_change_password);
}

TEST_F(PasswordChangeTest, AfterAForcedResetTheOldPasswordChangesNothing) {
  // A principal authenticated just before an administrator's reset: its old password is no
  // longer the password, and the reset (with its flag) stands.
  const SignedIn session = SignInOk();
  const Principal principal = PrincipalOf(session);
  ASSERT_TRUE(Users().ForcePasswordReset("awa.diallo", kTemporary));
  EXPECT_EQ(sessions_.ChangePassword(principal, kPassword, kOtherPassword, kAddress).error(),
            admin::Errc::wrong_password);
  EXPECT_TRUE(Users().FindUser("awa.diallo").value().must_change_password);
}

}  // namespace
}  // namespace minegate::server::auth
