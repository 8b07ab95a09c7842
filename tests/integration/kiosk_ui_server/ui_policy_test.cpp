// The UI server's HTTP rules without sockets: which Host and Origin headers pass, which
// Sec-WebSocket-Protocol offers the page token, and which file a request target names.

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "kiosk/ui_server/ui_http_policy.hpp"

namespace minegate::kiosk::net {
namespace {

TEST(UiPolicyTest, HostMustNameTheServerAndItsPort) {
  EXPECT_TRUE(IsAllowedHost("127.0.0.1:8080", 8080, "127.0.0.1"));
  EXPECT_TRUE(IsAllowedHost("localhost:8080", 8080, "127.0.0.1"));
  EXPECT_TRUE(IsAllowedHost("LOCALHOST:8080", 8080, "127.0.0.1"));
  EXPECT_TRUE(IsAllowedHost("[::1]:8080", 8080, "::1"));
  EXPECT_TRUE(IsAllowedHost("127.0.0.2:8080", 8080, "127.0.0.2"));
  EXPECT_TRUE(IsAllowedHost("[::1]:8080", 8080, "127.0.0.1"));

  EXPECT_FALSE(IsAllowedHost("127.0.0.2:8080", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost("127.0.0.1:8081", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost("127.0.0.1:08080", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost("127.0.0.1", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost(":8080", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost("", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost("rebind.attacker.example:8080", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost("localhost.:8080", 8080, "127.0.0.1"));
  EXPECT_FALSE(IsAllowedHost("::1:8080", 8080, "::1"));
  EXPECT_FALSE(IsAllowedHost("user@127.0.0.1:8080", 8080, "127.0.0.1"));
  // Before Start there is no port to name.
  EXPECT_FALSE(IsAllowedHost("127.0.0.1:0", 0, "127.0.0.1"));
}

TEST(UiPolicyTest, OriginMustBeTheServersOwn) {
  EXPECT_TRUE(IsAllowedOrigin("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE(IsAllowedOrigin("HTTP://LocalHost:8080", "localhost:8080"));

  // A browser always sends an Origin: none means a local program, maybe another account's.
  EXPECT_FALSE(IsAllowedOrigin(std::nullopt, "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("", "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("null", "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("http://localhost:8080", "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("https://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("http://127.0.0.1:8080/", "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("http://127.0.0.1:8081", "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("http://attacker.example", "127.0.0.1:8080"));
  EXPECT_FALSE(IsAllowedOrigin("http://127.0.0.1:8080.attacker.example", "127.0.0.1:8080"));
}

TEST(UiPolicyTest, PageTokensAreThirtyTwoLowerCaseHexDigits) {
  EXPECT_TRUE(IsWellFormedPageToken("0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(IsWellFormedPageToken(""));
  EXPECT_FALSE(IsWellFormedPageToken("0123456789abcdef0123456789abcde"));
  EXPECT_FALSE(IsWellFormedPageToken("0123456789abcdef0123456789abcdef0"));
  EXPECT_FALSE(IsWellFormedPageToken("0123456789ABCDEF0123456789abcdef"));
  EXPECT_FALSE(IsWellFormedPageToken("0123456789abcdef0123456789abcdeg"));
}

TEST(UiPolicyTest, TheSocketNeedsTheUiProtocolAndTheExactToken) {
  const std::string token = "00112233445566778899aabbccddeeff";
  EXPECT_TRUE(OffersPageToken("minegate-ui-v1, minegate-token." + token, token));
  EXPECT_TRUE(OffersPageToken("minegate-token." + token + ",minegate-ui-v1", token));
  EXPECT_TRUE(OffersPageToken("other, minegate-ui-v1 ,\tminegate-token." + token, token));

  EXPECT_FALSE(OffersPageToken("", token));
  EXPECT_FALSE(OffersPageToken("minegate-ui-v1", token));
  EXPECT_FALSE(OffersPageToken("minegate-token." + token, token));
  EXPECT_FALSE(OffersPageToken("minegate-ui-v1, minegate-token.", token));
  EXPECT_FALSE(
      OffersPageToken("minegate-ui-v1, minegate-token.00112233445566778899aabbccddeef0", token));
  EXPECT_FALSE(OffersPageToken("minegate-ui-v1, minegate-token." + token + "0", token));
  EXPECT_FALSE(OffersPageToken("minegate-ui-v1, minegate-token." + token.substr(1), token));
  EXPECT_FALSE(OffersPageToken("minegate-ui-v1, MINEGATE-TOKEN." + token, token));
  EXPECT_FALSE(OffersPageToken("minegate-ui-v2, minegate-token." + token, token));
  // A server without a well-formed token of its own accepts nobody, not even an empty offer.
  EXPECT_FALSE(OffersPageToken("minegate-ui-v1, minegate-token.", ""));
  EXPECT_FALSE(OffersPageToken("minegate-ui-v1, minegate-token.abc", "abc"));
}

TEST(UiPolicyTest, TargetsNameFilesExactly) {
  EXPECT_EQ(TargetPath("/"), "/index.html");
  EXPECT_EQ(TargetPath("/?lang=en"), "/index.html");
  EXPECT_EQ(TargetPath("/app.js?v=2#top"), "/app.js");
  EXPECT_EQ(TargetPath("/ui/socket"), kUiSocketPath);

  static constexpr std::array<ui::StaticFile, 2> kFiles = {
      ui::StaticFile{"/app.js", "text/javascript; charset=utf-8", "js"},
      ui::StaticFile{"/index.html", "text/html; charset=utf-8", "html"}};
  ASSERT_NE(FindUiFile(kFiles, "/"), nullptr);
  EXPECT_EQ(FindUiFile(kFiles, "/")->bytes, "html");
  EXPECT_EQ(FindUiFile(kFiles, "/app.js?x")->bytes, "js");
  EXPECT_EQ(FindUiFile(kFiles, "/../app.js"), nullptr);
  EXPECT_EQ(FindUiFile(kFiles, "//app.js"), nullptr);
  EXPECT_EQ(FindUiFile(kFiles, "/App.js"), nullptr);
  EXPECT_EQ(FindUiFile(kFiles, "/%61pp.js"), nullptr);
  EXPECT_EQ(FindUiFile(kFiles, ""), nullptr);
}

TEST(UiPolicyTest, ErrorBodiesAreFrenchThenEnglish) {
  EXPECT_EQ(ErrorBody("introuvable", "not found"), "introuvable / not found\n");
}

}  // namespace
}  // namespace minegate::kiosk::net
