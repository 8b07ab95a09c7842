// The headers every answer of minegate-server carries, and their replacing a handler's own.

#include "server/web/security_headers.hpp"

#include <gtest/gtest.h>

#include <map>

namespace minegate::server::web {
namespace {

std::map<std::string, std::string> AsMap(
    const std::vector<std::pair<std::string, std::string>>& h) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : h) EXPECT_TRUE(out.emplace(name, value).second) << name;
  return out;
}

TEST(SecurityHeaders, OverTls) {
  const auto headers = AsMap(SecurityHeaders(true));
  EXPECT_EQ(headers.at("Content-Security-Policy"),
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'");
  EXPECT_EQ(headers.at("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(headers.at("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(headers.at("X-Frame-Options"), "DENY");
  EXPECT_EQ(headers.at("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(headers.at("Cross-Origin-Resource-Policy"), "same-origin");
  EXPECT_EQ(headers.at("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(headers.size(), 7U);
}

TEST(SecurityHeaders, PlainHttpHasNoHsts) {
  const auto headers = AsMap(SecurityHeaders(false));
  EXPECT_EQ(headers.count("Strict-Transport-Security"), 0U);
  EXPECT_EQ(headers.size(), 6U);
}

TEST(SecurityHeaders, AddReplacesTheHandlersOwnWhateverTheCase) {
  net::HttpResponse response;
  response.headers = {{"x-frame-options", "SAMEORIGIN"}, {"ETag", "\"1\""}};
  AddSecurityHeaders(response, true);
  AddSecurityHeaders(response, true);  // twice: still one of each
  const auto headers = AsMap(response.headers);
  EXPECT_EQ(headers.count("x-frame-options"), 0U);
  EXPECT_EQ(headers.at("X-Frame-Options"), "DENY");
  EXPECT_EQ(headers.at("ETag"), "\"1\"");
  EXPECT_EQ(headers.size(), 8U);
}

}  // namespace
}  // namespace minegate::server::web
