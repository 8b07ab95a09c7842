#include "firmware-bridge/ndef/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace minegate::ndef {
namespace {

TEST(NdefErrorTest, CategoryIsNamedAfterTheModule) {
  EXPECT_STREQ(NdefCategory().name(), "minegate.ndef");
  EXPECT_EQ(make_error_code(Errc::truncated).category(), NdefCategory());
}

TEST(NdefErrorTest, EveryCodeHasABilingualMessage) {
  const std::string unknown = "erreur inconnue / unknown error";
  for (int ev = static_cast<int>(Errc::empty_message);
       ev <= static_cast<int>(Errc::unsupported_mapping_version); ++ev) {
    const std::string message = NdefCategory().message(ev);
    EXPECT_FALSE(message.starts_with(unknown)) << ev;
    EXPECT_NE(message.find(" / "), std::string::npos) << message;
  }
  EXPECT_EQ(NdefCategory().message(9999), unknown + " (9999)");
}

TEST(NdefErrorTest, EnumConvertsToErrorCodeAndResult) {
  const boost::system::error_code ec = Errc::no_ndef_tlv;
  EXPECT_EQ(ec.value(), static_cast<int>(Errc::no_ndef_tlv));
  EXPECT_EQ(ec, Errc::no_ndef_tlv);
  EXPECT_NE(ec, Errc::bad_tlv_length);

  const Result<int> failed = Errc::truncated;
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), Errc::truncated);
  const Result<int> succeeded = 42;
  ASSERT_TRUE(succeeded);
  EXPECT_EQ(succeeded.value(), 42);
}

}  // namespace
}  // namespace minegate::ndef
