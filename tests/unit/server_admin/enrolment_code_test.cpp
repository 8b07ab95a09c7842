// Enrolment codes: format, tolerant reading, hashing.
#include "server/admin/enrolment_code.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <set>
#include <string>

#include "server/admin/error.hpp"

namespace minegate::server::admin {
namespace {

constexpr char kCode[] = "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ";

TEST(EnrolmentCodeTest, FormatIsEightGroupsOfFourCrockfordSymbols) {
  const std::string code = EnrolmentCode::Generate().value().ToString();
  ASSERT_EQ(code.size(), 39u);
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i % 5 == 4) {
      EXPECT_EQ(code[i], '-') << code;
    } else {
      EXPECT_NE(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(code[i]),
                std::string_view::npos)
          << code;
    }
  }
}

TEST(EnrolmentCodeTest, GeneratedCodesDiffer) {
  std::set<std::string> codes;
  for (int i = 0; i < 100; ++i) codes.insert(EnrolmentCode::Generate().value().ToString());
  EXPECT_EQ(codes.size(), 100u);
}

TEST(EnrolmentCodeTest, ParseRoundTrips) {
  auto code = EnrolmentCode::Parse(kCode);
  ASSERT_TRUE(code) << code.error().message();
  EXPECT_EQ(code.value().ToString(), kCode);
  const EnrolmentCode generated = EnrolmentCode::Generate().value();
  EXPECT_EQ(EnrolmentCode::Parse(generated.ToString()).value().ToString(), generated.ToString());
}

TEST(EnrolmentCodeTest, ReadingIsTolerantOfHowPeopleType) {
  const std::string canonical = EnrolmentCode::Parse(kCode).value().ToString();
  for (const char* typed :
       {"0123456789abcdefghjkmnpqrstvwxyz", "o123-4567-89ab-cdef-ghjk-mnpq-rstv-wxyz",
        "O1234567 89AB CDEF GHJK MNPQ RSTV WXYZ", "0I23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ",
        "0L23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ"}) {
    auto code = EnrolmentCode::Parse(typed);
    ASSERT_TRUE(code) << typed;
    EXPECT_EQ(code.value().ToString(), canonical) << typed;
  }
}

TEST(EnrolmentCodeTest, MalformedCodesAreRefused) {
  for (const std::string& typed :
       {std::string(), std::string("0123-4567"), std::string(kCode) + "0",
        std::string("U123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ"),
        std::string("0123_4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ"), std::string(200, '-')}) {
    auto code = EnrolmentCode::Parse(typed);
    ASSERT_FALSE(code) << typed;
    EXPECT_EQ(code.error(), Errc::bad_enrolment_code);
  }
}

TEST(EnrolmentCodeTest, HashIsBlake2b256OfTheBytes) {
  // kCode's symbols are 0..31 in order: the bytes are 00 44 32 14 c7 42 54 b6 35 cf 84 65 3a 56
  // d7 c6 75 be 77 df.
  const std::uint8_t bytes[] = {0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf,
                                0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf};
  EnrolmentCodeHash expected{};
  ASSERT_GE(sodium_init(), 0);
  crypto_generichash(expected.data(), expected.size(), bytes, sizeof(bytes), nullptr, 0);
  EXPECT_EQ(EnrolmentCode::Parse(kCode).value().Hash(), expected);
  EXPECT_NE(EnrolmentCode::Generate().value().Hash(), expected);
}

}  // namespace
}  // namespace minegate::server::admin
