// Down-stream lists: full lists replace, deltas merge, withdrawn alerts leave,
// the roster is always whole, versions follow.
#include "kiosk/store/list_store.hpp"

#include <gtest/gtest.h>

#include "kiosk/store/kiosk_db.hpp"
#include "proto/credential/signing_key.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

class ListStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    auto connection = kiosk::store::OpenKioskDb(dir_.path() / "kiosk.db");
    ASSERT_TRUE(connection);
    connection_.emplace(std::move(connection).value());
    lists_.emplace(*connection_);
  }
  static v1::DeviceKey Key(char fill, std::int64_t revoked_at = 0) {
    v1::DeviceKey key;
    key.set_key_id(std::string(8, fill));
    key.set_public_key(std::string(32, fill));
    key.set_device_id(std::string("kdg-000") + fill);
    key.set_revoked_at_ms(revoked_at);
    return key;
  }

  TempDir dir_{"klists"};
  std::optional<db::Connection> connection_;
  std::optional<kiosk::store::ListStore> lists_;
};

TEST_F(ListStoreTest, TrustListFullReplacesAndDeltaMerges) {
  v1::TrustListUpdate full;
  full.set_version(3);
  full.set_full(true);
  *full.add_keys() = Key('a');
  *full.add_keys() = Key('b');
  ASSERT_TRUE(lists_->ApplyTrustList(full));
  v1::TrustListUpdate delta;
  delta.set_version(4);
  *delta.add_keys() = Key('b', 1234);
  ASSERT_TRUE(lists_->ApplyTrustList(delta));
  auto keys = lists_->TrustedKeys();
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys.value().size(), 2u);
  credential::PublicKey b_key{};
  b_key.fill('b');
  const credential::KeyId b = credential::KeyIdOf(b_key);
  ASSERT_NE(keys.value().Find(b), nullptr);
  EXPECT_EQ(keys.value().Find(b)->revoked_at_ms, 1234);
  v1::TrustListUpdate replace;
  replace.set_version(9);
  replace.set_full(true);
  *replace.add_keys() = Key('c');
  ASSERT_TRUE(lists_->ApplyTrustList(replace));
  EXPECT_EQ(lists_->TrustedKeys().value().size(), 1u);
  EXPECT_EQ(lists_->Versions().value().trust_list, 9u);
}

TEST_F(ListStoreTest, WithdrawnAndExpiredAlertsAreNotShown) {
  v1::Alerts alerts;
  alerts.set_version(2);
  auto* lost = alerts.add_alerts();
  lost->set_alert_id("a1");
  lost->mutable_text()->set_fr("Fillette disparue");
  lost->mutable_text()->set_en("Missing girl");
  lost->set_issued_at_ms(100);
  auto* old = alerts.add_alerts();
  old->set_alert_id("a2");
  old->set_issued_at_ms(50);
  old->set_expires_at_ms(1000);
  ASSERT_TRUE(lists_->ApplyAlerts(alerts));
  EXPECT_EQ(lists_->ActiveAlerts(999).value().size(), 2u);
  EXPECT_EQ(lists_->ActiveAlerts(1000).value().size(), 1u);
  v1::Alerts withdrawal;
  withdrawal.set_version(3);
  withdrawal.add_alerts()->set_alert_id("a1");
  withdrawal.mutable_alerts(0)->set_withdrawn(true);
  ASSERT_TRUE(lists_->ApplyAlerts(withdrawal));
  EXPECT_TRUE(lists_->ActiveAlerts(999).value().size() == 1u);
  EXPECT_EQ(lists_->ActiveAlerts(999).value()[0].alert_id(), "a2");
}

TEST_F(ListStoreTest, RosterIsAlwaysWholeAndFoundByStaffCard) {
  v1::AgentRoster roster;
  roster.set_version(1);
  auto* awa = roster.add_agents();
  awa->set_user_id("awa");
  awa->set_pin_hash("$argon2id$...");
  awa->set_staff_card_uid(std::string("\x04\x01\x02\x03\x04\x05\x06", 7));
  auto* nopin = roster.add_agents();
  nopin->set_user_id("nopin");
  ASSERT_TRUE(lists_->ApplyAgentRoster(roster));
  EXPECT_EQ(lists_->Agents().value().size(), 1u);  // an agent without a PIN cannot sign in
  auto by_card = lists_->AgentByStaffCard(std::string("\x04\x01\x02\x03\x04\x05\x06", 7));
  ASSERT_TRUE(by_card && by_card.value());
  EXPECT_EQ(by_card.value()->user_id(), "awa");
  v1::AgentRoster empty;
  empty.set_version(2);
  ASSERT_TRUE(lists_->ApplyAgentRoster(empty));
  EXPECT_TRUE(lists_->Agents().value().empty());
  EXPECT_EQ(lists_->Versions().value().agent_roster, 2u);
}

}  // namespace
}  // namespace minegate::test
