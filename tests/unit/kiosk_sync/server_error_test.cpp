// How an HTTPS refusal is reported: the HTTP status as an error code, and the server's own
// bilingual words when its body carries them.
#include <gtest/gtest.h>

#include "kiosk/sync/sync_error.hpp"

namespace minegate::kiosk::sync {
namespace {

TEST(ServerErrorTest, KeepsTheServersBilingualMessage) {
  const auto error = ErrorFromResponse(
      403, R"({"error":{"fr":"code d'enrôlement inconnu","en":"unknown enrolment code"}})");
  EXPECT_EQ(error.http_status, 403);
  EXPECT_EQ(error.code, Errc::forbidden);
  EXPECT_EQ(error.message, "code d'enrôlement inconnu / unknown enrolment code");
}

TEST(ServerErrorTest, StatusesMapToCodes) {
  EXPECT_EQ(ErrorFromResponse(400, "").code, Errc::bad_request);
  EXPECT_EQ(ErrorFromResponse(401, "").code, Errc::unauthorized);
  EXPECT_EQ(ErrorFromResponse(404, "").code, Errc::not_found);
  EXPECT_EQ(ErrorFromResponse(409, "").code, Errc::conflict);
  EXPECT_EQ(ErrorFromResponse(503, "").code, Errc::server_error);
  EXPECT_EQ(ErrorFromResponse(302, "").code, Errc::unexpected_status);
}

TEST(ServerErrorTest, UnreadableBodiesFallBackToOurMessage) {
  for (const char* body : {"", "not json", R"({"error":"text"})", R"({"error":{"fr":"x"}})",
                           R"({"other":{"fr":"x","en":"y"}})", "[1,2]"}) {
    const auto error = ErrorFromResponse(401, body);
    EXPECT_EQ(error.code, Errc::unauthorized) << body;
    EXPECT_EQ(error.message, error.code.message()) << body;
    EXPECT_NE(error.message.find(" / "), std::string::npos);
  }
}

}  // namespace
}  // namespace minegate::kiosk::sync
