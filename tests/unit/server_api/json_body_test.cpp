// Request bodies through protobuf's JSON parser: what is accepted and what is refused.
#include "server/api/json_body.hpp"

#include <gtest/gtest.h>

#include "minegate/v1/api.pb.h"

namespace minegate::server::api {
namespace {

TEST(ApiJsonBody, AWellFormedBodyFillsTheMessage) {
  v1::CreateUserRequest request;
  const auto problem = ParseJsonBody(
      "application/json; charset=utf-8",
      R"({"userId":"awa.diallo","displayName":"Awa Diallo","role":"API_ROLE_AUDITOR","password":"0123456789ab","siteIds":["1",2]})",
      request);
  ASSERT_FALSE(problem.has_value()) << problem->detail;
  EXPECT_EQ(request.user_id(), "awa.diallo");
  EXPECT_EQ(request.role(), v1::API_ROLE_AUDITOR);
  ASSERT_EQ(request.site_ids_size(), 2);
  EXPECT_EQ(request.site_ids(1), 2);
}

TEST(ApiJsonBody, AnUnknownFieldIsRefusedNotIgnored) {
  v1::SignInRequest request;
  const auto problem =
      ParseJsonBody("application/json", R"({"userId":"a","pasword":"x"})", request);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->status, 400);
  EXPECT_EQ(problem->type, "bad_json");
  EXPECT_NE(problem->detail.find("pasword"), std::string::npos);
}

TEST(ApiJsonBody, MalformedOrNonObjectBodiesAreRefused) {
  v1::SignInRequest request;
  for (const char* body :
       {"", "{", "[]", "null", "\"x\"", "{\"userId\":5}", "{\"userId\":\"a\"}x"}) {
    const auto problem = ParseJsonBody("application/json", body, request);
    ASSERT_TRUE(problem.has_value()) << body;
    EXPECT_EQ(problem->status, 400) << body;
  }
}

TEST(ApiJsonBody, AnotherContentTypeIs415) {
  v1::SignInRequest request;
  const auto problem = ParseJsonBody("text/plain", R"({"userId":"a"})", request);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->status, 415);
  EXPECT_FALSE(ParseJsonBody("Application/JSON", "{}", request).has_value());
}

TEST(ApiJsonBody, ResponsesPrintEveryFieldInCamelCase) {
  v1::AuditHead head;
  head.set_count(0);
  const std::string json = ToJson(head);
  EXPECT_NE(json.find("\"count\""), std::string::npos);
  EXPECT_NE(json.find("\"hash\""), std::string::npos);
  v1::SessionInfo session;
  session.set_must_change_password(true);
  EXPECT_NE(ToJson(session).find("\"mustChangePassword\":true"), std::string::npos);
}

TEST(ApiCursor, RoundTripsAndRefusesForgeries) {
  const std::string cursor = EncodeCursor("12345");
  EXPECT_EQ(cursor.find_first_of("+/="), std::string::npos);  // safe in a query string
  EXPECT_EQ(DecodeCursor(cursor), "12345");
  EXPECT_FALSE(DecodeCursor("").has_value());
  EXPECT_FALSE(DecodeCursor("12345").has_value());
  EXPECT_FALSE(DecodeCursor("!!!").has_value());
  EXPECT_FALSE(DecodeCursor(std::string(600, 'A')).has_value());
}

}  // namespace
}  // namespace minegate::server::api
