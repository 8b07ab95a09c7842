// EMAPE census campaigns: validation, closing, listing, what a site's kiosks receive, and the
// 'census_campaigns' version moving with each change.
#include "server/admin/census_campaigns.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "server/admin/error.hpp"
#include "server/admin/site_registry.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

using test::kHourMs;
using test::kStartMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;

class CensusCampaignTest : public test::AdminTest {
 protected:
  void SetUp() override {
    SiteRegistry sites(connection(), clock());
    bantako_ = sites.AddSite("Bantako", Department::kKedougou).value();
    sabodala_ = sites.AddSite("Sabodala", Department::kSaraya).value();
  }

  v1::CensusCampaigns ForKiosk(std::int64_t site) {
    auto list = campaigns_.CampaignsForKiosk(site);
    if (!list) throw std::runtime_error(list.error().message());
    return list.value();
  }

  CensusCampaignRegistry campaigns_{connection(), clock()};
  std::int64_t bantako_ = 0;
  std::int64_t sabodala_ = 0;
};

TEST_F(CensusCampaignTest, AddedCampaignReachesTheSitesKiosks) {
  auto version = campaigns_.AddCampaign("bantako-2026-q4", bantako_, "Recensement T4", "Census Q4",
                                        std::nullopt, kStartMs + 30 * kDayMs);
  ASSERT_TRUE(version) << version.error().message();
  EXPECT_EQ(version.value(), 1);
  EXPECT_EQ(ListVersion("census_campaigns"), 1);
  ASSERT_TRUE(campaigns_.AddCampaign("sabodala-2026", sabodala_, "Recensement", "Census",
                                     kStartMs + kDayMs, kStartMs + 2 * kDayMs));
  EXPECT_EQ(ListVersion("census_campaigns"), 2);

  const v1::CensusCampaigns list = ForKiosk(bantako_);
  EXPECT_EQ(list.version(), 2u);
  ASSERT_EQ(list.campaigns_size(), 1);
  EXPECT_EQ(list.campaigns(0).campaign_id(), "bantako-2026-q4");
  EXPECT_EQ(list.campaigns(0).name().fr(), "Recensement T4");
  EXPECT_EQ(list.campaigns(0).name().en(), "Census Q4");
  EXPECT_EQ(list.campaigns(0).opens_at_ms(), kStartMs);  // default: now
  EXPECT_EQ(list.campaigns(0).closes_at_ms(), kStartMs + 30 * kDayMs);
  EXPECT_EQ(ForKiosk(sabodala_).campaigns(0).opens_at_ms(), kStartMs + kDayMs);

  auto all = campaigns_.ListCampaigns();
  ASSERT_TRUE(all);
  EXPECT_EQ(all.value().size(), 2u);
  auto of_sabodala = campaigns_.ListCampaigns(sabodala_);
  ASSERT_TRUE(of_sabodala);
  ASSERT_EQ(of_sabodala.value().size(), 1u);
  EXPECT_EQ(of_sabodala.value()[0].campaign_id, "sabodala-2026");
  EXPECT_EQ(of_sabodala.value()[0].created_at_ms, kStartMs);
}

TEST_F(CensusCampaignTest, BadInputIsRefusedAndChangesNothing) {
  const std::int64_t closes = kStartMs + kDayMs;
  const auto add = [&](std::string_view id, std::int64_t site, std::string_view fr,
                       std::string_view en, std::optional<std::int64_t> opens, std::int64_t close) {
    return campaigns_.AddCampaign(id, site, fr, en, opens, close).error();
  };
  EXPECT_EQ(add("ab", bantako_, "R", "C", std::nullopt, closes), Errc::bad_campaign_id);
  EXPECT_EQ(add("Bantako", bantako_, "R", "C", std::nullopt, closes), Errc::bad_campaign_id);
  EXPECT_EQ(add("ban_tako", bantako_, "R", "C", std::nullopt, closes), Errc::bad_campaign_id);
  EXPECT_EQ(add(std::string(65, 'a'), bantako_, "R", "C", std::nullopt, closes),
            Errc::bad_campaign_id);
  EXPECT_EQ(add("camp-1", bantako_, "", "C", std::nullopt, closes), Errc::bad_campaign_name);
  EXPECT_EQ(add("camp-1", bantako_, "R", "", std::nullopt, closes), Errc::bad_campaign_name);
  EXPECT_EQ(add("camp-1", bantako_, std::string(121, 'x'), "C", std::nullopt, closes),
            Errc::bad_campaign_name);
  EXPECT_EQ(add("camp-1", bantako_, "R", "C", closes, closes), Errc::bad_campaign_period);
  EXPECT_EQ(add("camp-1", bantako_, "R", "C", closes + 1, closes), Errc::bad_campaign_period);
  EXPECT_EQ(add("camp-1", bantako_, "R", "C", kStartMs - 2 * kDayMs, kStartMs - kDayMs),
            Errc::bad_time);
  EXPECT_EQ(add("camp-1", 999, "R", "C", std::nullopt, closes), Errc::unknown_site);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM census_campaigns"), 0);
  EXPECT_EQ(ListVersion("census_campaigns"), 0);

  // 120 characters (not bytes) is the limit: accented names fit.
  const std::string accented = std::string(119, 'e') + "é";
  ASSERT_TRUE(campaigns_.AddCampaign("camp-1", bantako_, accented, "C", std::nullopt, closes));
  EXPECT_EQ(add("camp-1", sabodala_, "R", "C", std::nullopt, closes), Errc::campaign_exists);
  EXPECT_EQ(ListVersion("census_campaigns"), 1);
}

TEST_F(CensusCampaignTest, CloseEndsACampaignNowAndKiosksKeepItAWeek) {
  ASSERT_TRUE(
      campaigns_.AddCampaign("camp-1", bantako_, "R", "C", std::nullopt, kStartMs + 30 * kDayMs));
  now_ms_ = kStartMs + kDayMs;
  auto closed = campaigns_.CloseCampaign("camp-1");
  ASSERT_TRUE(closed) << closed.error().message();
  EXPECT_EQ(closed.value(), 2);
  EXPECT_EQ(QueryInt("SELECT closes_at_ms FROM census_campaigns"), kStartMs + kDayMs);
  EXPECT_EQ(QueryInt("SELECT opens_at_ms FROM census_campaigns"), kStartMs);
  EXPECT_EQ(campaigns_.CloseCampaign("camp-1").error(), Errc::campaign_already_closed);
  EXPECT_EQ(campaigns_.CloseCampaign("nope").error(), Errc::unknown_campaign);
  EXPECT_EQ(ListVersion("census_campaigns"), 2);

  // Still sent for a week after closing (late taps), then no more; its events stay valid.
  now_ms_ = kStartMs + 7 * kDayMs;
  EXPECT_EQ(ForKiosk(bantako_).campaigns_size(), 1);
  now_ms_ = kStartMs + 8 * kDayMs + 1;
  EXPECT_EQ(ForKiosk(bantako_).campaigns_size(), 0);
  auto ids = campaigns_.SiteCampaignIds(bantako_);
  ASSERT_TRUE(ids);
  EXPECT_EQ(ids.value(), std::vector<std::string>{"camp-1"});
  EXPECT_TRUE(campaigns_.SiteCampaignIds(sabodala_).value().empty());
}

TEST_F(CensusCampaignTest, ClosingBeforeTheOpeningMeansItNeverOpens) {
  ASSERT_TRUE(campaigns_.AddCampaign("later", bantako_, "R", "C", kStartMs + kDayMs,
                                     kStartMs + 2 * kDayMs));
  ASSERT_TRUE(campaigns_.CloseCampaign("later"));
  const v1::CensusCampaigns list = ForKiosk(bantako_);
  ASSERT_EQ(list.campaigns_size(), 1);
  EXPECT_EQ(list.campaigns(0).closes_at_ms(), kStartMs);
  EXPECT_LT(list.campaigns(0).opens_at_ms(), list.campaigns(0).closes_at_ms());
}

}  // namespace
}  // namespace minegate::server::admin
