// Header values in and out: the session cookie, the Bearer token, the CSRF check, and the
// address a sign-in is throttled under.
#include "server/auth/cookie.hpp"

#include <gtest/gtest.h>

#include <string>

#include "server/auth/api_token_service.hpp"
#include "server/auth/csrf.hpp"
#include "server/auth/internal/client_address.hpp"

namespace minegate::server::auth {
namespace {

constexpr char kValue[] = "q3Zk0mJ2cI1x9yB7tWb4nRf8hLsEoPaUvGdKjX5e6iA";

TEST(SessionCookieTest, SetCookieCarriesEveryAttributeAndNoDomain) {
  EXPECT_EQ(SessionSetCookie(kValue), std::string("__Host-minegate=") + kValue +
                                          "; Path=/; Secure; HttpOnly; SameSite=Strict");
  EXPECT_EQ(SessionSetCookie(kValue).find("Domain"), std::string::npos);
  EXPECT_EQ(SessionSetCookie(kValue).find("Max-Age"), std::string::npos);
}

TEST(SessionCookieTest, ClearingCookieHasTheSameAttributesAndMaxAgeZero) {
  EXPECT_EQ(ClearedSessionSetCookie(),
            "__Host-minegate=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
}

TEST(SessionCookieTest, FindsOurCookieAmongOthers) {
  const std::string ours = std::string("__Host-minegate=") + kValue;
  EXPECT_EQ(FindSessionCookie(ours), kValue);
  EXPECT_EQ(FindSessionCookie("lang=fr; " + ours + "; theme=dark"), kValue);
  EXPECT_EQ(FindSessionCookie("lang=fr;" + ours), kValue);
  EXPECT_EQ(FindSessionCookie("  " + ours + "  ;"), kValue);
  EXPECT_EQ(FindSessionCookie(std::string("__Host-minegate=\"") + kValue + "\""), kValue);
  // The first wins.
  EXPECT_EQ(FindSessionCookie(ours + "; __Host-minegate=other"), kValue);
}

TEST(SessionCookieTest, OtherNamesAndEmptyValuesAreNotOurs) {
  EXPECT_FALSE(FindSessionCookie(""));
  EXPECT_FALSE(FindSessionCookie("lang=fr"));
  EXPECT_FALSE(FindSessionCookie("minegate=abc"));
  EXPECT_FALSE(FindSessionCookie("__Host-minegatex=abc"));
  EXPECT_FALSE(FindSessionCookie("x__Host-minegate=abc"));
  EXPECT_FALSE(FindSessionCookie("__host-minegate=abc"));  // cookie names are case-sensitive
  EXPECT_FALSE(FindSessionCookie("__Host-minegate="));
  EXPECT_FALSE(FindSessionCookie("__Host-minegate"));
}

TEST(BearerTokenTest, SchemeIsCaseInsensitiveAndSpacesAreTrimmed) {
  EXPECT_EQ(FindBearerToken("Bearer mgt_abc"), "mgt_abc");
  EXPECT_EQ(FindBearerToken("bearer mgt_abc"), "mgt_abc");
  EXPECT_EQ(FindBearerToken("BEARER   mgt_abc  "), "mgt_abc");
  EXPECT_EQ(FindBearerToken("Bearer\tmgt_abc"), "mgt_abc");
}

TEST(BearerTokenTest, OtherSchemesAndEmptyTokensAreRefused) {
  EXPECT_FALSE(FindBearerToken(""));
  EXPECT_FALSE(FindBearerToken("Bearer"));
  EXPECT_FALSE(FindBearerToken("Bearer   "));
  EXPECT_FALSE(FindBearerToken("Bearermgt_abc"));
  EXPECT_FALSE(FindBearerToken("Basic YWRtaW46YWRtaW4="));
  EXPECT_FALSE(FindBearerToken("Token mgt_abc"));
}

TEST(CsrfTest, SessionNeedsItsOwnTokenInTheHeader) {
  Principal session;
  session.via = Via::kSession;
  session.csrf_token = kValue;
  EXPECT_TRUE(CheckCsrf(session, kValue));
  EXPECT_EQ(CheckCsrf(session, "").error(), Errc::csrf_missing);
  std::string wrong = kValue;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(CheckCsrf(session, wrong).error(), Errc::csrf_mismatch);
  EXPECT_EQ(CheckCsrf(session, std::string(kValue) + "A").error(), Errc::csrf_mismatch);
  EXPECT_EQ(CheckCsrf(session, "x").error(), Errc::csrf_mismatch);
  // A session without a token (never made by SessionService) matches nothing.
  session.csrf_token.clear();
  EXPECT_EQ(CheckCsrf(session, "x").error(), Errc::csrf_mismatch);
}

TEST(CsrfTest, ApiTokenPrincipalsHaveNothingToCheck) {
  Principal script;
  script.via = Via::kApiToken;
  EXPECT_TRUE(CheckCsrf(script, ""));
  EXPECT_TRUE(CheckCsrf(script, "anything"));
}

TEST(ThrottleAddressTest, Ipv4IsKeptAndItsPortDropped) {
  EXPECT_EQ(internal::ThrottleAddress("10.0.0.7"), "10.0.0.7");
  EXPECT_EQ(internal::ThrottleAddress("10.0.0.7:51234"), "10.0.0.7");
  EXPECT_EQ(internal::ThrottleAddress("::ffff:10.0.0.7"), "10.0.0.7");
  EXPECT_EQ(internal::ThrottleAddress("[::ffff:10.0.0.7]:443"), "10.0.0.7");
}

TEST(ThrottleAddressTest, Ipv6CountsByItsSlash64) {
  EXPECT_EQ(internal::ThrottleAddress("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(internal::ThrottleAddress("2001:db8:1:2:ffff::9"), "2001:db8:1:2::/64");
  EXPECT_EQ(internal::ThrottleAddress("[2001:DB8::1]:443"), "2001:db8::/64");
  EXPECT_EQ(internal::ThrottleAddress("::1"), "::/64");
}

TEST(ThrottleAddressTest, TextThatIsNoAddressIsKeptBounded) {
  EXPECT_EQ(internal::ThrottleAddress("unix-socket"), "unix-socket");
  EXPECT_EQ(internal::ThrottleAddress(""), "");
  EXPECT_EQ(internal::ThrottleAddress(std::string(100, 'x')).size(), 64u);
}

}  // namespace
}  // namespace minegate::server::auth
