// Staff cards, kiosk PINs for gate agents, EMAPE officials and border police, and the agent
// roster kiosks hold: who is in it, and that every change to it moves its version in the same
// transaction.
#include "server/admin/agent_roster.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "db/query.hpp"
#include "db/statement.hpp"
#include "server/admin/error.hpp"
#include "server/admin/internal/kiosk_roles.hpp"
#include "server/admin/role.hpp"
#include "server/admin/site_registry.hpp"
#include "server/admin/user_registry.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

constexpr char kPassword[] = "correct horse battery";
const std::vector<std::uint8_t> kCard4 = {0x04, 0xA1, 0xB2, 0xC3};
const std::vector<std::uint8_t> kCard7 = {0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66};

class AgentRosterTest : public test::AdminTest {
 protected:
  v1::AgentRoster Roster() {
    auto roster = ReadAgentRoster(connection(), bantako_);
    if (!roster) throw std::runtime_error(roster.error().message());
    return roster.value();
  }

  std::vector<std::string> RosterIds() {
    std::vector<std::string> ids;
    const v1::AgentRoster roster = Roster();
    for (const v1::Agent& agent : roster.agents()) ids.push_back(agent.user_id());
    return ids;
  }

  std::int64_t bantako_ =
      SiteRegistry(connection(), clock()).AddSite("Bantako", Department::kKedougou).value();
  std::int64_t sabodala_ =
      SiteRegistry(connection(), clock()).AddSite("Sabodala", Department::kSaraya).value();
  /// The kiosk agents of these tests work at Bantako.
  std::vector<std::int64_t> sites_{bantako_};
  UserRegistry users_{connection(), clock()};
};

TEST_F(AgentRosterTest, HoldsActiveGateAgentsEmapeOfficialsAndPoliceWithAPin) {
  EXPECT_EQ(ListVersion("agent_roster"), 0);
  ASSERT_TRUE(users_.AddUser("moussa", "Moussa Keita", Role::kGateAgent, kPassword, "482915",
                             kCard4, sites_));
  ASSERT_TRUE(
      users_.AddUser("fatou", "Fatou Sow", Role::kEmapeOfficial, kPassword, "739148", {}, sites_));
  // Without a PIN, or in another role, nobody enters the roster.
  ASSERT_TRUE(
      users_.AddUser("ibou", "Ibou Ba", Role::kGateAgent, kPassword, std::nullopt, {}, sites_));
  ASSERT_TRUE(users_.AddUser("awa", "Awa Diallo", Role::kBorderPolice, kPassword));
  ASSERT_TRUE(users_.AddUser("chef", "Chef", Role::kAdministrator, kPassword));
  // A border police officer with a PIN, assigned to the site, signs in for the police mode.
  ASSERT_TRUE(
      users_.AddUser("sarr", "Cdt Sarr", Role::kBorderPolice, kPassword, "639182", {}, sites_));

  const v1::AgentRoster roster = Roster();
  EXPECT_EQ(roster.version(), 3u);
  ASSERT_EQ(roster.agents_size(), 3);
  EXPECT_EQ(roster.agents(2).user_id(), "sarr");
  EXPECT_EQ(roster.agents(2).role(), v1::AGENT_ROLE_BORDER_POLICE);
  const v1::Agent& fatou = roster.agents(0);
  EXPECT_EQ(fatou.user_id(), "fatou");
  EXPECT_EQ(fatou.display_name(), "Fatou Sow");
  EXPECT_EQ(fatou.role(), v1::AGENT_ROLE_EMAPE_OFFICIAL);
  EXPECT_TRUE(fatou.staff_card_uid().empty());
  const v1::Agent& moussa = roster.agents(1);
  EXPECT_EQ(moussa.role(), v1::AGENT_ROLE_GATE_AGENT);
  EXPECT_EQ(moussa.staff_card_uid(), std::string("\x04\xA1\xB2\xC3", 4));
  // The kiosk receives the Argon2id string it verifies with, never the PIN.
  EXPECT_EQ(moussa.pin_hash().rfind("$argon2id$", 0), 0u) << moussa.pin_hash();
  EXPECT_EQ(moussa.pin_hash().find("482915"), std::string::npos);
  EXPECT_TRUE(users_.VerifyPin("fatou", "739148"));
}

TEST_F(AgentRosterTest, EveryChangeToTheRosterMovesItsVersion) {
  ASSERT_TRUE(
      users_.AddUser("ibou", "Ibou Ba", Role::kGateAgent, kPassword, std::nullopt, {}, sites_));
  EXPECT_EQ(ListVersion("agent_roster"), 0);  // no PIN: not in the roster
  ASSERT_TRUE(users_.SetPin("ibou", "582047"));
  EXPECT_EQ(ListVersion("agent_roster"), 1);
  EXPECT_EQ(RosterIds(), std::vector<std::string>{"ibou"});
  const std::string first_hash = Roster().agents(0).pin_hash();

  ASSERT_TRUE(users_.SetPin("ibou", "693518"));
  EXPECT_EQ(ListVersion("agent_roster"), 2);
  EXPECT_NE(Roster().agents(0).pin_hash(), first_hash);

  ASSERT_TRUE(users_.SetStaffCard("ibou", kCard7));
  EXPECT_EQ(ListVersion("agent_roster"), 3);
  EXPECT_EQ(Roster().agents(0).staff_card_uid().size(), 7u);
  ASSERT_TRUE(users_.SetStaffCard("ibou", {}));
  EXPECT_EQ(ListVersion("agent_roster"), 4);
  EXPECT_TRUE(Roster().agents(0).staff_card_uid().empty());

  ASSERT_TRUE(users_.DisableUser("ibou"));
  EXPECT_EQ(ListVersion("agent_roster"), 5);
  EXPECT_TRUE(RosterIds().empty());
  EXPECT_EQ(Roster().version(), 5u);

  // Changes outside the roster's roles leave it alone.
  ASSERT_TRUE(users_.AddUser("chef", "Chef", Role::kAdministrator, kPassword));
  ASSERT_TRUE(users_.AddUser("chef2", "Chef 2", Role::kAdministrator, kPassword));
  ASSERT_TRUE(users_.SetStaffCard("chef", kCard4));
  ASSERT_TRUE(users_.DisableUser("chef2"));
  ASSERT_TRUE(users_.SetPassword("chef", "another long password"));
  EXPECT_EQ(ListVersion("agent_roster"), 5);
}

TEST_F(AgentRosterTest, AStaffCardBelongsToOneUserAtMost) {
  ASSERT_TRUE(
      users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, "482915", kCard4, sites_));
  ASSERT_TRUE(
      users_.AddUser("fatou", "Fatou", Role::kEmapeOfficial, kPassword, "739148", {}, sites_));
  const std::int64_t before = ListVersion("agent_roster");

  auto taken = users_.SetStaffCard("fatou", kCard4);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error(), Errc::card_in_use);
  EXPECT_NE(taken.error().message().find("another user"), std::string::npos);
  auto added =
      users_.AddUser("ibou", "Ibou", Role::kGateAgent, kPassword, "720395", kCard4, sites_);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error(), Errc::card_in_use);
  EXPECT_FALSE(users_.FindUser("ibou"));  // nothing written
  EXPECT_EQ(ListVersion("agent_roster"), before);

  // Setting a user's own card again is no conflict; once released, another user may take it.
  EXPECT_TRUE(users_.SetStaffCard("moussa", kCard4));
  ASSERT_TRUE(users_.SetStaffCard("moussa", {}));
  ASSERT_TRUE(users_.SetStaffCard("fatou", kCard4));
  auto fatou = users_.FindUser("fatou");
  ASSERT_TRUE(fatou);
  EXPECT_EQ(fatou.value().staff_card_uid, kCard4);
  EXPECT_TRUE(users_.FindUser("moussa").value().staff_card_uid.empty());
}

TEST_F(AgentRosterTest, BadCardsAndUnknownUsersAreRefused) {
  ASSERT_TRUE(
      users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, "482915", {}, sites_));
  for (const std::vector<std::uint8_t>& uid :
       {std::vector<std::uint8_t>{1, 2, 3}, std::vector<std::uint8_t>(5, 1),
        std::vector<std::uint8_t>(11, 1)}) {
    auto set = users_.SetStaffCard("moussa", uid);
    ASSERT_FALSE(set) << uid.size();
    EXPECT_EQ(set.error(), Errc::bad_card_uid);
  }
  EXPECT_EQ(users_.SetStaffCard("nobody", kCard4).error(), Errc::unknown_user);
  EXPECT_EQ(users_
                .AddUser("ibou", "Ibou", Role::kGateAgent, kPassword, "720395",
                         std::vector<std::uint8_t>{1, 2}, sites_)
                .error(),
            Errc::bad_card_uid);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM users WHERE staff_card_uid IS NOT NULL"), 0);
  // Roles that never sign in at a kiosk have no PIN.
  ASSERT_TRUE(users_.AddUser("awa", "Awa", Role::kProtectionOfficer, kPassword));
  EXPECT_EQ(users_.SetPin("awa", "582047").error(), Errc::pin_not_allowed);
}

TEST_F(AgentRosterTest, AKioskReceivesOnlyTheAgentsOfItsSite) {
  ASSERT_TRUE(
      users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, "482915", {}, sites_));
  const std::vector<std::int64_t> both{bantako_, sabodala_};
  ASSERT_TRUE(
      users_.AddUser("fatou", "Fatou", Role::kEmapeOfficial, kPassword, "739148", {}, both));
  ASSERT_TRUE(users_.AddUser("ibou", "Ibou", Role::kGateAgent, kPassword, "720395"));
  EXPECT_EQ(RosterIds(), (std::vector<std::string>{"fatou", "moussa"}));
  auto at_sabodala = ReadAgentRoster(connection(), sabodala_);
  ASSERT_TRUE(at_sabodala);
  ASSERT_EQ(at_sabodala.value().agents_size(), 1);
  EXPECT_EQ(at_sabodala.value().agents(0).user_id(), "fatou");

  const std::int64_t before = ListVersion("agent_roster");
  ASSERT_TRUE(users_.AssignSite("ibou", sabodala_));
  EXPECT_EQ(ListVersion("agent_roster"), before + 1);
  EXPECT_EQ(ReadAgentRoster(connection(), sabodala_).value().agents_size(), 2);
  EXPECT_EQ(users_.AssignSite("ibou", sabodala_).error(), Errc::site_already_assigned);
  EXPECT_EQ(users_.AssignSite("ibou", 999).error(), Errc::unknown_site);
  ASSERT_TRUE(users_.UnassignSite("fatou", bantako_));
  EXPECT_EQ(RosterIds(), std::vector<std::string>{"moussa"});
  EXPECT_EQ(users_.UnassignSite("fatou", bantako_).error(), Errc::site_not_assigned);
  EXPECT_EQ(users_.FindUser("fatou").value().site_ids, std::vector<std::int64_t>{sabodala_});

  // Only kiosk roles work at sites (border police too: the police mode).
  ASSERT_TRUE(users_.AddUser("awa", "Awa", Role::kProtectionOfficer, kPassword));
  EXPECT_EQ(users_.AssignSite("awa", bantako_).error(), Errc::site_not_allowed);
  ASSERT_TRUE(users_.AddUser("sarr", "Sarr", Role::kBorderPolice, kPassword, "639182"));
  ASSERT_TRUE(users_.AssignSite("sarr", sabodala_));
  EXPECT_EQ(ReadAgentRoster(connection(), sabodala_).value().agents_size(), 3);
  EXPECT_EQ(
      users_.AddUser("aby", "Aby", Role::kAuditor, kPassword, std::nullopt, {}, sites_).error(),
      Errc::site_not_allowed);
}

TEST_F(AgentRosterTest, ACompromisedPinOrCardLeavesTheRosterUntilReplaced) {
  ASSERT_TRUE(
      users_.AddUser("moussa", "Moussa", Role::kGateAgent, kPassword, "482915", kCard4, sites_));
  auto marked = connection().Execute(
      "UPDATE users SET pin_compromised_at_ms = 1, card_compromised_at_ms = 1, "
      "compromised_by_device = 'kdg-0001' WHERE user_id = 'moussa'");
  ASSERT_TRUE(marked);
  EXPECT_TRUE(RosterIds().empty());
  // The PIN the stolen kiosk held is refused; a new one brings the agent back, cardless.
  EXPECT_EQ(users_.SetPin("moussa", "482915").error(), Errc::pin_compromised);
  ASSERT_TRUE(users_.SetPin("moussa", "730591"));
  ASSERT_EQ(RosterIds(), std::vector<std::string>{"moussa"});
  EXPECT_TRUE(Roster().agents(0).staff_card_uid().empty());
  // The same card UID is refused (it may be cloned); a new card travels again.
  EXPECT_EQ(users_.SetStaffCard("moussa", kCard4).error(), Errc::card_compromised);
  ASSERT_TRUE(users_.SetStaffCard("moussa", kCard7));
  EXPECT_EQ(Roster().agents(0).staff_card_uid().size(), 7u);
  EXPECT_FALSE(users_.FindUser("moussa").value().pin_compromised_at_ms);
}

// The SQL list of the kiosk-PIN roles that the roster, a PIN reset and a kiosk's revocation use
// names exactly the roles HasKioskPin admits, as SQLite reads it.
TEST_F(AgentRosterTest, TheKioskPinRolesSqlIsHasKioskPin) {
  for (const Role role : AllRoles()) {
    auto listed = db::QueryFirst(
        connection(), "SELECT ?1 IN " + std::string(internal::kKioskPinRolesSql),
        [](const db::Statement& row) { return row.ColumnInt64(0) != 0; }, RoleName(role));
    ASSERT_TRUE(listed && listed.value()) << RoleName(role);
    EXPECT_EQ(*listed.value(), HasKioskPin(role)) << RoleName(role);
  }
}

}  // namespace
}  // namespace minegate::server::admin
