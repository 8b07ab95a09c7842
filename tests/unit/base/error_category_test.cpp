// An error category declared from a table: names, bilingual messages, unknown codes.
#include "base/error_category.hpp"

#include <gtest/gtest.h>

#include <boost/system/error_code.hpp>

namespace minegate::base {
namespace {

enum class SampleErrc { first = 1, second = 2, unlisted = 9 };

const ErrorCategory& SampleCategory() {
  static const ErrorCategory category = ErrorCategory::Of<SampleErrc>(
      "minegate.sample",
      {{SampleErrc::first, "premier / first"}, {SampleErrc::second, "second / second"}});
  return category;
}

TEST(ErrorCategoryTest, NamesItselfAndReadsTheTable) {
  EXPECT_STREQ(SampleCategory().name(), "minegate.sample");
  const boost::system::error_code first(1, SampleCategory());
  EXPECT_EQ(first.message(), "premier / first");
  EXPECT_EQ(boost::system::error_code(2, SampleCategory()).message(), "second / second");
}

TEST(ErrorCategoryTest, AnUnlistedCodeSaysUnknownWithItsNumber) {
  const boost::system::error_code unlisted(static_cast<int>(SampleErrc::unlisted),
                                           SampleCategory());
  EXPECT_EQ(unlisted.message(), "erreur inconnue / unknown error (9)");
}

TEST(ErrorCategoryTest, CodesOfTwoCategoriesNeverCompareEqual) {
  static const ErrorCategory other =
      ErrorCategory::Of<SampleErrc>("minegate.other", {{SampleErrc::first, "autre / other"}});
  EXPECT_NE(boost::system::error_code(1, SampleCategory()), boost::system::error_code(1, other));
  EXPECT_EQ(boost::system::error_code(1, SampleCategory()),
            boost::system::error_code(1, SampleCategory()));
}

}  // namespace
}  // namespace minegate::base
