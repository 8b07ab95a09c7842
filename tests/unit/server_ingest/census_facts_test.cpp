// The facts a census observation carries (schema 0014: the person's registration, her first
// verified entry at the site) are the same whatever order the events reach the server in —
// kiosks sync independently, so an observation may come before the registration it counts, and
// an early entry after a later one — live and rebuilt from the log.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "db/migrations.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/ingest/event_store.hpp"
#include "server/ingest/projector.hpp"
#include "server/store/migrations.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

constexpr char kCampaign[] = "bantako-q4";

/// One event from its own device (each device's sequence starts at 1, so any arrival order is a
/// valid one), `offset` ms after kNow.
v1::Event From(v1::Event event, int device, std::int64_t offset, std::int64_t site = kSite) {
  event.set_device_id("k-" + std::to_string(site) + "-" + std::to_string(device));
  event.set_device_seq(1);
  event.set_event_id(EventId(1, static_cast<std::uint8_t>(device)));
  event.set_occurred_at_ms(kNow + offset);
  event.set_site_id(static_cast<std::uint32_t>(site));
  return event;
}

v1::Event Observed(int device, std::int64_t offset) {
  v1::Event event = Envelope(1);
  auto* observed = event.mutable_census_observed();
  observed->set_campaign_id(kCampaign);
  observed->set_person_token(Token(1));
  observed->set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x01", 7));
  return From(std::move(event), device, offset);
}

v1::Event Entry(int device, std::int64_t offset, std::int64_t site = kSite,
                v1::Direction direction = v1::DIRECTION_IN,
                v1::Verification verification = v1::VERIFICATION_VALID) {
  v1::Event event = GatePassed(1, 1, direction);
  event.mutable_gate_passed()->set_verification(verification);
  return From(std::move(event), device, offset, site);
}

/// Person 1's registration, an observation of her in the campaign, and passages of which only
/// one is her first verified entry at the site (offset 100): a later entry, an earlier exit, an
/// earlier entry at another site and an earlier entry whose bracelet was refused.
std::vector<v1::Event> Story() {
  return {
      From(PersonRegistered(1, 1), 1, 1),
      Observed(2, 300),
      Entry(3, 200),
      Entry(4, 100),
      Entry(5, 50, kSite, v1::DIRECTION_OUT),
      Entry(6, 10, 13),
      Entry(7, 20, kSite, v1::DIRECTION_IN, v1::VERIFICATION_BAD_SIGNATURE),
  };
}

/// Her observation as the census reads it.
constexpr char kRow[] =
    "SELECT campaign_id || '|' || site_id || '|' || observed_at_ms || '|' || registered || '|' || "
    "quote(sex) || '|' || quote(birth_year) || '|' || quote(nationality) || '|' || "
    "quote(occupation) || '|' || quote(first_entry_ms) FROM census_observations";

class CensusFactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    Open("minegate.db");
  }

  /// A new database file in the test's folder, with both sites and the story's devices.
  void Open(const std::string& name) {
    store_.reset();
    connection_.reset();
    auto opened = OpenStore(dir_.path() / name);
    ASSERT_TRUE(opened) << opened.error().message();
    connection_.emplace(std::move(opened).value());
    ASSERT_TRUE(connection_->Execute(
        "INSERT INTO sites (site_id, name, department, created_at_ms) "
        "VALUES (12, 'Bantako', 'kedougou', 0), (13, 'Tenkoto', 'kedougou', 0);"));
    for (int device = 1; device <= 7; ++device) {
      const std::int64_t site = device == 6 ? 13 : kSite;
      ASSERT_TRUE(db::Execute(*connection_,
                              "INSERT INTO devices (device_id, site_id, created_at_ms) "
                              "VALUES (?1, ?2, 0)",
                              "k-" + std::to_string(site) + "-" + std::to_string(device), site));
    }
    auto store = EventStore::Create(*connection_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(store).value();
  }

  void Receive(const v1::Event& event) {
    IncomingBatch batch{event.device_id(), {event}, kNow + 1000, {}};
    auto transaction = db::Transaction::Begin(*connection_, db::Transaction::Mode::kImmediate);
    ASSERT_TRUE(transaction);
    auto outcome = store_->Append(batch);
    ASSERT_TRUE(outcome) << outcome.error().message();
    ASSERT_TRUE(transaction.value().Commit());
  }

  std::vector<std::string> Rows() {
    auto rows = db::QueryAll(*connection_, kRow,
                             [](const db::Statement& row) { return row.ColumnText(0); });
    EXPECT_TRUE(rows) << rows.error().message();
    return rows ? rows.value() : std::vector<std::string>{};
  }

  void Rebuild() {
    store_.reset();  // its statements must not outlive the rebuild's transactions
    auto rebuilt = Projector::Rebuild(*connection_, 2, {});
    ASSERT_TRUE(rebuilt) << rebuilt.error().message();
  }

  test::TempDir dir_{"census-facts"};
  std::optional<db::Connection> connection_;
  std::unique_ptr<EventStore> store_;
};

std::string Expected() {
  return std::string(kCampaign) + "|12|" + std::to_string(kNow + 300) + "|1|" +
         std::to_string(v1::SEX_FEMALE) + "|2004|'NGA'|" + std::to_string(v1::OCCUPATION_TRADER) +
         "|" + std::to_string(kNow + 100);
}

TEST_F(CensusFactsTest, InOrderTheObservationTakesWhatIsOnFile) {
  for (const v1::Event& event : Story()) Receive(event);
  EXPECT_EQ(Rows(), std::vector<std::string>{Expected()});
}

TEST_F(CensusFactsTest, ObservedBeforeHerRegistrationAndHerEntriesItIsFilledAsTheyArrive) {
  std::vector<v1::Event> story = Story();
  std::rotate(story.begin(), story.begin() + 1, story.begin() + 2);  // the observation first
  Receive(story[0]);
  const std::string unregistered =
      std::string(kCampaign) + "|12|" + std::to_string(kNow + 300) + "|0|NULL|NULL|NULL|NULL|NULL";
  EXPECT_EQ(Rows(), std::vector<std::string>{unregistered});
  Receive(story[1]);  // her registration
  Receive(story[2]);  // her entry at 200
  EXPECT_NE(Rows().front().find("|" + std::to_string(kNow + 200)), std::string::npos)
      << Rows().front();
  for (std::size_t i = 3; i < story.size(); ++i) Receive(story[i]);
  EXPECT_EQ(Rows(), std::vector<std::string>{Expected()});
}

TEST_F(CensusFactsTest, AnyArrivalOrderGivesTheSameFactsLiveAndRebuilt) {
  std::vector<v1::Event> story = Story();
  std::mt19937 shuffle(2026);
  std::shuffle(story.begin(), story.end(), shuffle);
  std::reverse(story.begin(), story.end());  // and never the story's own order
  std::string order;
  for (const v1::Event& event : story) order += event.device_id() + " ";
  for (const v1::Event& event : story) Receive(event);
  EXPECT_EQ(Rows(), std::vector<std::string>{Expected()}) << order;
  Rebuild();
  EXPECT_EQ(Rows(), std::vector<std::string>{Expected()}) << "rebuilt";
}

TEST_F(CensusFactsTest, EveryOrderOfTheObservationAndHerTwoEntriesAgrees) {
  // The three events whose order matters most, in all six orders, each on its own database.
  std::vector<int> order = {1, 2, 3};
  int run = 0;
  do {
    Open("order-" + std::to_string(++run) + ".db");
    const std::vector<v1::Event> story = Story();
    Receive(story[0]);
    for (const int i : order) Receive(story[static_cast<std::size_t>(i)]);
    for (std::size_t i = 4; i < story.size(); ++i) Receive(story[i]);
    EXPECT_EQ(Rows(), std::vector<std::string>{Expected()}) << order[0] << order[1] << order[2];
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST_F(CensusFactsTest, ADatabaseFromBeforeMigration14KeepsItsObservationsWithTheirFacts) {
  const auto path = dir_.path() / "v13.db";
  {
    db::OpenOptions options;
    options.access = db::OpenOptions::Access::kReadWriteCreate;
    auto old = db::Connection::Open(path, options);
    ASSERT_TRUE(old);
    ASSERT_TRUE(db::ApplyMigrations(old.value(), ServerMigrations().first(13)));
    // The projections as the projector before step 14 left them: her registration, the story's
    // passages, her observation and that of a person whose registration has not arrived. The
    // rows' log positions name no stored event here: the step reads only these tables.
    ASSERT_TRUE(old.value().Execute("PRAGMA foreign_keys = OFF"));
    const std::string her = "x'01010101010101010101010101010101'";
    const auto at = [](std::int64_t offset) { return std::to_string(kNow + offset); };
    ASSERT_TRUE(old.value().Execute(
        "INSERT INTO persons (person_token, given_name, family_name, sex, birth_year, "
        "birth_estimated, nationality, occupation, document_number, registered_at_ms, "
        "registered_site_id, registered_position, record) VALUES (" +
        her + ", 'Aïssatou', 'Diallo', " + std::to_string(v1::SEX_FEMALE) + ", 2004, 1, 'NGA', " +
        std::to_string(v1::OCCUPATION_TRADER) + ", '', " + at(1) +
        ", 12, 1, x'');"
        "INSERT INTO passages (log_position, person_token, tag_uid, site_id, gate_id, direction, "
        "verification, occurred_at_ms) VALUES "
        "(3, " +
        her + ", x'01', 12, 3, 1, 1, " + at(200) +
        "), "
        "(4, " +
        her + ", x'01', 12, 3, 1, 1, " + at(100) +
        "), "
        "(5, " +
        her + ", x'01', 12, 3, 2, 1, " + at(50) +
        "), "
        "(6, " +
        her + ", x'01', 13, 3, 1, 1, " + at(10) +
        "), "
        "(7, " +
        her + ", x'01', 12, 3, 1, 5, " + at(20) +
        ");"
        "INSERT INTO census_observations (campaign_id, person_token, site_id, observed_at_ms, "
        "log_position) VALUES ('" +
        std::string(kCampaign) + "', " + her + ", 12, " + at(300) + ", 2), ('" +
        std::string(kCampaign) + "', x'09090909090909090909090909090909', 12, " + at(400) +
        ", 8);"));
  }
  auto opened = OpenStore(path);
  ASSERT_TRUE(opened) << opened.error().message();
  connection_.emplace(std::move(opened).value());
  const std::string unregistered =
      std::string(kCampaign) + "|12|" + std::to_string(kNow + 400) + "|0|NULL|NULL|NULL|NULL|NULL";
  EXPECT_EQ(Rows(), (std::vector<std::string>{Expected(), unregistered}));
  // Its rows in key order (the census's one ordered walk), and the timeline's index.
  auto table =
      db::QueryOne(*connection_, "SELECT sql FROM sqlite_schema WHERE name = 'census_observations'",
                   [](const db::Statement& row) { return row.ColumnText(0); });
  ASSERT_TRUE(table);
  EXPECT_NE(table.value().find("WITHOUT ROWID"), std::string::npos) << table.value();
  auto indexes = db::QueryAll(
      *connection_,
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'census_observations'",
      [](const db::Statement& row) { return row.ColumnText(0); });
  ASSERT_TRUE(indexes);
  EXPECT_EQ(indexes.value(), std::vector<std::string>{"census_observations_by_person"});
}

}  // namespace
}  // namespace minegate::server
