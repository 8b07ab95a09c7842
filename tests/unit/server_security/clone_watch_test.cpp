// CloneWatch on a real SQLite file, fed through the real EventStore as the writer feeds it: what
// it records for which taps, in which arrival order, with which settings.
#include "server/security/clone_watch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "server/security/security_events.hpp"
#include "server/security/security_settings.hpp"
#include "tests/unit/server_security/security_fixture.hpp"

namespace minegate::server::security {
namespace {

using test::kDay;
using test::kHour;
using test::kMinute;
using test::kT0;

class CloneWatchTest : public test::SecurityTest {};

TEST_F(CloneWatchTest, TwoTapsThreeHundredKilometresTenMinutesApartAreOneEvent) {
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0 + 10 * kMinute)});
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 1>2 0 600000 open"}));

  auto listed = SecurityEvents(*connection_).List(std::nullopt, 0, 10);
  ASSERT_TRUE(listed) << listed.error().message();
  ASSERT_EQ(listed.value().size(), 1u);
  const SecurityEvent& event = listed.value()[0];
  EXPECT_EQ(event.kind, "suspected_clone");
  EXPECT_EQ(event.tag_uid, std::vector<std::uint8_t>(test::kUid.begin(), test::kUid.end()));
  EXPECT_EQ(event.first.site_name, "Bantako");
  EXPECT_EQ(event.first.gate_id, 11);
  EXPECT_EQ(event.first.gate_name, "Porte nord");
  EXPECT_EQ(event.second.site_name, "Far");
  EXPECT_EQ(event.second.gate_id, 21);
  EXPECT_NEAR(event.distance_km, 300, 1e-6);
  EXPECT_EQ(event.elapsed_ms, 10 * kMinute);
  EXPECT_EQ(event.max_speed_kmh, 60);
  EXPECT_EQ(event.detected_at_ms, now_);
  EXPECT_EQ(event.status, EventStatus::kOpen);
  // The taps are the log's: an administrator can find each event in it.
  EXPECT_EQ(Count("SELECT count(*) FROM security_events e JOIN events a ON "
                  "a.log_position = e.first_log_position JOIN events b ON "
                  "b.log_position = e.second_log_position WHERE a.device_id = 'k-1' AND "
                  "b.device_id = 'k-2'"),
            1);
}

TEST_F(CloneWatchTest, ThreeDaysApartIsNothing) {
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0 + 3 * kDay)});
  EXPECT_TRUE(Events().empty());
}

TEST_F(CloneWatchTest, TheLaterTapArrivingFirstGivesTheSameEvent) {
  // The kiosk at Far synced at once; Bantako's was offline and sends its older tap later.
  Store({Tap(2, kT0 + 10 * kMinute)});
  Store({Tap(1, kT0)});
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 1>2 0 600000 open"}));
  Fresh();
  Store({Tap(2, kT0 + 3 * kDay)});
  Store({Tap(1, kT0)});
  EXPECT_TRUE(Events().empty());
}

TEST_F(CloneWatchTest, ATapIsComparedWithTapsBeforeAndAfterIt) {
  // Bantako's taps arrive first; Far's backlog, between them in time, arrives last.
  Store({Tap(1, kT0 - 2 * kDay)});
  Store({Tap(1, kT0 + 20 * kMinute), Tap(1, kT0 + 2 * kDay)});
  Store({Tap(2, kT0)});
  // Only the tap 20 minutes after is close enough: it comes second.
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 2>1 0 1200000 open"}));
}

TEST_F(CloneWatchTest, TheSameInstantAtTwoDistantSitesIsAnEvent) {
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0)});
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 1>2 0 0 open"}));
}

TEST_F(CloneWatchTest, RepeatedTapsMakeOneOpenEventPerPairOfSites) {
  for (int i = 0; i < 4; ++i) {
    Store({Tap(1, kT0 + i * 2 * kMinute)});
    Store({Tap(2, kT0 + i * 2 * kMinute + kMinute)});
  }
  // Near is 4 km from Bantako (reached in minutes: no event) and 296 km from Far (an event).
  Store({Tap(3, kT0 + 20 * kMinute)});
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 1>2 0 60000 open",
                                                "04A1B2C3D4E5F6 2>3 420000 1200000 open"}));
}

TEST_F(CloneWatchTest, NeighbouringSitesWithClocksMinutesApartAreNothing) {
  Store({Tap(1, kT0)});
  Store({Tap(3, kT0 - 2 * kMinute)});  // Near's clock behind: the taps look reversed
  EXPECT_TRUE(Events().empty());
}

TEST_F(CloneWatchTest, NothingWithoutBothSitesLocated) {
  Store({Tap(1, kT0)});
  Store({Tap(4, kT0)});
  EXPECT_TRUE(Events().empty());
  // Locating the site later does not judge the past again; the next tap is judged.
  ASSERT_TRUE(admin::SiteRegistry(*connection_).SetLocation(4, 14.7, -17.4));
  EXPECT_TRUE(Events().empty());
  Store({Tap(4, kT0 + kMinute)});
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 1>4 0 60000 open"}));
}

TEST_F(CloneWatchTest, RefusedTapsAndOtherTagsProveNothing) {
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0 + kMinute, v1::VERIFICATION_BAD_SIGNATURE)});
  Store({Tap(2, kT0 + kMinute, v1::VERIFICATION_NO_CREDENTIAL)});
  Store({Tap(2, kT0 + kMinute, v1::VERIFICATION_VALID, std::string("\x04\x01\x02\x03", 4))});
  EXPECT_TRUE(Events().empty());
  // And a refused tap is not compared with later valid ones either.
  Store({Tap(1, kT0 + 3 * kDay, v1::VERIFICATION_BAD_SIGNATURE)});
  Store({Tap(2, kT0 + 3 * kDay + kMinute)});
  EXPECT_TRUE(Events().empty());
}

TEST_F(CloneWatchTest, TheConfiguredSpeedIsReadForEachBatch) {
  // 300 km in 10 minutes, 15 with the clocks' allowance: 1,200 km/h, suspect even at the most.
  ASSERT_TRUE(SetMaxSpeed(*connection_, kMaxSpeedKmh, now_));
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0 + 10 * kMinute)});
  EXPECT_EQ(Events().size(), 1u);
  // 300 km in 3 hours is 100 km/h: suspect at 60 km/h, not at 120.
  Fresh();
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0 + 3 * kHour)});
  EXPECT_EQ(Events().size(), 1u);
  Fresh();
  ASSERT_TRUE(SetMaxSpeed(*connection_, 120, now_));
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0 + 3 * kHour)});
  EXPECT_TRUE(Events().empty());
  auto settings = ReadSecuritySettings(*connection_);
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings.value().max_speed_kmh, 120);
  EXPECT_EQ(settings.value().updated_at_ms, now_);
  EXPECT_EQ(SetMaxSpeed(*connection_, 0, now_).error(), Errc::bad_speed);
  EXPECT_EQ(SetMaxSpeed(*connection_, kMaxSpeedKmh + 1, now_).error(), Errc::bad_speed);
  EXPECT_EQ(ReadSecuritySettings(*connection_).value().max_speed_kmh, 120);
}

TEST_F(CloneWatchTest, ADismissedEventIsRaisedAgainOnlyByTapsAfterTheDismissal) {
  Store({Tap(1, kT0)});
  Store({Tap(2, kT0 + 10 * kMinute)});
  now_ = kT0 + kHour;
  ASSERT_TRUE(SecurityEvents(*connection_, [this] { return now_; }).Dismiss(1, "chef"));
  // A late tap from before the dismissal: already judged by the administrator.
  Store({Tap(2, kT0 + 20 * kMinute)});
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 1>2 0 600000 dismissed"}));
  // The bracelet at both sites again days later: a new event.
  Store({Tap(1, kT0 + 3 * kDay)});
  Store({Tap(2, kT0 + 3 * kDay + 5 * kMinute)});
  EXPECT_EQ(Events(), (std::vector<std::string>{"04A1B2C3D4E5F6 1>2 0 600000 dismissed",
                                                "04A1B2C3D4E5F6 1>2 259200000 259500000 open"}));
}

TEST_F(CloneWatchTest, ABatchRolledBackLeavesNoEvent) {
  Store({Tap(1, kT0)});
  {
    auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(store_->Append(IncomingBatch{"k-2", {Tap(2, kT0 + kMinute)}, now_, {}}));
    EXPECT_EQ(Count("SELECT count(*) FROM security_events"), 1);
    ASSERT_TRUE(transaction.value().Rollback());
  }
  EXPECT_TRUE(Events().empty());
  seqs_[2] = 0;
  Store({Tap(2, kT0 + kMinute)});
  EXPECT_EQ(Events().size(), 1u);
}

// The pairs of sites reported for a tag depend on its taps, not on the order kiosks sync in:
// one story (a bracelet and its copy moving between three sites, with taps at a fourth that has
// no coordinates and refused taps) replayed in many arrival orders.
TEST_F(CloneWatchTest, AnyArrivalOrderReportsTheSamePairsOfSites) {
  struct Story {
    std::uint32_t site;
    std::int64_t at;
    v1::Verification verification;
  };
  const std::vector<Story> story = {
      {1, kT0, v1::VERIFICATION_VALID},
      {1, kT0 + 3 * kHour, v1::VERIFICATION_VALID},
      {2, kT0 + 30 * kMinute, v1::VERIFICATION_VALID},
      {2, kT0 + 2 * kDay, v1::VERIFICATION_VALID},
      {3, kT0 + 4 * kHour, v1::VERIFICATION_VALID},
      {3, kT0 + 2 * kDay + kHour, v1::VERIFICATION_VALID},
      {4, kT0 + kMinute, v1::VERIFICATION_VALID},
      {2, kT0 + 5 * kDay, v1::VERIFICATION_BAD_SIGNATURE},
      {1, kT0 + 5 * kDay, v1::VERIFICATION_VALID},
  };
  // The pair of sites of each event, whichever tap came first.
  const auto pairs = [this] {
    std::set<std::string> found;
    for (const std::string& row : Events()) {
      const std::string sites = row.substr(row.find(' ') + 1, 3);  // "2>1"
      found.insert(std::string{std::min(sites[0], sites[2]), '-', std::max(sites[0], sites[2])});
    }
    return found;
  };
  // 1-2: 30 minutes for 300 km (and 2.5 hours back); 2-3: 3.5 hours for 296 km (and an hour
  // two days later); 1 and 3 are neighbours; site 4 has no coordinates; the refused tap counts
  // for nothing.
  const std::set<std::string> expected = {"1-2", "2-3"};
  std::vector<std::size_t> order(story.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 random(12);
  for (int round = 0; round < 40; ++round) {
    if (round > 0) {
      Fresh();
      std::shuffle(order.begin(), order.end(), random);
    }
    for (const std::size_t i : order) {
      Store({Tap(story[i].site, story[i].at, story[i].verification)});
    }
    EXPECT_EQ(pairs(), expected) << "round " << round;
    EXPECT_EQ(Count("SELECT count(*) FROM security_events"), 2) << "round " << round;
  }
}

}  // namespace
}  // namespace minegate::server::security
