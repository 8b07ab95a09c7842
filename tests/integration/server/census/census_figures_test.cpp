// Issue 13's census figures against a generated population whose true counts the test knows:
// the population of tests/support/population driven through the server's real ingest path
// (sealing, validator, EventWriter, projector, a real SQLite file), then a census campaign at
// Bantako whose kiosk observes most of the persons registered there (two observations name
// tokens whose registration never arrives) and links miners' cards to some adults, one of which
// is then revoked as lost (no longer held: its holder is back on the card list). The truth is
// computed here from the events the test generated — the declared births with the youngest age
// they allow, the gate passages — never from the server's tables; then every cell of every
// breakdown, the pyramid, the card coverage, both lists page by page, the populations now (two
// presence windows), per day and the arrivals per day per site are compared with it. Last, the
// census queries' plans: every table reached through an index.
//
// MINEGATE_POPULATION_SIZE=<n> sets the ordinary population (default 1,500).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "db/bind.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/admin/miner_card_series.hpp"
#include "server/census/campaign_lists.hpp"
#include "server/census/campaign_results.hpp"
#include "server/census/categories.hpp"
#include "server/census/census_settings.hpp"
#include "server/census/internal/observed_persons.hpp"
#include "server/census/site_populations.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/population/census.hpp"
#include "tests/support/population/delivery.hpp"
#include "tests/support/population/population.hpp"
#include "tests/support/population/population_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test::population {
namespace {

namespace census = server::census;
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr char kCampaign[] = "bantako-2026-11";

std::size_t PopulationSize() {
  const char* text = std::getenv("MINEGATE_POPULATION_SIZE");
  return text == nullptr || *text == '\0' ? 1500 : std::strtoull(text, nullptr, 10);
}

/// A person as the test generated her registration.
struct Registered {
  v1::PersonRegistered record;
  std::int64_t site_id = 0;
};

struct Passage {
  std::int64_t site_id = 0;
  v1::Direction direction = v1::DIRECTION_UNSPECIFIED;
  std::int64_t at_ms = 0;
};

/// The youngest age a declared birth allows on the day of `at_ms` (UTC), written here from the
/// rule's words rather than taken from the server: a year alone is read as its last day, a
/// month without its day as that month's last day.
std::optional<std::uint32_t> YoungestAge(const v1::CalendarDate& birth, std::int64_t at_ms) {
  if (birth.year() == 0) return std::nullopt;
  const std::string day = base::DayText(at_ms / kDayMs);
  const int year = std::stoi(day.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
  const unsigned dom = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
  int years = year - static_cast<int>(birth.year());
  if (birth.month() == 0) {
    years -= 1;
  } else if (birth.day() == 0) {
    if (month <= birth.month()) years -= 1;
  } else if (month < birth.month() || (month == birth.month() && dom < birth.day())) {
    years -= 1;
  }
  return static_cast<std::uint32_t>(std::max(years, 0));
}

std::string BandKey(std::optional<std::uint32_t> age) {
  if (!age) return "unknown";
  if (*age <= 14) return "0_14";
  if (*age <= 17) return "15_17";
  if (*age <= 25) return "18_25";
  if (*age <= 35) return "26_35";
  if (*age <= 50) return "36_50";
  return "51_plus";
}

std::string SexKey(v1::Sex sex) {
  return sex == v1::SEX_FEMALE ? "female" : sex == v1::SEX_MALE ? "male" : "unspecified";
}

std::string ListKey(const std::string& family, const std::string& given, std::uint32_t year) {
  return family + "|" + given + "|" + std::to_string(year);
}

using Counts = std::map<std::string, std::int64_t>;

Counts CountsOf(const census::BreakdownTable& table) {
  Counts counts;
  std::int64_t sum = 0;
  for (const census::TableRow& row : table.rows) {
    EXPECT_EQ(counts.count(row.key), 0U) << table.name << " " << row.key << " twice";
    if (row.count != 0) counts[row.key] = row.count;
    sum += row.count;
  }
  EXPECT_EQ(sum, table.total) << table.name << ": rows add up to the total";
  return counts;
}

class CensusFigures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = new Suite();
    Suite& s = *suite_;
    ASSERT_TRUE(s.dir.ok());
    PopulationOptions options;
    options.ordinary_persons = PopulationSize();
    ServerOptions server_options;
    server_options.seed = options.seed;
    server_options.provisioned_at_ms = options.start_ms - 7 * kDayMs;
    // The census reads what the projector wrote; the observers cost time and change nothing here.
    server_options.risk_monitor = false;
    std::string error;
    s.server = PopulationServer::Create(s.dir.path(), server_options, error);
    ASSERT_TRUE(s.server) << error;
    s.population = GeneratePopulation(options, s.server->fleet());
    ASSERT_EQ(s.population.error, "");
    for (const DeliveryRound& round : PlanDelivery(s.population, DeliveryOptions{})) {
      ASSERT_TRUE(s.server->Deliver(s.population, round, error)) << error;
    }

    // The campaign, opened the day after the scenario ends, as an official would.
    s.opens_at_ms = s.population.end_ms + kDayMs;
    s.server->SetNow(s.opens_at_ms);
    {
      auto connection = server::OpenStore(s.server->database());
      ASSERT_TRUE(connection) << connection.error().message();
      server::admin::CensusCampaignRegistry registry(connection.value(), s.server->clock());
      const std::int64_t bantako = s.server->fleet().sites[0].site_id;
      auto added =
          registry.AddCampaign(kCampaign, bantako, "Recensement de Bantako", "Bantako census",
                               std::nullopt, s.opens_at_ms + 14 * kDayMs);
      ASSERT_TRUE(added) << added.error().message();
    }

    // The truth: registrations and passages as generated.
    for (const std::vector<v1::Event>& stream : s.population.streams) {
      for (const v1::Event& event : stream) {
        if (event.has_person_registered()) {
          s.registered[event.person_registered().person_token()] =
              Registered{event.person_registered(), event.site_id()};
        } else if (event.has_gate_passed() &&
                   event.gate_passed().verification() == v1::VERIFICATION_VALID) {
          s.passages[event.gate_passed().person_token()].push_back(
              Passage{event.site_id(), event.gate_passed().direction(), event.occurred_at_ms()});
        }
      }
    }
    for (auto& [token, list] : s.passages) {
      std::stable_sort(list.begin(), list.end(),
                       [](const Passage& a, const Passage& b) { return a.at_ms < b.at_ms; });
    }

    // The census: four in five of those registered at Bantako are observed; a card is linked to
    // every third adult of 19 or more (never to a minor, as the kiosk refuses); two taps name
    // persons whose registration never arrives.
    CensusPlan plan;
    plan.site = 0;
    plan.campaign_id = kCampaign;
    plan.at_ms = s.opens_at_ms + 3'600'000;
    std::size_t index = 0;
    for (const Person& person : s.population.persons) {
      if (person.first_site != 0 || index++ % 5 == 4) continue;
      const auto age = YoungestAge(s.registered.at(person.token).record.birth(), s.opens_at_ms);
      const bool card = age && *age >= 19 && index % 3 == 0;
      plan.taps.push_back(CensusTap{person.token, card});
      if (card) s.carded.insert(person.token);
    }
    plan.taps.push_back(CensusTap{std::string(16, '\x7e'), false});
    plan.taps.push_back(CensusTap{std::string(15, '\x7f') + "\x01", false});
    s.taps = plan.taps;
    const DeliveryRound round = AppendCensus(s.population, s.server->fleet(), plan, error);
    ASSERT_EQ(error, "");
    ASSERT_TRUE(s.server->Deliver(s.population, round, error)) << error;
    s.now_ms = round.at_ms;
    s.server->Stop();

    // A lost card: an EMAPE official revokes the first carded adult's card. It stays linked on
    // the projection, but its holder no longer holds a card: the truth forgets it.
    {
      auto connection = server::OpenStore(s.server->database());
      ASSERT_TRUE(connection) << connection.error().message();
      const std::string holder = *s.carded.begin();
      auto number = db::QueryFirst(
          connection.value(), "SELECT card_number FROM miner_cards WHERE person_token = ?",
          [](const db::Statement& row) { return row.ColumnText(0); }, db::Blob(holder));
      ASSERT_TRUE(number && number.value()) << "the card linked to the holder";
      auto revoked = server::admin::RevokeMinerCard(
          connection.value(), *number.value(), "perdue / lost", "fatou.emape", s.server->clock());
      ASSERT_TRUE(revoked) << revoked.error().message();
      s.carded.erase(holder);
      s.revoked_holder = holder;
    }
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(suite_, nullptr);
    ASSERT_TRUE(suite_->server);
    auto connection = server::OpenStore(suite_->server->database());
    ASSERT_TRUE(connection) << connection.error().message();
    connection_.emplace(std::move(connection).value());
  }

  /// Present at `site_id` at `at_ms`: the last passage before it is an entry there, less than
  /// `window_days` ago.
  static bool PresentAt(const std::vector<Passage>& list, std::int64_t site_id, std::int64_t at_ms,
                        std::int64_t window_days, bool strictly_before) {
    const Passage* last = nullptr;
    for (const Passage& p : list) {
      if (strictly_before ? p.at_ms >= at_ms : p.at_ms > at_ms) break;
      last = &p;
    }
    return last != nullptr && last->site_id == site_id && last->direction == v1::DIRECTION_IN &&
           last->at_ms > at_ms - window_days * kDayMs;
  }

  struct Suite {
    TempDir dir{"census"};
    std::unique_ptr<PopulationServer> server;
    Population population;
    std::map<std::string, Registered> registered;
    std::map<std::string, std::vector<Passage>> passages;
    std::vector<CensusTap> taps;
    std::set<std::string> carded;
    /// The holder whose card was revoked (no longer in `carded`).
    std::string revoked_holder;
    std::int64_t opens_at_ms = 0;
    std::int64_t now_ms = 0;
  };
  static Suite* suite_;
  std::optional<db::Connection> connection_;
};

CensusFigures::Suite* CensusFigures::suite_ = nullptr;

TEST_F(CensusFigures, EveryCellOfEveryBreakdownIsTheTruth) {
  const Suite& s = *suite_;
  const std::int64_t bantako = s.server->fleet().sites[0].site_id;
  std::map<std::string, Counts> expected;
  std::map<std::string, std::array<std::int64_t, 3>> pyramid;
  std::int64_t minors = 0;
  std::int64_t adults = 0;
  std::int64_t adults_with_card = 0;
  std::int64_t unregistered = 0;
  for (const CensusTap& tap : s.taps) {
    const auto found = s.registered.find(tap.person_token);
    const bool card = s.carded.count(tap.person_token) != 0;
    ++expected["miner_card"][card ? "yes" : "no"];
    if (found == s.registered.end()) {
      ++unregistered;
      for (const char* table :
           {"sex", "age_band", "nationality", "occupation", "installation_month"}) {
        ++expected[table]["unknown"];
      }
      ++pyramid["unknown"][2];
      continue;
    }
    const v1::PersonRegistered& r = found->second.record;
    const auto age = YoungestAge(r.birth(), s.opens_at_ms);
    ++expected["sex"][SexKey(r.sex())];
    ++expected["age_band"][BandKey(age)];
    ++expected["nationality"][r.nationality().empty() ? "none" : r.nationality()];
    ++expected["occupation"][std::string(census::WordsOf(r.occupation()).key)];
    std::optional<std::int64_t> first_entry;
    for (const Passage& p : s.passages.at(tap.person_token)) {
      if (p.site_id == bantako && p.direction == v1::DIRECTION_IN) {
        first_entry = p.at_ms;
        break;
      }
    }
    ++expected["installation_month"]
              [first_entry ? base::DayText(*first_entry / kDayMs).substr(0, 7) : "none"];
    ++pyramid[BandKey(age)][r.sex() == v1::SEX_FEMALE ? 0 : r.sex() == v1::SEX_MALE ? 1 : 2];
    if (*age < 18) {
      ++minors;
    } else {
      ++adults;
      if (card) ++adults_with_card;
    }
  }
  ASSERT_GT(minors, 10) << "the population has minors at Bantako";
  ASSERT_GT(adults_with_card, 10);

  auto results = census::ReadCampaignResults(*connection_, kCampaign);
  ASSERT_TRUE(results) << results.error().message();
  const census::CampaignResults& r = results.value();
  EXPECT_EQ(r.observed, static_cast<std::int64_t>(s.taps.size()));
  EXPECT_EQ(r.unregistered, unregistered);
  EXPECT_EQ(unregistered, 2);
  EXPECT_EQ(r.minors, minors);
  EXPECT_EQ(r.adults, adults);
  EXPECT_EQ(r.adults_with_card, adults_with_card);
  EXPECT_EQ(r.card_candidates, adults - adults_with_card);
  EXPECT_EQ(r.age_reference_ms, s.opens_at_ms);
  ASSERT_EQ(r.tables.size(), 6U);
  std::set<std::string> names;
  for (const census::BreakdownTable& table : r.tables) {
    names.insert(table.name);
    EXPECT_EQ(table.total, r.observed) << table.name;
    EXPECT_EQ(CountsOf(table), expected[table.name]) << table.name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"sex", "age_band", "nationality", "occupation",
                                          "installation_month", "miner_card"}));
  // Every fixed category is a row, counted or not, in its order.
  const auto& bands = r.tables[1].rows;
  ASSERT_EQ(bands.size(), 7U);
  EXPECT_EQ(bands.front().key, "0_14");
  EXPECT_EQ(bands.back().key, "unknown");
  EXPECT_EQ(r.tables[0].rows.size(), 4U);  // female, male, unspecified, unknown
  ASSERT_EQ(r.pyramid.size(), 7U);
  for (const census::PyramidRow& bar : r.pyramid) {
    const std::string key(census::WordsOf(bar.band).key);
    const auto want = pyramid[key];
    EXPECT_EQ(bar.female, want[0]) << key;
    EXPECT_EQ(bar.male, want[1]) << key;
    EXPECT_EQ(bar.unspecified, want[2]) << key;
  }
}

TEST_F(CensusFigures, TheListsHoldExactlyTheMinorsAndTheAdultsWithoutACard) {
  const Suite& s = *suite_;
  std::multiset<std::string> minors;
  std::multiset<std::string> candidates;
  for (const CensusTap& tap : s.taps) {
    const auto found = s.registered.find(tap.person_token);
    if (found == s.registered.end()) continue;
    const v1::PersonRegistered& r = found->second.record;
    const std::string key = ListKey(r.family_name(), r.given_name(), r.birth().year());
    if (*YoungestAge(r.birth(), s.opens_at_ms) < 18) {
      minors.insert(key);
    } else if (s.carded.count(tap.person_token) == 0) {
      candidates.insert(key);
    }
  }
  for (const auto list : {census::CampaignList::kMinors, census::CampaignList::kCardCandidates}) {
    const bool of_minors = list == census::CampaignList::kMinors;
    std::multiset<std::string> seen;
    std::string position;
    std::pair<std::string, std::string> previous;
    int pages = 0;
    do {
      auto page = census::ReadCampaignList(*connection_, kCampaign, list, position, 7);
      ASSERT_TRUE(page) << page.error().message();
      ASSERT_LE(page.value().persons.size(), 7U);
      for (const census::ListedPerson& person : page.value().persons) {
        const std::string key = ListKey(person.family_name, person.given_name, person.birth_year);
        const std::pair order{person.family_name, person.given_name};
        EXPECT_LE(previous, order) << "by family name, then given name";
        previous = order;
        seen.insert(key);
        if (of_minors) {
          EXPECT_LT(person.age_years, 18U) << key;
        } else {
          EXPECT_GE(person.age_years, 18U) << key;
          EXPECT_EQ(
              s.carded.count(std::string(person.person_token.begin(), person.person_token.end())),
              0U)
              << key << " holds a card";
        }
      }
      position = page.value().next_position;
      ++pages;
    } while (!position.empty() && pages < 10'000);
    EXPECT_GT(pages, 1) << "paged";
    EXPECT_EQ(seen, of_minors ? minors : candidates);
  }
  // No minor is ever offered a card.
  for (const std::string& minor : minors) EXPECT_EQ(candidates.count(minor), 0U) << minor;
  auto bad = census::ReadCampaignList(*connection_, kCampaign, census::CampaignList::kMinors,
                                      "not a position", 7);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), census::Errc::bad_list_position);
}

TEST_F(CensusFigures, ARevokedCardIsNoLongerHeld) {
  const Suite& s = *suite_;
  ASSERT_FALSE(s.revoked_holder.empty());
  const std::vector<std::uint8_t> holder(s.revoked_holder.begin(), s.revoked_holder.end());
  // Still linked on the projection (the kiosks' MinerCardLinked stays), its number revoked.
  auto linked = db::QueryOne(
      *connection_,
      "SELECT count(*) FROM miner_cards c JOIN miner_card_numbers n "
      "ON n.card_number = c.card_number WHERE c.person_token = ? AND n.revoked_at_ms IS NOT NULL",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, db::Blob(s.revoked_holder));
  ASSERT_TRUE(linked) << linked.error().message();
  EXPECT_EQ(linked.value(), 1);

  // Back among the adults without a card: every other carded adult still holds one.
  std::size_t held = 0;
  bool seen = false;
  auto walked = census::internal::ForEachObserved(
      *connection_, kCampaign, s.opens_at_ms, [&](const census::internal::ObservedPerson& person) {
        if (person.person_token == holder) {
          seen = true;
          EXPECT_FALSE(person.card_held) << "a revoked card is not held";
          EXPECT_GE(person.age_years.value_or(0), 18U);
        }
        if (person.card_held) ++held;
      });
  ASSERT_TRUE(walked) << walked.error().message();
  EXPECT_TRUE(seen) << "the holder was observed";
  EXPECT_EQ(held, s.carded.size());

  // And on the card issuance list.
  bool listed = false;
  std::string position;
  int pages = 0;
  do {
    auto page = census::ReadCampaignList(*connection_, kCampaign,
                                         census::CampaignList::kCardCandidates, position, 50);
    ASSERT_TRUE(page) << page.error().message();
    for (const census::ListedPerson& person : page.value().persons) {
      listed = listed || person.person_token == holder;
    }
    position = page.value().next_position;
  } while (!position.empty() && ++pages < 10'000);
  EXPECT_TRUE(listed) << "the holder of a revoked card is on the card issuance list";
}

TEST_F(CensusFigures, PopulationsNowFollowThePresenceWindow) {
  const Suite& s = *suite_;
  const std::int64_t now = s.now_ms;
  for (const std::int32_t window : {30, 7}) {
    auto set = census::SetPresenceWindow(*connection_, window, now);
    ASSERT_TRUE(set) << set.error().message();
    auto populations = census::ReadPopulationsNow(*connection_, now);
    ASSERT_TRUE(populations) << populations.error().message();
    EXPECT_EQ(populations.value().window_days, window);
    ASSERT_EQ(populations.value().sites.size(), s.server->fleet().sites.size());
    std::int64_t total = 0;
    for (const census::SitePopulation& site : populations.value().sites) {
      census::SitePopulation want;
      for (const auto& [token, list] : s.passages) {
        if (!PresentAt(list, site.site_id, now, window, false)) continue;
        ++want.present;
        const v1::PersonRegistered& r = s.registered.at(token).record;
        (r.sex() == v1::SEX_FEMALE ? want.female
         : r.sex() == v1::SEX_MALE ? want.male
                                   : want.unspecified)++;
        if (*YoungestAge(r.birth(), now) < 18) ++want.minors;
      }
      EXPECT_EQ(site.present, want.present) << site.site_name << " window " << window;
      EXPECT_EQ(site.female, want.female) << site.site_name;
      EXPECT_EQ(site.male, want.male) << site.site_name;
      EXPECT_EQ(site.unspecified, want.unspecified) << site.site_name;
      EXPECT_EQ(site.minors, want.minors) << site.site_name;
      total += site.present;
    }
    EXPECT_EQ(populations.value().total, total);
    EXPECT_GT(total, 100) << "window " << window;
  }
  // Shorter window, fewer present: people who left without tapping out stop counting.
  auto seven = census::ReadPopulationsNow(*connection_, now);
  ASSERT_TRUE(census::SetPresenceWindow(*connection_, 30, now));
  auto thirty = census::ReadPopulationsNow(*connection_, now);
  ASSERT_TRUE(seven && thirty);
  EXPECT_LT(seven.value().total, thirty.value().total);
  EXPECT_EQ(census::SetPresenceWindow(*connection_, 0, now).error(),
            census::Errc::bad_presence_window);
  EXPECT_EQ(census::SetPresenceWindow(*connection_, 366, now).error(),
            census::Errc::bad_presence_window);
}

TEST_F(CensusFigures, DailyPopulationsAndArrivalsAreTheTruth) {
  const Suite& s = *suite_;
  const census::DayRange range{s.population.start_ms / kDayMs + 20,
                               s.population.start_ms / kDayMs + 62};
  const std::int64_t window = census::kDefaultPresenceWindowDays;
  ASSERT_TRUE(census::SetPresenceWindow(*connection_, static_cast<std::int32_t>(window), 0));
  auto arrivals = census::ReadArrivals(*connection_, range);
  ASSERT_TRUE(arrivals) << arrivals.error().message();
  for (std::size_t i = 0; i < s.server->fleet().sites.size(); ++i) {
    const std::int64_t site_id = s.server->fleet().sites[i].site_id;
    auto daily = census::ReadSiteDaily(*connection_, site_id, range);
    ASSERT_TRUE(daily) << daily.error().message();
    ASSERT_EQ(daily.value().days.size(), static_cast<std::size_t>(range.count()));
    std::vector<std::int64_t> present(daily.value().days.size(), 0);
    std::vector<std::int64_t> arrived(daily.value().days.size(), 0);
    for (const auto& [token, list] : s.passages) {
      for (std::size_t d = 0; d < present.size(); ++d) {
        const std::int64_t end = (range.first_day + static_cast<std::int64_t>(d) + 1) * kDayMs;
        if (PresentAt(list, site_id, end, window, true)) ++present[d];
      }
      for (const Passage& p : list) {
        if (p.site_id != site_id || p.direction != v1::DIRECTION_IN) continue;
        const std::int64_t day = p.at_ms / kDayMs;
        if (day >= range.first_day && day <= range.last_day) {
          ++arrived[static_cast<std::size_t>(day - range.first_day)];
        }
        break;
      }
    }
    std::int64_t total_arrivals = 0;
    for (std::size_t d = 0; d < present.size(); ++d) {
      EXPECT_EQ(daily.value().days[d].present, present[d])
          << s.server->fleet().sites[i].name << " " << base::DayText(daily.value().days[d].day);
      EXPECT_EQ(daily.value().days[d].arrivals, arrived[d])
          << s.server->fleet().sites[i].name << " " << base::DayText(daily.value().days[d].day);
      total_arrivals += arrived[d];
    }
    ASSERT_EQ(arrivals.value()[i].site_id, site_id);
    EXPECT_EQ(arrivals.value()[i].per_day, arrived);
    EXPECT_EQ(arrivals.value()[i].total, total_arrivals);
  }
  EXPECT_EQ(census::ReadSiteDaily(*connection_, 999, range).error(),
            server::admin::Errc::unknown_site);
  EXPECT_EQ(census::ReadDayRange("2026-09-31", "", 0).error(), census::Errc::bad_day);
  EXPECT_EQ(census::ReadDayRange("2026-10-02", "2026-10-01", 0).error(),
            census::Errc::bad_day_range);
  EXPECT_EQ(census::ReadDayRange("2025-01-01", "2026-01-02", 0).error(),
            census::Errc::bad_day_range);
  auto fallback = census::ReadDayRange("", "", s.now_ms);
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback.value().count(), census::kDefaultDays);
  EXPECT_EQ(fallback.value().last_day, s.now_ms / kDayMs);
}

/// The query plan of `sql` with its values bound, one line per step.
template <class... Values>
std::vector<std::string> Plan(db::Connection& connection, const std::string& sql,
                              const Values&... values) {
  auto plan = db::QueryAll(
      connection, "EXPLAIN QUERY PLAN " + sql,
      [](const db::Statement& row) { return row.ColumnText(3); }, values...);
  EXPECT_TRUE(plan) << sql << ": " << (plan ? "" : plan.error().message());
  return plan ? plan.value() : std::vector<std::string>{"(no plan)"};
}

/// The lines that read a table without an index (a SCAN without USING).
std::vector<std::string> Scans(const std::vector<std::string>& plan) {
  std::vector<std::string> scans;
  for (const std::string& line : plan) {
    if (line.starts_with("SCAN ") && line.find("USING") == std::string::npos) {
      scans.push_back(line);
    }
  }
  return scans;
}

TEST_F(CensusFigures, EveryCensusQueryReadsThroughAnIndex) {
  using census::internal::ListFilter;
  const std::int64_t year = 2026;
  const std::string none;
  const std::vector<std::uint8_t> token;
  const auto observed =
      Plan(*connection_, census::internal::ObservedSql(), std::string(kCampaign), year);
  EXPECT_EQ(Scans(observed), std::vector<std::string>{});
  std::string text;
  for (const std::string& line : observed) text += line + "\n";
  // One ordered walk of the campaign's own rows (schema 0014: the facts are on them), the card
  // looked up per person, the registration read only for the birth years that straddle a band;
  // no look-up of her first entry any more (the projector keeps it).
  EXPECT_NE(text.find("SEARCH o USING PRIMARY KEY (campaign_id=?)"), std::string::npos) << text;
  EXPECT_EQ(text.find("passages"), std::string::npos) << text;
  EXPECT_NE(text.find("miner_cards_by_person"), std::string::npos) << text;
  EXPECT_NE(text.find("sqlite_autoindex_persons_1 (person_token=?)"), std::string::npos) << text;
  for (const ListFilter filter : {ListFilter::kMinors, ListFilter::kCardCandidates}) {
    const auto plan = Plan(*connection_, census::internal::ListSql(filter), std::string(kCampaign),
                           year, none, none, token);
    EXPECT_EQ(Scans(plan), std::vector<std::string>{});
  }
}

}  // namespace
}  // namespace minegate::test::population
