// The credential inside NDEF on a tag: it must fit an NTAG213 and come back intact.
#include "firmware-bridge/ndef/credential_record.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "firmware-bridge/ndef/type2_tlv.hpp"
#include "proto/credential/credential.hpp"

namespace minegate::ndef {
namespace {

constexpr std::size_t kNtag213UserBytes = 144;

TEST(CredentialRecordTest, LargestCredentialFitsAnNtag213) {
  const std::vector<std::uint8_t> bracelet(credential::kBraceletSize, 0x5A);
  const std::vector<std::uint8_t> largest_card(credential::kMaxEncodedSize, 0x5A);
  EXPECT_EQ(CredentialType2Area(bracelet).size(), 124u);
  EXPECT_LE(CredentialType2Area(largest_card).size(), kNtag213UserBytes);
}

TEST(CredentialRecordTest, RoundTripThroughType2Memory) {
  std::vector<std::uint8_t> credential(credential::kBraceletSize);
  for (std::size_t i = 0; i < credential.size(); ++i) credential[i] = static_cast<std::uint8_t>(i);
  std::vector<std::uint8_t> memory = CredentialType2Area(credential);
  memory.resize(kNtag213UserBytes, 0x00);  // the rest of the tag stays zero
  auto read = CredentialFromType2Area(memory);
  ASSERT_TRUE(read) << read.error().message();
  EXPECT_EQ(read.value(), credential);
}

TEST(CredentialRecordTest, BlankTagsCarryNoCredential) {
  const std::vector<std::uint8_t> zeros(kNtag213UserBytes, 0x00);
  EXPECT_EQ(CredentialFromType2Area(zeros).error(), make_error_code(Errc::no_ndef_tlv));
  std::vector<std::uint8_t> formatted = {0x03, 0x00, 0xFE};
  formatted.resize(kNtag213UserBytes, 0x00);
  EXPECT_EQ(CredentialFromType2Area(formatted).error(), make_error_code(Errc::record_not_found));
}

TEST(CredentialRecordTest, OtherRecordsAreNotTakenForACredential) {
  // A URI record someone wrote with a phone: well-known type "U".
  const std::vector<std::uint8_t> uri_message = {0xD1, 0x01, 0x04, 'U', 0x04, 'a', '.', 'b'};
  EXPECT_EQ(CredentialFromMessage(uri_message).error(), make_error_code(Errc::record_not_found));
}

}  // namespace
}  // namespace minegate::ndef
