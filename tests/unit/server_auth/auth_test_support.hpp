// A fresh server database per test (admin::test::AdminTest: a real SQLite file, a clock the test
// sets), with a few officials and short helpers to read what sign-in wrote.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "server/admin/role.hpp"
#include "server/admin/user_registry.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::auth::test {

using admin::test::kHourMs;
using admin::test::kStartMs;
inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

inline constexpr char kPassword[] = "correct horse battery";
inline constexpr char kOtherPassword[] = "staple battery horse";
/// An office's address, where the tests sign in from unless they say otherwise.
inline constexpr char kAddress[] = "10.20.30.40";

class AuthTest : public admin::test::AdminTest {
 protected:
  admin::UserRegistry& Users() { return users_; }

  /// Adds an active user with kPassword (gate agents get the PIN the roster requires of none).
  void AddOfficial(const std::string& user_id, admin::Role role) {
    auto added = users_.AddUser(user_id, "Official " + user_id, role, kPassword);
    ASSERT_TRUE(added) << user_id << ": " << added.error().message();
  }

  /// The first column of the first row of `sql` as text; "<none>" without a row, "<null>".
  std::string QueryText(std::string_view sql) {
    auto statement = connection().Prepare(sql);
    EXPECT_TRUE(statement) << sql << ": " << connection().LastErrorMessage();
    if (!statement) return "<error>";
    auto row = statement.value().Step();
    if (!row || !row.value()) return "<none>";
    if (statement.value().ColumnIsNull(0)) return "<null>";
    return statement.value().ColumnText(0);
  }

  admin::UserRegistry users_{connection(), clock()};
};

}  // namespace minegate::server::auth::test
