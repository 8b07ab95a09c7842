// Alerts for gate agents: publish, withdraw, and the versioned list kiosks receive.
#include "server/admin/alert_board.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "server/admin/error.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

class AlertBoardTest : public test::AdminTest {
 protected:
  v1::Alerts Since(std::uint64_t version) {
    auto alerts = alerts_.AlertsSince(version);
    if (!alerts) throw std::runtime_error(alerts.error().message());
    return alerts.value();
  }

  AlertBoard alerts_{connection(), clock()};
};

TEST_F(AlertBoardTest, PublishedAlertReachesNewKiosks) {
  auto version = alerts_.PublishAlert("maintenance-0412", "Maintenance du serveur ce soir",
                                      "Server maintenance tonight", test::kStartMs + test::kHourMs);
  ASSERT_TRUE(version) << version.error().message();
  EXPECT_EQ(version.value(), 1);
  EXPECT_EQ(ListVersion("alerts"), 1);

  const v1::Alerts update = Since(0);
  EXPECT_TRUE(update.full());
  EXPECT_EQ(update.version(), 1u);
  ASSERT_EQ(update.alerts_size(), 1);
  const v1::Alert& alert = update.alerts(0);
  EXPECT_EQ(alert.alert_id(), "maintenance-0412");
  EXPECT_EQ(alert.text().fr(), "Maintenance du serveur ce soir");
  EXPECT_EQ(alert.text().en(), "Server maintenance tonight");
  EXPECT_EQ(alert.issued_at_ms(), test::kStartMs);
  EXPECT_EQ(alert.expires_at_ms(), test::kStartMs + test::kHourMs);
  EXPECT_FALSE(alert.withdrawn());
}

TEST_F(AlertBoardTest, WithdrawalReachesKiosksThatHoldTheAlert) {
  ASSERT_TRUE(alerts_.PublishAlert("a1", "Texte", "Text"));
  ASSERT_TRUE(alerts_.PublishAlert("a2", "Texte 2", "Text 2"));
  auto version = alerts_.WithdrawAlert("a1");
  ASSERT_TRUE(version) << version.error().message();
  EXPECT_EQ(version.value(), 3);

  v1::Alerts update = Since(2);
  EXPECT_FALSE(update.full());
  EXPECT_EQ(update.version(), 3u);
  ASSERT_EQ(update.alerts_size(), 1);
  EXPECT_EQ(update.alerts(0).alert_id(), "a1");
  EXPECT_TRUE(update.alerts(0).withdrawn());

  update = Since(1);
  ASSERT_EQ(update.alerts_size(), 2);
  EXPECT_EQ(update.alerts(0).alert_id(), "a2");
  EXPECT_EQ(update.alerts(1).alert_id(), "a1");

  // A new kiosk only gets what is in force.
  update = Since(0);
  ASSERT_EQ(update.alerts_size(), 1);
  EXPECT_EQ(update.alerts(0).alert_id(), "a2");
  EXPECT_EQ(Since(3).alerts_size(), 0);
}

TEST_F(AlertBoardTest, ExpiredAlertsLeaveTheFullList) {
  ASSERT_TRUE(alerts_.PublishAlert("short", "Bref", "Brief", test::kStartMs + 10));
  ASSERT_TRUE(alerts_.PublishAlert("forever", "Toujours", "Always", 0));
  now_ms_ += 10;
  const v1::Alerts update = Since(0);
  ASSERT_EQ(update.alerts_size(), 1);
  EXPECT_EQ(update.alerts(0).alert_id(), "forever");
}

TEST_F(AlertBoardTest, IdsAreNeverReused) {
  ASSERT_TRUE(alerts_.PublishAlert("a1", "Texte", "Text"));
  EXPECT_EQ(alerts_.PublishAlert("a1", "Autre", "Other").error(), Errc::alert_exists);
  ASSERT_TRUE(alerts_.WithdrawAlert("a1"));
  EXPECT_EQ(alerts_.PublishAlert("a1", "Autre", "Other").error(), Errc::alert_exists);
  EXPECT_EQ(ListVersion("alerts"), 2);
}

TEST_F(AlertBoardTest, BadInputIsRefusedAndChangesNothing) {
  EXPECT_EQ(alerts_.PublishAlert("", "Texte", "Text").error(), Errc::bad_alert_id);
  EXPECT_EQ(alerts_.PublishAlert("Bad Id", "Texte", "Text").error(), Errc::bad_alert_id);
  EXPECT_EQ(alerts_.PublishAlert("a1", "", "Text").error(), Errc::bad_alert_text);
  EXPECT_EQ(alerts_.PublishAlert("a1", "Texte", "").error(), Errc::bad_alert_text);
  EXPECT_EQ(alerts_.PublishAlert("a1", std::string(501, 't'), "Text").error(),
            Errc::bad_alert_text);
  EXPECT_EQ(alerts_.PublishAlert("a1", "Texte", "Text", test::kStartMs).error(), Errc::bad_time);
  EXPECT_EQ(alerts_.PublishAlert("a1", "Texte", "Text", -1).error(), Errc::bad_time);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alerts"), 0);
  EXPECT_EQ(ListVersion("alerts"), 0);
}

TEST_F(AlertBoardTest, WithdrawChecksTheAlert) {
  EXPECT_EQ(alerts_.WithdrawAlert("nope").error(), Errc::unknown_alert);
  ASSERT_TRUE(alerts_.PublishAlert("a1", "Texte", "Text"));
  ASSERT_TRUE(alerts_.WithdrawAlert("a1"));
  EXPECT_EQ(alerts_.WithdrawAlert("a1").error(), Errc::alert_already_withdrawn);
  EXPECT_EQ(ListVersion("alerts"), 2);
}

}  // namespace
}  // namespace minegate::server::admin
