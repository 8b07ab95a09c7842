// Users: validation, Argon2id hashes, kiosk PINs, disabling, verification.
#include "server/admin/user_registry.hpp"

#include <gtest/gtest.h>

#include <string>

#include "server/admin/error.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

constexpr char kPassword[] = "correct horse battery";

class UserRegistryTest : public test::AdminTest {
 protected:
  std::string StoredText(const std::string& column, const std::string& user_id) {
    auto statement =
        connection().Prepare("SELECT " + column + " FROM users WHERE user_id = '" + user_id + "'");
    if (!statement || !statement.value().Step().value()) return "<none>";
    if (statement.value().ColumnIsNull(0)) return "<null>";
    return statement.value().ColumnText(0);
  }

  UserRegistry users_{connection(), clock()};
};

TEST_F(UserRegistryTest, PasswordIsStoredAsArgon2idAndVerifies) {
  auto added = users_.AddUser("awa.diallo", "Awa Diallo", Role::kBorderPolice, kPassword);
  ASSERT_TRUE(added) << added.error().message();
  const std::string hash = StoredText("password_hash", "awa.diallo");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find(kPassword), std::string::npos);
  EXPECT_EQ(StoredText("pin_hash", "awa.diallo"), "<null>");

  auto verified = users_.VerifyPassword("awa.diallo", kPassword);
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified.value().role, Role::kBorderPolice);
  EXPECT_EQ(verified.value().display_name, "Awa Diallo");
  EXPECT_EQ(verified.value().created_at_ms, test::kStartMs);
}

TEST_F(UserRegistryTest, WrongPasswordAndUnknownUserAreRefused) {
  ASSERT_TRUE(users_.AddUser("awa.diallo", "Awa Diallo", Role::kAuditor, kPassword));
  EXPECT_EQ(users_.VerifyPassword("awa.diallo", "correct horse battery!").error(),
            Errc::wrong_password);
  EXPECT_EQ(users_.VerifyPassword("awa.diallo", "").error(), Errc::wrong_password);
  EXPECT_EQ(users_.VerifyPassword("nobody", kPassword).error(), Errc::unknown_user);
}

TEST_F(UserRegistryTest, PasswordsUnderTenCharactersAreWeak) {
  EXPECT_EQ(users_.AddUser("user1", "U", Role::kAuditor, "123456789").error(), Errc::weak_password);
  // Characters, not bytes: five "é" are ten bytes but five characters.
  EXPECT_EQ(users_.AddUser("user2", "U", Role::kAuditor, "ééééé").error(), Errc::weak_password);
  EXPECT_TRUE(users_.AddUser("user3", "U", Role::kAuditor, "éééééééééé"));
  EXPECT_TRUE(users_.AddUser("user4", "U", Role::kAuditor, "1234567890"));
  EXPECT_EQ(users_.AddUser("user5", "U", Role::kAuditor, std::string(1025, 'p')).error(),
            Errc::password_too_long);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM users"), 2);
}

TEST_F(UserRegistryTest, UserIdsAreCheckedBeforeAnythingIsWritten) {
  for (const std::string& id :
       {std::string("ab"), std::string("Awa"), std::string("a b"), std::string(65, 'a'),
        std::string("awa@mines"), std::string("aïssa"), std::string()}) {
    auto added = users_.AddUser(id, "Someone", Role::kAuditor, kPassword);
    ASSERT_FALSE(added) << id;
    EXPECT_EQ(added.error(), Errc::bad_user_id) << id;
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM users"), 0);
  EXPECT_TRUE(users_.AddUser("a.b_c-1", "Someone", Role::kAuditor, kPassword));
  EXPECT_TRUE(users_.AddUser(std::string(64, 'z'), "Someone", Role::kAuditor, kPassword));
}

TEST_F(UserRegistryTest, DisplayNameMustBePrintable) {
  EXPECT_EQ(users_.AddUser("awa", "", Role::kAuditor, kPassword).error(), Errc::bad_name);
  EXPECT_EQ(users_.AddUser("awa", "Awa\nDiallo", Role::kAuditor, kPassword).error(),
            Errc::bad_name);
}

TEST_F(UserRegistryTest, ExistingUserIsRefusedAndKeepsTheirPassword) {
  ASSERT_TRUE(users_.AddUser("awa", "Awa", Role::kAuditor, kPassword));
  auto again = users_.AddUser("awa", "Awa 2", Role::kAdministrator, "another password");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), Errc::user_exists);
  EXPECT_TRUE(users_.VerifyPassword("awa", kPassword));
  EXPECT_EQ(users_.FindUser("awa").value().role, Role::kAuditor);
}

TEST_F(UserRegistryTest, GateAgentPinIsHashedAndVerifies) {
  auto added = users_.AddUser("moussa", "Moussa Keita", Role::kGateAgent, kPassword, "482915");
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(StoredText("pin_hash", "moussa").rfind("$argon2id$", 0), 0u);
  auto verified = users_.VerifyPin("moussa", "482915");
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified.value().role, Role::kGateAgent);
  EXPECT_TRUE(verified.value().has_pin);
  EXPECT_EQ(users_.VerifyPin("moussa", "482916").error(), Errc::wrong_pin);
  // The PIN is not the password, nor the other way round.
  EXPECT_EQ(users_.VerifyPassword("moussa", "482915").error(), Errc::wrong_password);
}

TEST_F(UserRegistryTest, PinMustBeSixToTwelveDigits) {
  for (const char* pin : {"12345", "1234567890123", "12a456", "", "123 456", "١٢٣٤٥٦"}) {
    auto added = users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, pin);
    ASSERT_FALSE(added) << pin;
    EXPECT_EQ(added.error(), Errc::bad_pin) << pin;
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM users"), 0);
  EXPECT_TRUE(users_.AddUser("agent6", "A", Role::kGateAgent, kPassword, "604817"));
  EXPECT_TRUE(users_.AddUser("agent12", "A", Role::kGateAgent, kPassword, "604817395028"));
}

TEST_F(UserRegistryTest, TrivialPinsAreRefused) {
  for (const char* pin : {"000000", "777777777", "123456", "3456789", "987654", "121212", "123123",
                          "198503", "042007", "19851985"}) {
    auto added = users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, pin);
    ASSERT_FALSE(added) << pin;
    EXPECT_EQ(added.error(), Errc::trivial_pin) << pin;
    EXPECT_EQ(CheckPin(pin).error(), Errc::trivial_pin) << pin;
  }
  // Near misses of each pattern are fine.
  for (const char* pin : {"000001", "123457", "121213", "192903", "204099"}) {
    EXPECT_TRUE(CheckPin(pin)) << pin;
  }
}

TEST_F(UserRegistryTest, OnlyKioskRolesHaveAPin) {
  auto added = users_.AddUser("admin", "Admin", Role::kAdministrator, kPassword, "582047");
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error(), Errc::pin_not_allowed);
  ASSERT_TRUE(users_.AddUser("admin", "Admin", Role::kAdministrator, kPassword));
  EXPECT_EQ(users_.SetPin("admin", "582047").error(), Errc::pin_not_allowed);
  EXPECT_EQ(users_.VerifyPin("admin", "582047").error(), Errc::no_pin);
}

TEST_F(UserRegistryTest, SetPinAndPasswordReplaceTheOldOnes) {
  ASSERT_TRUE(users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword));
  EXPECT_EQ(users_.VerifyPin("moussa", "582047").error(), Errc::no_pin);
  ASSERT_TRUE(users_.SetPin("moussa", "582047"));
  EXPECT_TRUE(users_.VerifyPin("moussa", "582047"));
  EXPECT_EQ(users_.SetPin("moussa", "12").error(), Errc::bad_pin);
  EXPECT_TRUE(users_.VerifyPin("moussa", "582047"));

  ASSERT_TRUE(users_.SetPassword("moussa", "a new long password"));
  EXPECT_EQ(users_.VerifyPassword("moussa", kPassword).error(), Errc::wrong_password);
  EXPECT_TRUE(users_.VerifyPassword("moussa", "a new long password"));
  EXPECT_EQ(users_.SetPassword("moussa", "short").error(), Errc::weak_password);
  EXPECT_EQ(users_.SetPassword("nobody", kPassword).error(), Errc::unknown_user);
}

TEST_F(UserRegistryTest, DisabledUserCannotSignIn) {
  ASSERT_TRUE(users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, "582047"));
  now_ms_ += test::kHourMs;
  ASSERT_TRUE(users_.DisableUser("moussa"));
  EXPECT_EQ(users_.VerifyPassword("moussa", kPassword).error(), Errc::user_disabled);
  EXPECT_EQ(users_.VerifyPin("moussa", "582047").error(), Errc::user_disabled);
  EXPECT_EQ(users_.FindUser("moussa").value().disabled_at_ms, test::kStartMs + test::kHourMs);
  EXPECT_EQ(users_.DisableUser("moussa").error(), Errc::user_already_disabled);
  EXPECT_EQ(users_.DisableUser("nobody").error(), Errc::unknown_user);
}

TEST_F(UserRegistryTest, TheLastActiveAdministratorCannotBeDisabled) {
  ASSERT_TRUE(users_.AddUser("admin1", "Admin 1", Role::kAdministrator, kPassword));
  EXPECT_EQ(users_.DisableUser("admin1").error(), Errc::last_administrator);
  ASSERT_TRUE(users_.AddUser("admin2", "Admin 2", Role::kAdministrator, kPassword));
  ASSERT_TRUE(users_.DisableUser("admin1"));
  EXPECT_EQ(users_.DisableUser("admin2").error(), Errc::last_administrator);
  EXPECT_FALSE(users_.FindUser("admin2").value().disabled_at_ms);
}

TEST_F(UserRegistryTest, ListUsersShowsStateButNoSecrets) {
  ASSERT_TRUE(users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, "582047"));
  ASSERT_TRUE(users_.AddUser("awa", "Awa", Role::kProtectionOfficer, kPassword));
  ASSERT_TRUE(users_.AddUser("admin", "Admin", Role::kAdministrator, kPassword));
  ASSERT_TRUE(users_.DisableUser("awa"));
  auto listed = users_.ListUsers();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed.value().size(), 3u);
  EXPECT_EQ(listed.value()[0].user_id, "admin");
  EXPECT_EQ(listed.value()[1].user_id, "awa");
  EXPECT_TRUE(listed.value()[1].disabled_at_ms);
  EXPECT_EQ(listed.value()[1].role, Role::kProtectionOfficer);
  EXPECT_EQ(listed.value()[2].user_id, "moussa");
  EXPECT_TRUE(listed.value()[2].has_password);
  EXPECT_TRUE(listed.value()[2].has_pin);
  EXPECT_FALSE(listed.value()[0].has_pin);
}

TEST(RoleTest, NamesRoundTripAndUnknownIsRefused) {
  EXPECT_EQ(AllRoles().size(), 6u);
  for (Role role : AllRoles()) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_EQ(ParseRole("gate_agent"), Role::kGateAgent);
  EXPECT_FALSE(ParseRole("root"));
  EXPECT_FALSE(ParseRole("Administrator"));
}

}  // namespace
}  // namespace minegate::server::admin
