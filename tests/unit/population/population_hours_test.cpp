// PopulationOptions::shift_change_peaks, on the generator's output: with it, the gates' busiest
// hours are the first hours of the morning and evening shift changes (06h and 18h UTC, Senegal's
// time), clearly above the mean gate hour, and no one passes a gate at night; without it, the
// same generator spreads trips over gate hours (no such peak). Either way each person's taps go
// in, out, in, ... from her registration on, and the embedded cases are where and when they were.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/population/fleet.hpp"
#include "tests/support/population/population.hpp"

namespace minegate::test::population {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;

/// The six sites, one kiosk per gate, keys from the seed (as the load generator makes them).
Fleet MakeFleet(std::uint64_t seed) {
  Fleet fleet;
  const std::vector<SiteLayout> layout = KedougouSites();
  for (std::size_t s = 0; s < layout.size(); ++s) {
    FleetSite site;
    site.site_id = static_cast<std::uint32_t>(s + 1);
    site.name = layout[s].name;
    for (std::size_t g = 0; g < layout[s].gates.size(); ++g) {
      const std::size_t index = fleet.kiosks.size();
      KioskIdentity kiosk;
      kiosk.device_id = "kiosk-" + std::to_string(index + 1);
      kiosk.site_id = site.site_id;
      kiosk.gate_id = static_cast<std::uint32_t>(index + 1);
      kiosk.agent_id = "agent." + std::to_string(s + 1);
      kiosk.key = std::make_shared<const credential::SigningKey>(
          credential::SigningKey::FromSeed(KioskKeySeed(seed, index)).value());
      site.kiosks.push_back(index);
      fleet.kiosks.push_back(std::move(kiosk));
    }
    fleet.sites.push_back(std::move(site));
  }
  return fleet;
}

Population Generate(bool peaks) {
  PopulationOptions options;
  options.ordinary_persons = 1500;
  options.shift_change_peaks = peaks;
  static const Fleet fleet = MakeFleet(options.seed);
  return GeneratePopulation(options, fleet);
}

/// Gate passages (registrations' entries, trips, moves) by hour of the day.
struct Hours {
  std::array<std::uint64_t, 24> passages{};

  std::uint64_t Sum(int from, int to) const {
    return std::accumulate(passages.begin() + from, passages.begin() + to + 1, std::uint64_t{0});
  }
  /// Hour `hour`'s passages against the mean of the thirteen hours from 06h to 18h.
  double AgainstMeanGateHour(int hour) const {
    return static_cast<double>(passages[static_cast<std::size_t>(hour)]) /
           (static_cast<double>(Sum(6, 18)) / 13.0);
  }
  std::uint64_t Night() const { return Sum(0, 5) + Sum(19, 23); }
};

Hours CountHours(const Population& population) {
  Hours hours;
  for (const auto& stream : population.streams) {
    for (const v1::Event& event : stream) {
      if (!event.has_gate_passed()) continue;
      ++hours.passages[static_cast<std::size_t>(event.occurred_at_ms() / kHourMs % 24)];
    }
  }
  return hours;
}

std::string Describe(const Hours& hours) {
  std::string text;
  for (std::size_t hour = 0; hour < 24; ++hour) {
    text += std::to_string(hour) + "h " + std::to_string(hours.passages[hour]) + "  ";
  }
  return text;
}

/// Each person's taps in time order alternate in, out, in, ..., the first at her registration,
/// all within the scenario: a trip comes back before she moves or leaves, and no one leaves a
/// site she is not in. Returns what went wrong, or empty.
std::string CheckEachPersonAlternates(const Population& population) {
  std::map<std::string, std::vector<std::pair<std::int64_t, v1::Direction>>> taps;
  for (const auto& stream : population.streams) {
    for (const v1::Event& event : stream) {
      if (!event.has_gate_passed()) continue;
      taps[event.gate_passed().person_token()].emplace_back(event.occurred_at_ms(),
                                                            event.gate_passed().direction());
    }
  }
  std::map<std::string, const Person*> persons;
  for (const Person& person : population.persons) persons[person.token] = &person;
  for (auto& [token, list] : taps) {
    const Person* person = persons[token];
    if (person == nullptr) return "a tap of no one";
    std::sort(list.begin(), list.end());
    const std::string who = person->given_name + " " + person->family_name;
    if (list.front().first != person->registered_at_ms)
      return who + ": first tap not at registration";
    for (std::size_t i = 0; i < list.size(); ++i) {
      const v1::Direction expected = i % 2 == 0 ? v1::DIRECTION_IN : v1::DIRECTION_OUT;
      if (list[i].second != expected) return who + ": tap " + std::to_string(i) + " out of turn";
      if (i > 0 && list[i].first == list[i - 1].first) return who + ": two taps at one moment";
      if (list[i].first >= population.end_ms) return who + ": a tap after the end";
    }
  }
  return "";
}

TEST(PopulationHoursTest, ShiftChangePeaksGatherPassagesAtSixAndEighteen) {
  const Population population = Generate(/*peaks=*/true);
  ASSERT_EQ(population.error, "");
  const Hours hours = CountHours(population);
  // Four trips in ten leave in 06:00-07:30 and four in 17:30-19:00, two thirds of each window in
  // its first hour: 0.4 x 2/3 = 27 % of trips' ways out in 06h and in 18h, about as many ways
  // back; every trip's taps fall in 06h-18h, whose mean hour holds 1/13 = 7.7 %. If all
  // passages were trips, 06h and 18h would each be about 27/7.7 = 3.5 times the mean gate hour.
  // Registrations' entries and moves (about one passage in eight, spread over gate hours) bring
  // it to about 3; 2 leaves a margin for the draws and still fails a flat day (about 1).
  EXPECT_GT(hours.AgainstMeanGateHour(6), 2.0) << Describe(hours);
  EXPECT_GT(hours.AgainstMeanGateHour(18), 2.0) << Describe(hours);
  // The middle of the day still sees traffic (one trip in five, registrations), less than the
  // changes.
  EXPECT_GT(hours.passages[12], 0u) << Describe(hours);
  EXPECT_LT(hours.AgainstMeanGateHour(12), 1.0) << Describe(hours);
  // Returns come at a shift change or in gate hours, not at 3 in the morning.
  EXPECT_EQ(hours.Night(), 0u) << Describe(hours);
  EXPECT_EQ(CheckEachPersonAlternates(population), "");
}

TEST(PopulationHoursTest, WithoutPeaksTheSameGeneratorIsFlat) {
  const Population population = Generate(/*peaks=*/false);
  ASSERT_EQ(population.error, "");
  const Hours hours = CountHours(population);
  // Trips leave from 07:00 (none in 06h, half an hour's in 18h) and come back 2 to 36 hours
  // later at any hour: neither hour stands above the mean gate hour.
  EXPECT_LT(hours.AgainstMeanGateHour(6), 1.2) << Describe(hours);
  EXPECT_LT(hours.AgainstMeanGateHour(18), 1.2) << Describe(hours);
  EXPECT_GT(hours.Night(), 0u) << Describe(hours);
  EXPECT_EQ(CheckEachPersonAlternates(population), "");
}

TEST(PopulationHoursTest, EmbeddedCasesArriveWhereAndWhenTheyDidWithPeaks) {
  const Population flat = Generate(/*peaks=*/false);
  const Population peaks = Generate(/*peaks=*/true);
  std::map<std::string, const Person*> before;
  for (const Person& person : flat.persons) {
    if (person.truth == Truth::kEmbedded || person.truth == Truth::kAccomplice) {
      before[person.given_name + " " + person.family_name] = &person;
    }
  }
  std::size_t seen = 0;
  for (const Person& person : peaks.persons) {
    if (person.truth != Truth::kEmbedded && person.truth != Truth::kAccomplice) continue;
    const std::string name = person.given_name + " " + person.family_name;
    SCOPED_TRACE(name);
    const auto it = before.find(name);
    ASSERT_NE(it, before.end());
    EXPECT_EQ(person.truth, it->second->truth);
    EXPECT_EQ(person.expected_indicator, it->second->expected_indicator);
    EXPECT_EQ(person.first_site, it->second->first_site);
    EXPECT_EQ(person.registered_at_ms, it->second->registered_at_ms);
    ++seen;
  }
  EXPECT_EQ(seen, before.size());
  EXPECT_GE(seen, 15u);
}

}  // namespace
}  // namespace minegate::test::population
