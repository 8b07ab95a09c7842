// Problem details (RFC 9457) as the API sends them.
#include "server/api/problem.hpp"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "minegate/v1/api.pb.h"
#include "server/admin/error.hpp"
#include "server/protection/protection_error.hpp"

namespace minegate::server::api {
namespace {

v1::Problem Parse(const std::string& body) {
  v1::Problem problem;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(body, &problem).ok()) << body;
  return problem;
}

TEST(ApiProblem, BodyCarriesTypeBilingualTitleStatusAndField) {
  const auto body = ProblemBody(Problem(400, "bad_thing", "chose invalide", "bad thing", "userId"));
  const v1::Problem problem = Parse(body);
  EXPECT_EQ(problem.type(), "urn:minegate:problem:bad_thing");
  EXPECT_EQ(problem.title(), "chose invalide / bad thing");
  EXPECT_EQ(problem.status(), 400);
  EXPECT_EQ(problem.field(), "userId");
  // RFC 9457 member names, as protobuf prints them.
  EXPECT_NE(body.find("\"type\""), std::string::npos);
  EXPECT_NE(body.find("\"title\""), std::string::npos);
}

TEST(ApiProblem, AdministrationErrorsKeepTheirMessageAndNameTheirField) {
  const ApiProblem exists = ProblemOf(admin::Errc::user_exists);
  EXPECT_EQ(exists.status, 409);
  EXPECT_EQ(exists.type, "user_exists");
  EXPECT_EQ(exists.field, "userId");
  EXPECT_EQ(exists.title, make_error_code(admin::Errc::user_exists).message());
  EXPECT_NE(exists.title.find(" / "), std::string::npos);
  EXPECT_EQ(ProblemOf(admin::Errc::unknown_device).status, 404);
  EXPECT_EQ(ProblemOf(admin::Errc::weak_password).field, "password");
}

TEST(ApiProblem, ProtectionErrorsHaveTheirTypeStatusAndField) {
  const ApiProblem invalid = ProblemOf(protection::Errc::rule_set_invalid);
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(invalid.type, "invalid_rule_set");
  EXPECT_EQ(invalid.field, "text");
  EXPECT_EQ(invalid.title, make_error_code(protection::Errc::rule_set_invalid).message());
  EXPECT_EQ(ProblemOf(protection::Errc::unknown_case).status, 404);
  EXPECT_EQ(ProblemOf(protection::Errc::case_status_forbids).status, 409);
  EXPECT_EQ(ProblemOf(protection::Errc::bad_reason).field, "reason");
  EXPECT_EQ(ProblemOf(protection::Errc::bad_assignee).field, "officerId");
  EXPECT_EQ(ProblemOf(protection::Errc::bad_due_date).field, "dueAtMs");
  EXPECT_EQ(ProblemOf(protection::Errc::referral_closed).type, "referral_closed");
  EXPECT_EQ(ProblemOf(protection::Errc::notice_closed).status, 409);
  // Every refusal of the protection stores reaches officers as its own problem; only a record
  // that does not parse is the server's fault.
  for (int code = static_cast<int>(protection::Errc::unknown_case);
       code < static_cast<int>(protection::Errc::corrupt_record); ++code) {
    const ApiProblem problem = ProblemOf(make_error_code(static_cast<protection::Errc>(code)));
    EXPECT_GE(problem.status, 400) << code;
    EXPECT_LT(problem.status, 500) << code;
    EXPECT_NE(problem.title.find(" / "), std::string::npos) << code;
  }
  EXPECT_EQ(ProblemOf(protection::Errc::corrupt_record).status, 500);
}

TEST(ApiProblem, AnyOtherErrorIsA500ThatRevealsNothing) {
  const ApiProblem problem =
      ProblemOf(make_error_code(boost::system::errc::no_such_file_or_directory));
  EXPECT_EQ(problem.status, 500);
  EXPECT_EQ(problem.type, "internal");
  EXPECT_EQ(problem.title.find("file"), std::string::npos);
}

TEST(ApiProblem, CommonProblemsHaveTheirStatus) {
  EXPECT_EQ(NotSignedIn().status, 401);
  EXPECT_EQ(Forbidden().status, 403);
  EXPECT_EQ(CsrfRefused().status, 403);
  EXPECT_EQ(CsrfRefused().type, "csrf");
  EXPECT_EQ(Busy().status, 503);
}

}  // namespace
}  // namespace minegate::server::api
