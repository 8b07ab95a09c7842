// The enrolment file minegatectl writes, as the kiosk reads it.
#include "kiosk/sync/enrolment_file.hpp"

#include <gtest/gtest.h>

namespace minegate::kiosk::sync {
namespace {

constexpr char kFile[] =
    "# Inscription de borne minegate : à usage unique, à détruire après l'inscription.\n"
    "# minegate kiosk enrolment: single use, destroy after enrolment.\n"
    "device_id=k-1-3\n"
    "site_id=1\n"
    "gate_id=\n"
    "enrolment_code=ABCD-EFGH-JKLM-NPQR\n"
    "expires_at_ms=1790000000000\n"
    "server_sealing_public_key=00112233\n"
    "server_sealing_key_id=aabb\n"
    "server_certificate_sha256=3f0a5b6c\r\n"
    "future_key=whatever\n";

TEST(EnrolmentFileTest, ReadsWhatMinegatectlWrites) {
  auto file = ParseEnrolmentFile(kFile);
  ASSERT_TRUE(file);
  EXPECT_EQ(file.value().device_id, "k-1-3");
  EXPECT_EQ(file.value().site_id, 1u);
  EXPECT_EQ(file.value().gate_id, 0u);
  EXPECT_EQ(file.value().enrolment_code, "ABCD-EFGH-JKLM-NPQR");
  EXPECT_EQ(file.value().expires_at_ms, 1790000000000);
  EXPECT_EQ(file.value().server_sealing_public_key, "00112233");
  EXPECT_EQ(file.value().server_sealing_key_id, "aabb");
  EXPECT_EQ(file.value().server_certificate_sha256, "3f0a5b6c");
}

TEST(EnrolmentFileTest, RefusesIncompleteOrMalformedFiles) {
  for (const std::string& text :
       {std::string(), std::string("device_id=k-1\n"), std::string("enrolment_code=ABCD\n"),
        std::string("device_id=k-1\nenrolment_code=A\nsite_id=x\n"),
        std::string("device_id=k-1\nenrolment_code=A\ngate_id=-1\n"),
        std::string("device_id=k-1\nenrolment_code=A\nno equals\n"), std::string(70 * 1024, '#')}) {
    auto file = ParseEnrolmentFile(text);
    ASSERT_FALSE(file) << text.substr(0, 60);
    EXPECT_EQ(file.error(), Errc::bad_enrolment_file);
  }
}

}  // namespace
}  // namespace minegate::kiosk::sync
