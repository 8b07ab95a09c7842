// Web sessions through SessionService on a real database: sign-in, the cookie's secret kept only
// as a digest, idle and absolute expiry, last_seen at most once a minute, sign-out, a disabled
// user refused at once, one answer (in one time) for every sign-in refusal, and the throttle.
#include "server/auth/session_service.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "db/query.hpp"
#include "server/auth/cookie.hpp"
#include "server/auth/csrf.hpp"
#include "tests/unit/server_auth/auth_test_support.hpp"

namespace minegate::server::auth {
namespace {

using admin::Role;
using test::kAddress;
using test::kHourMs;
using test::kMinuteMs;
using test::kPassword;

class SessionServiceTest : public test::AuthTest {
 protected:
  void SetUp() override {
    AddOfficial("awa.diallo", Role::kBorderPolice);
    AddOfficial("chef", Role::kAdministrator);
  }

  SignedIn SignInOk(const std::string& user_id = "awa.diallo") {
    auto signed_in = sessions_.SignIn(user_id, kPassword, kAddress);
    EXPECT_TRUE(signed_in) << signed_in.error().message();
    return signed_in ? signed_in.value() : SignedIn{};
  }
  static std::string CookieHeader(const SignedIn& signed_in) {
    return "lang=fr; " + std::string(kSessionCookieName) + "=" + signed_in.cookie_value;
  }
  boost::system::error_code Refusal(const SignedIn& signed_in) {
    auto principal = sessions_.Authenticate(CookieHeader(signed_in));
    EXPECT_FALSE(principal) << "authenticated";
    return principal ? boost::system::error_code() : principal.error();
  }
  std::string EndReason(std::int64_t session_id) {
    return QueryText("SELECT end_reason FROM official_sessions WHERE session_id = " +
                     std::to_string(session_id));
  }
  std::int64_t LastSeen(std::int64_t session_id) {
    return QueryInt("SELECT last_seen_ms FROM official_sessions WHERE session_id = " +
                    std::to_string(session_id));
  }

  SessionService sessions_{connection(), SessionOptions{}, ThrottleOptions{}, clock()};
};

TEST_F(SessionServiceTest, SignInOpensASessionTheCookieNames) {
  const SignedIn signed_in = SignInOk();
  EXPECT_EQ(signed_in.cookie_value.size(), 43u);
  EXPECT_EQ(signed_in.csrf_token.size(), 43u);
  EXPECT_NE(signed_in.cookie_value, signed_in.csrf_token);
  EXPECT_EQ(signed_in.user.user_id, "awa.diallo");
  EXPECT_EQ(signed_in.user.role, Role::kBorderPolice);
  EXPECT_FALSE(signed_in.must_change_password);
  EXPECT_EQ(signed_in.expires_at_ms, test::kStartMs + 12 * kHourMs);

  auto principal = sessions_.Authenticate(CookieHeader(signed_in));
  ASSERT_TRUE(principal) << principal.error().message();
  EXPECT_EQ(principal.value().user_id, "awa.diallo");
  EXPECT_EQ(principal.value().display_name, "Official awa.diallo");
  EXPECT_EQ(principal.value().role, Role::kBorderPolice);
  EXPECT_EQ(principal.value().via, Via::kSession);
  EXPECT_EQ(principal.value().session_id, signed_in.session_id);
  EXPECT_EQ(principal.value().csrf_token, signed_in.csrf_token);
  EXPECT_TRUE(principal.value().token_id.empty());
  EXPECT_FALSE(principal.value().must_change_password);
  EXPECT_EQ(principal.value().expires_at_ms, signed_in.expires_at_ms);
  EXPECT_TRUE(CheckCsrf(principal.value(), signed_in.csrf_token));
  EXPECT_EQ(CheckCsrf(principal.value(), "").error(), Errc::csrf_missing);
  EXPECT_EQ(CheckCsrf(principal.value(), SignInOk().csrf_token).error(), Errc::csrf_mismatch);
}

TEST_F(SessionServiceTest, TheSessionIdIsStoredOnlyAsItsDigest) {
  const SignedIn signed_in = SignInOk();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM official_sessions WHERE instr(id_digest, CAST('" +
                     signed_in.cookie_value + "' AS BLOB)) > 0 OR csrf_token = '" +
                     signed_in.cookie_value + "'"),
            0);
  std::vector<std::uint8_t> id(32);
  std::size_t length = 0;
  ASSERT_EQ(sodium_base642bin(id.data(), id.size(), signed_in.cookie_value.data(),
                              signed_in.cookie_value.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  ASSERT_EQ(length, 32u);
  std::vector<std::uint8_t> digest(32);
  crypto_generichash(digest.data(), digest.size(), id.data(), id.size(), nullptr, 0);
  EXPECT_EQ(QueryBlob("SELECT id_digest FROM official_sessions WHERE session_id = " +
                      std::to_string(signed_in.session_id)),
            digest);
  EXPECT_EQ(QueryText("SELECT role FROM official_sessions"), "border_police");
}

TEST_F(SessionServiceTest, NoCookieOrAnUnknownOneIsNotSignedIn) {
  const SignedIn signed_in = SignInOk();
  for (const std::string& header :
       {std::string(), std::string("lang=fr"), std::string("__Host-minegate=short"),
        std::string("__Host-minegate=") + std::string(43, 'A'),
        "__Host-minegate=" + signed_in.csrf_token,
        "__Host-minegate=" + signed_in.cookie_value + "x"}) {
    auto principal = sessions_.Authenticate(header);
    ASSERT_FALSE(principal) << header;
    EXPECT_EQ(principal.error(), Errc::not_signed_in) << header;
  }
}

TEST_F(SessionServiceTest, ThirtyMinutesWithoutARequestEndTheSession) {
  const SignedIn signed_in = SignInOk();
  now_ms_ += 30 * kMinuteMs - 1;
  ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in)));
  now_ms_ += 30 * kMinuteMs - 1;  // measured from the last request
  ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in)));
  now_ms_ += 30 * kMinuteMs;
  EXPECT_EQ(Refusal(signed_in), Errc::session_expired);
  EXPECT_EQ(EndReason(signed_in.session_id), "idle");
  EXPECT_EQ(QueryInt("SELECT ended_at_ms FROM official_sessions"), now_ms_);
  // Ended for good: coming back later changes nothing.
  now_ms_ += kMinuteMs;
  EXPECT_EQ(Refusal(signed_in), Errc::session_expired);
  EXPECT_EQ(QueryInt("SELECT ended_at_ms FROM official_sessions"), now_ms_ - kMinuteMs);
}

TEST_F(SessionServiceTest, TwelveHoursEndTheSessionHoweverBusy) {
  const SignedIn signed_in = SignInOk();
  for (int i = 0; i < 12 * 6 - 1; ++i) {
    now_ms_ += 10 * kMinuteMs;
    ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in))) << i;
  }
  now_ms_ = test::kStartMs + 12 * kHourMs - 1;
  ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in)));
  now_ms_ += 1;
  EXPECT_EQ(Refusal(signed_in), Errc::session_expired);
  EXPECT_EQ(EndReason(signed_in.session_id), "absolute");
}

TEST_F(SessionServiceTest, TimeoutsAreOptions) {
  SessionService short_lived(connection(),
                             SessionOptions{.idle_timeout_ms = 5 * kMinuteMs,
                                            .absolute_timeout_ms = 20 * kMinuteMs,
                                            .last_seen_interval_ms = kMinuteMs},
                             ThrottleOptions{}, clock());
  auto signed_in = short_lived.SignIn("awa.diallo", kPassword, kAddress);
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in.value().expires_at_ms, test::kStartMs + 20 * kMinuteMs);
  now_ms_ += 5 * kMinuteMs;
  EXPECT_EQ(short_lived.Authenticate(CookieHeader(signed_in.value())).error(),
            Errc::session_expired);
}

TEST_F(SessionServiceTest, LastSeenIsWrittenAtMostOnceAMinute) {
  const SignedIn signed_in = SignInOk();
  EXPECT_EQ(LastSeen(signed_in.session_id), test::kStartMs);
  now_ms_ += 59'999;
  ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in)));
  EXPECT_EQ(LastSeen(signed_in.session_id), test::kStartMs);
  now_ms_ += 1;
  ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in)));
  EXPECT_EQ(LastSeen(signed_in.session_id), test::kStartMs + kMinuteMs);
  now_ms_ += 30'000;
  ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in)));
  EXPECT_EQ(LastSeen(signed_in.session_id), test::kStartMs + kMinuteMs);
}

TEST_F(SessionServiceTest, SignOutEndsTheSessionForGood) {
  const SignedIn signed_in = SignInOk();
  const SignedIn other_tab = SignInOk();
  auto principal = sessions_.Authenticate(CookieHeader(signed_in));
  ASSERT_TRUE(principal);
  ASSERT_TRUE(sessions_.SignOut(principal.value()));
  EXPECT_EQ(Refusal(signed_in), Errc::session_ended);
  EXPECT_EQ(EndReason(signed_in.session_id), "signed_out");
  EXPECT_EQ(sessions_.SignOut(principal.value()).error(), Errc::session_ended);
  // Only that one: the user's other session lives on.
  EXPECT_TRUE(sessions_.Authenticate(CookieHeader(other_tab)));
}

TEST_F(SessionServiceTest, ADisabledUsersLiveSessionIsRefusedAtOnce) {
  const SignedIn signed_in = SignInOk();
  ASSERT_TRUE(sessions_.Authenticate(CookieHeader(signed_in)));
  ASSERT_TRUE(Users().DisableUser("awa.diallo"));
  EXPECT_EQ(Refusal(signed_in), Errc::account_disabled);
  EXPECT_EQ(EndReason(signed_in.session_id), "disabled");
}

TEST_F(SessionServiceTest, DisablingIsCheckedAtEveryCallNotOnlyThroughTheRegistry) {
  // Another process (an older minegatectl) disables the row without ending the session: the
  // next request is refused all the same, and the session ends then.
  const SignedIn signed_in = SignInOk();
  ASSERT_TRUE(
      connection().Execute("UPDATE users SET disabled_at_ms = 1 WHERE user_id = 'awa.diallo'"));
  EXPECT_EQ(EndReason(signed_in.session_id), "<null>");
  EXPECT_EQ(Refusal(signed_in), Errc::account_disabled);
  EXPECT_EQ(EndReason(signed_in.session_id), "disabled");
}

TEST_F(SessionServiceTest, AChangeOfRoleEndsTheSession) {
  const SignedIn signed_in = SignInOk();
  ASSERT_TRUE(
      connection().Execute("UPDATE users SET role = 'auditor' WHERE user_id = 'awa.diallo'"));
  EXPECT_EQ(Refusal(signed_in), Errc::session_ended);
  EXPECT_EQ(EndReason(signed_in.session_id), "revoked_by_admin");
}

TEST_F(SessionServiceTest, UserIdsAreTrimmedAndCaseFolded) {
  auto signed_in = sessions_.SignIn(" Awa.Diallo ", kPassword, kAddress);
  ASSERT_TRUE(signed_in) << signed_in.error().message();
  EXPECT_EQ(signed_in.value().user.user_id, "awa.diallo");
}

TEST_F(SessionServiceTest, EveryRefusalIsOneAnswerAfterOnePasswordCheck) {
  AddOfficial("moussa", Role::kGateAgent);
  AddOfficial("fatou", Role::kEmapeOfficial);
  ASSERT_TRUE(Users().DisableUser("fatou"));

  // The time of one real verification on this machine, now.
  std::vector<double> verify_ms;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(Users().VerifyPassword("awa.diallo", kPassword));
    verify_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  const double fastest_verify = *std::min_element(verify_ms.begin(), verify_ms.end());

  struct Attempt {
    const char* what;
    const char* user_id;
    const char* password;
  };
  const Attempt attempts[] = {
      {"unknown user", "nobody.here", kPassword},
      {"wrong password", "awa.diallo", "correct horse battery?"},
      {"disabled user", "fatou", kPassword},
      {"gate agent (no web workspace)", "moussa", kPassword},
  };
  std::string first_message;
  for (const Attempt& attempt : attempts) {
    const auto start = std::chrono::steady_clock::now();
    auto signed_in = sessions_.SignIn(attempt.user_id, attempt.password, kAddress);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ASSERT_FALSE(signed_in) << attempt.what;
    EXPECT_EQ(signed_in.error(), Errc::sign_in_refused) << attempt.what;
    if (first_message.empty()) first_message = signed_in.error().message();
    EXPECT_EQ(signed_in.error().message(), first_message) << attempt.what;
    // Each ran one Argon2id verification: a refusal that skipped it would answer in well under
    // a millisecond. (A lower bound only: a busy machine makes everything slower, never faster.)
    EXPECT_GT(ms, 0.5 * fastest_verify) << attempt.what << ": " << ms << " ms";
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM official_sessions"), 0);
  // Each counted against its id and the address: four failures from one address.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sign_in_throttle"), 5);
  EXPECT_EQ(QueryInt("SELECT MAX(failures) FROM sign_in_throttle"), 4);
}

TEST_F(SessionServiceTest, AnOversizedPasswordIsRefusedEvenWhenItStartsWithTheRightOne) {
  AddOfficial("long.pass", Role::kAuditor);
  const std::string stored(admin::kMaxPasswordBytes, 'p');
  ASSERT_TRUE(Users().SetPassword("long.pass", stored));
  ASSERT_TRUE(sessions_.SignIn("long.pass", stored, kAddress));
  EXPECT_EQ(sessions_.SignIn("long.pass", stored + "p", kAddress).error(), Errc::sign_in_refused);
}

TEST_F(SessionServiceTest, FiveFailuresLockEvenTheRightPasswordAndTheLockSaysHowLong) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sessions_.SignIn("awa.diallo", "wrong password!", kAddress).error(),
              Errc::sign_in_refused);
  }
  EXPECT_EQ(sessions_.SignIn("awa.diallo", kPassword, "10.0.0.99").error(), Errc::sign_in_locked);
  EXPECT_EQ(sessions_.SignInLockedForMs("awa.diallo", "10.0.0.99").value(), kMinuteMs);
  // A locked attempt is not counted: the lock does not grow while the official waits.
  now_ms_ += kMinuteMs;
  EXPECT_EQ(sessions_.SignInLockedForMs("awa.diallo", "10.0.0.99").value(), 0);
  ASSERT_TRUE(sessions_.SignIn("awa.diallo", kPassword, "10.0.0.99"));
}

TEST_F(SessionServiceTest, UnknownIdsLockExactlyLikeKnownOnes) {
  for (const char* id : {"awa.diallo", "no.such.user"}) {
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(sessions_.SignIn(id, "wrong password!", "10.0.0." + std::to_string(i)).error(),
                Errc::sign_in_refused);
    }
    auto locked = sessions_.SignIn(id, kPassword, "10.0.1.1");
    EXPECT_EQ(locked.error(), Errc::sign_in_locked) << id;
    EXPECT_EQ(sessions_.SignInLockedForMs(id, "10.0.1.1").value(), kMinuteMs) << id;
  }
}

TEST_F(SessionServiceTest, FiveFailuresFromOneAddressLockIt) {
  for (const char* id : {"a.one", "b.two", "c.three", "d.four", "e.five"}) {
    EXPECT_EQ(sessions_.SignIn(id, "wrong password!", kAddress).error(), Errc::sign_in_refused);
  }
  EXPECT_EQ(sessions_.SignIn("awa.diallo", kPassword, kAddress).error(), Errc::sign_in_locked);
  EXPECT_TRUE(sessions_.SignIn("awa.diallo", kPassword, "10.20.30.41"));
}

TEST_F(SessionServiceTest, ASuccessfulSignInClearsTheUsersCount) {
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(sessions_.SignIn("awa.diallo", "wrong!!!!!!", "10.1"));
  SignInOk();
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(sessions_.SignIn("awa.diallo", "wrong!!!!!!", "10.2"));
  SignInOk();
}

TEST_F(SessionServiceTest, TheSweepEndsSessionsNobodyPresentsAgain) {
  const SignedIn idle = SignInOk();
  now_ms_ += 20 * kMinuteMs;
  const SignedIn recent = SignInOk("chef");
  now_ms_ += 15 * kMinuteMs;
  auto ended = sessions_.EndExpiredSessions();
  ASSERT_TRUE(ended) << ended.error().message();
  EXPECT_EQ(ended.value(), 1);
  EXPECT_EQ(EndReason(idle.session_id), "idle");
  EXPECT_EQ(EndReason(recent.session_id), "<null>");
  EXPECT_TRUE(sessions_.Authenticate(CookieHeader(recent)));
}

TEST_F(SessionServiceTest, AnAdministratorCanEndAUsersSessions) {
  const SignedIn first = SignInOk();
  const SignedIn second = SignInOk();
  const SignedIn others = SignInOk("chef");
  EXPECT_EQ(sessions_.EndSessionsOf("awa.diallo").value(), 2);
  EXPECT_EQ(Refusal(first), Errc::session_ended);
  EXPECT_EQ(Refusal(second), Errc::session_ended);
  EXPECT_EQ(EndReason(first.session_id), "revoked_by_admin");
  EXPECT_TRUE(sessions_.Authenticate(CookieHeader(others)));
}

}  // namespace
}  // namespace minegate::server::auth
