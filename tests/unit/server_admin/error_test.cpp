// Every admin error has its own bilingual message.
#include "server/admin/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace minegate::server::admin {
namespace {

TEST(AdminErrorTest, EveryCodeHasItsOwnFrenchThenEnglishMessage) {
  const boost::system::error_code first = Errc::bad_name;
  EXPECT_STREQ(first.category().name(), "minegate.server.admin");
  std::set<std::string> messages;
  const int last = static_cast<int>(Errc::card_series_full);
  for (int value = 1; value <= last; ++value) {
    const std::string message = make_error_code(static_cast<Errc>(value)).message();
    EXPECT_NE(message.find(" / "), std::string::npos) << value << ": " << message;
    EXPECT_EQ(message.find("unknown administration error"), std::string::npos) << value;
    messages.insert(message);
  }
  EXPECT_EQ(messages.size(), static_cast<std::size_t>(last));
  EXPECT_NE(make_error_code(static_cast<Errc>(last + 1)).message().find("unknown"),
            std::string::npos);
}

}  // namespace
}  // namespace minegate::server::admin
