// Hexadecimal text through libsodium: what technicians type is read, nothing else is.
#include "base/hex.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace minegate::base {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST(HexTest, WritesLowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(ToHex(Bytes{0x04, 0xa1, 0xb2, 0x00, 0xff}), "04a1b200ff");
  EXPECT_EQ(ToHex(Bytes{}), "");
  EXPECT_EQ(ToHex(std::string_view("\x01\x7f", 2)), "017f");
}

TEST(HexTest, ReadsEitherCaseAndSeparatorsBetweenBytes) {
  EXPECT_EQ(FromHex("04a1b2"), (Bytes{0x04, 0xa1, 0xb2}));
  EXPECT_EQ(FromHex("04:A1:B2"), (Bytes{0x04, 0xa1, 0xb2}));
  EXPECT_EQ(FromHex("04 a1-B2"), (Bytes{0x04, 0xa1, 0xb2}));
  EXPECT_EQ(FromHex(""), Bytes{});
}

TEST(HexTest, RefusesOddDigitsForeignCharactersAndSplitBytes) {
  EXPECT_FALSE(FromHex("04a"));
  EXPECT_FALSE(FromHex("04g1"));
  EXPECT_FALSE(FromHex("0:4a1"));
  EXPECT_FALSE(FromHex(std::string_view("04\0a1", 5)));
}

TEST(HexTest, RoundTripsEveryByteValue) {
  Bytes all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  EXPECT_EQ(FromHex(ToHex(all)), all);
}

}  // namespace
}  // namespace minegate::base
