#include "base/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace minegate::base {
namespace {

TEST(TextTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8CodePoints("Aïssatou"), 8u);
  EXPECT_EQ(Utf8CodePoints("Ndèye Diop"), 10u);
  EXPECT_EQ(Utf8CodePoints(""), 0u);
  EXPECT_EQ(Utf8CodePoints("\xF0\x9F\x98\x80"), 1u);  // one emoji, four bytes
}

TEST(TextTest, RefusesWhatIsNotUtf8) {
  EXPECT_FALSE(Utf8CodePoints("\xC3"));              // cut in the middle
  EXPECT_FALSE(Utf8CodePoints("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(Utf8CodePoints("\xED\xA0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(Utf8CodePoints("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(Utf8CodePoints("caf\xE9"));           // Latin-1, not UTF-8
}

TEST(TextTest, ControlCharactersAndLineBreaks) {
  EXPECT_TRUE(HasControlCharacter(std::string("a\0b", 3)));
  EXPECT_TRUE(HasControlCharacter("a\x7F"));
  EXPECT_TRUE(HasControlCharacter("line\nline"));
  EXPECT_FALSE(HasControlCharacter("line\nline", /*allow_line_breaks=*/true));
  EXPECT_TRUE(HasControlCharacter("tab\there", true));
  EXPECT_FALSE(HasControlCharacter("Aïssatou"));
}

TEST(TextTest, TextWithinBoundsInCharacters) {
  EXPECT_TRUE(TextWithin("Aïssatou", 1, 8));
  EXPECT_FALSE(TextWithin("Aïssatou", 1, 7));
  EXPECT_FALSE(TextWithin("", 1, 8));
  EXPECT_FALSE(TextWithin("two\nlines", 1, 80));
  EXPECT_TRUE(TextWithin("two\nlines", 1, 80, Lines::kSeveral));
  EXPECT_FALSE(TextWithin("caf\xE9", 1, 80));
}

}  // namespace
}  // namespace minegate::base
