// The checks on typed text that every name, description and alert goes through.
#include "server/admin/internal/text_checks.hpp"

#include <gtest/gtest.h>

#include <string>

namespace minegate::server::admin::internal {
namespace {

TEST(TextChecksTest, CountsCharactersNotBytes) {
  EXPECT_EQ(PrintableLength("Kédougou"), 8u);
  EXPECT_EQ(PrintableLength("ñ€𝄞"), 3u);
  EXPECT_EQ(PrintableLength(""), 0u);
}

TEST(TextChecksTest, RefusesInvalidUtf8AndControls) {
  for (const std::string& text :
       {std::string("a\nb"), std::string("\x7f"), std::string("\xC2\x85"), std::string("\xC3"),
        std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
        std::string("\xFF"), std::string("a\0b", 3)}) {
    EXPECT_FALSE(PrintableLength(text)) << text;
    EXPECT_FALSE(IsPrintableText(text, 100)) << text;
  }
}

TEST(TextChecksTest, PrintableTextIsNotBlankAndBounded) {
  EXPECT_TRUE(IsPrintableText("Porte nord", 10));
  EXPECT_FALSE(IsPrintableText("Porte nord", 9));
  EXPECT_FALSE(IsPrintableText("", 10));
  EXPECT_FALSE(IsPrintableText("    ", 10));
}

TEST(TextChecksTest, Identifiers) {
  EXPECT_TRUE(IsIdentifier("kdg-0001", 1, 64));
  EXPECT_TRUE(IsIdentifier("a.b_c", 3, 5));
  EXPECT_FALSE(IsIdentifier("ab", 3, 64));
  EXPECT_FALSE(IsIdentifier("abcdef", 3, 5));
  EXPECT_FALSE(IsIdentifier("ABC", 1, 64));
  EXPECT_FALSE(IsIdentifier("a/b", 1, 64));
  EXPECT_FALSE(IsIdentifier("é", 1, 64));
}

}  // namespace
}  // namespace minegate::server::admin::internal
