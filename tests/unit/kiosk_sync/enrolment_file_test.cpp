// The enrolment file minegatectl writes (protobuf text format), as the kiosk reads it.
#include "kiosk/sync/enrolment_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace minegate::kiosk::sync {
namespace {

constexpr char kFile[] =
    "# Inscription de borne minegate : à usage unique, à détruire après l'inscription.\n"
    "# minegate kiosk enrolment: single use, destroy after enrolment.\n"
    "device_id: \"k-1-3\"\n"
    "site_id: 1\n"
    "enrolment_code: \"ABCD-EFGH-JKLM-NPQR\"\n"
    "expires_at_ms: 1790000000000\n"
    "server_sealing_public_key: \"00112233\"\n"
    "server_sealing_key_id: \"aabb\"\n"
    "server_certificate_sha256: \"3f0a5b6c\"\r\n"
    // What a newer minegatectl might add: ignored, not refused.
    "future_field: \"whatever\"\n"
    "future_block { depth: 2 label: \"x\" }\n";

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(EnrolmentFileTest, ReadsWhatMinegatectlWrites) {
  auto file = ParseEnrolmentFile(kFile);
  ASSERT_TRUE(file) << file.error().detail;
  EXPECT_EQ(file.value().device_id(), "k-1-3");
  EXPECT_EQ(file.value().site_id(), 1u);
  EXPECT_EQ(file.value().gate_id(), 0u);  // left out: not bound to one gate
  EXPECT_EQ(file.value().enrolment_code(), "ABCD-EFGH-JKLM-NPQR");
  EXPECT_EQ(file.value().expires_at_ms(), 1790000000000);
  EXPECT_EQ(file.value().server_sealing_public_key(), "00112233");
  EXPECT_EQ(file.value().server_sealing_key_id(), "aabb");
  EXPECT_EQ(file.value().server_certificate_sha256(), "3f0a5b6c");
}

TEST(EnrolmentFileTest, RefusesIncompleteOrMalformedFiles) {
  const std::string minimal = "device_id: \"k-1\"\nenrolment_code: \"A\"\n";
  ASSERT_TRUE(ParseEnrolmentFile(minimal));
  for (const std::string& text : {
           std::string(),
           std::string("device_id: \"k-1\"\n"),
           std::string("enrolment_code: \"ABCD\"\n"),
           std::string("device_id: \"\"\nenrolment_code: \"A\"\n"),
           minimal + "site_id: x\n",
           minimal + "gate_id: -1\n",
           minimal + "gate_id: 4294967296\n",
           minimal + "expires_at_ms: 1.5\n",
           minimal + "device_id: \"k-2\"\n",  // given twice: which one?
           minimal + "site_id: \"1\"\n",
           minimal + "server_certificate_sha256: \"unterminated\n",
           // The key=value lines of the earlier format.
           std::string("device_id=k-1\nenrolment_code=A\n"),
           minimal + "future_block {\n",  // never closed
           std::string(70 * 1024, '#'),
       }) {
    auto file = ParseEnrolmentFile(text);
    ASSERT_FALSE(file) << text.substr(0, 60);
    EXPECT_EQ(file.error().code, Errc::bad_enrolment_file) << text.substr(0, 60);
    EXPECT_FALSE(file.error().detail.empty()) << text.substr(0, 60);
  }
}

TEST(EnrolmentFileTest, SaysWhatIsWrong) {
  auto malformed = ParseEnrolmentFile("device_id: \"k-1\"\nenrolment_code: \"A\"\nsite_id: x\n");
  ASSERT_FALSE(malformed);
  EXPECT_NE(malformed.error().detail.find("ligne 3, colonne 10 / line 3, column 10: "),
            std::string::npos)
      << malformed.error().detail;
  auto no_code = ParseEnrolmentFile("device_id: \"k-1\"\n");
  ASSERT_FALSE(no_code);
  EXPECT_EQ(no_code.error().detail, "enrolment_code manquant / enrolment_code missing");
}

TEST(EnrolmentFileTest, RefusesNestingBeyondAnyRealFile) {
  std::string nested = "device_id: \"k-1\"\nenrolment_code: \"A\"\n";
  for (int i = 0; i < 5000; ++i) nested += "x {";
  for (int i = 0; i < 5000; ++i) nested += "}";
  auto file = ParseEnrolmentFile(nested);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, Errc::bad_enrolment_file);
}

TEST(EnrolmentFileTest, ReadsAFileBounded) {
  test::TempDir dir("kenrolfile");
  ASSERT_TRUE(dir.ok());
  WriteText(dir.path() / "kiosk.enrol", kFile);
  auto file = ReadEnrolmentFile(dir.path() / "kiosk.enrol");
  ASSERT_TRUE(file) << file.error().detail;
  EXPECT_EQ(file.value().enrolment_code(), "ABCD-EFGH-JKLM-NPQR");

  WriteText(dir.path() / "large.enrol", std::string(kFile) + std::string(70 * 1024, '#'));
  auto large = ReadEnrolmentFile(dir.path() / "large.enrol");
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().code, Errc::bad_enrolment_file);

  // A file that is not there keeps errno's code, so the message says so.
  auto missing = ReadEnrolmentFile(dir.path() / "missing.enrol");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, boost::system::errc::no_such_file_or_directory);
}

}  // namespace
}  // namespace minegate::kiosk::sync
