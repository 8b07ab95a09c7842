// Issue 12's evaluation: a generated population with known ground truth (ordinary persons,
// hard negatives, embedded trafficking cases, search notices) driven through the server's real
// ingest path (registries, sealing, validator, EventWriter with the risk monitor and the clone
// watch), kiosks delivering in interleaved batches, some weeks late. Then the flags are read
// back from the protection stores and compared with the truth: every embedded case must be
// flagged, and at most 2 % of the ordinary adults; each search notice matches exactly the woman
// it was written for; nobody is flagged on weak signs with one medium sign at most. Minors are
// counted apart: a girl under 18 is always flagged by design.
//
// MINEGATE_POPULATION_SIZE=<n> sets the ordinary population (default 4,000; 1,200 under
// AddressSanitizer; the arrival-order test takes a quarter of it plus 150, since it delivers it
// twice), MINEGATE_POPULATION_SEED=<n> the seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "tests/integration/server/risk_evaluation/evaluation.hpp"
#include "tests/support/population/delivery.hpp"
#include "tests/support/population/population.hpp"
#include "tests/support/population/population_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test::population {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
using Clock = std::chrono::steady_clock;

std::uint64_t FromEnvironment(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  return std::strtoull(text, nullptr, 10);
}

std::size_t PopulationSize(std::size_t normal, std::size_t sanitized) {
#if defined(__SANITIZE_ADDRESS__)
  const std::size_t fallback = sanitized;
  (void)normal;
#else
  const std::size_t fallback = normal;
  (void)sanitized;
#endif
  return static_cast<std::size_t>(FromEnvironment("MINEGATE_POPULATION_SIZE", fallback));
}

double Seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

/// A provisioned server and its population, the notices entered as the rounds go.
struct Scenario {
  TempDir dir{"population"};
  std::unique_ptr<PopulationServer> server;
  Population population;
  std::vector<std::int64_t> notice_ids;
};

void Prepare(Scenario& scenario, const PopulationOptions& options) {
  ASSERT_TRUE(scenario.dir.ok());
  ServerOptions server_options;
  server_options.seed = options.seed;
  server_options.provisioned_at_ms = options.start_ms - 7 * kDayMs;
  std::string error;
  scenario.server = PopulationServer::Create(scenario.dir.path(), server_options, error);
  ASSERT_TRUE(scenario.server) << error;
  scenario.population = GeneratePopulation(options, scenario.server->fleet());
  ASSERT_EQ(scenario.population.error, "");
}

/// Every round in order; each notice is entered when its time comes, between two rounds.
void Drive(Scenario& scenario, const DeliveryOptions& delivery) {
  const std::vector<DeliveryRound> rounds = PlanDelivery(scenario.population, delivery);
  const std::vector<NoticePlan>& notices = scenario.population.notices;
  std::vector<std::size_t> order(notices.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return notices[a].created_at_ms < notices[b].created_at_ms;
  });
  scenario.notice_ids.assign(notices.size(), 0);
  std::size_t next_notice = 0;
  std::string error;
  for (const DeliveryRound& round : rounds) {
    while (next_notice < order.size() && notices[order[next_notice]].created_at_ms <= round.at_ms) {
      const NoticePlan& notice = notices[order[next_notice]];
      scenario.server->SetNow(notice.created_at_ms);
      const auto id = scenario.server->CreateNotice(notice, error);
      ASSERT_TRUE(id) << error;
      scenario.notice_ids[order[next_notice]] = *id;
      ++next_notice;
    }
    ASSERT_TRUE(scenario.server->Deliver(scenario.population, round, error)) << error;
  }
  ASSERT_EQ(next_notice, order.size()) << "un avis après la fin / a notice after the end";
  scenario.server->Stop();
}

std::size_t KioskOf(const Fleet& fleet, std::size_t site, std::size_t gate = 0) {
  return fleet.sites.at(site).kiosks.at(gate);
}

TEST(RiskEvaluation, EveryEmbeddedCaseIsFlaggedAndAtMostTwoPercentOfTheOrdinaryAdults) {
  const auto started = Clock::now();
  PopulationOptions options;
  options.seed = FromEnvironment("MINEGATE_POPULATION_SEED", options.seed);
  options.ordinary_persons = PopulationSize(4000, 1200);
  Scenario scenario;
  Prepare(scenario, options);
  const auto generated = Clock::now();
  const Fleet& fleet = scenario.server->fleet();
  const Population& population = scenario.population;

  // Khossanto's kiosk is out of reach for three weeks (it carries one of the recruiter's young
  // women and a stay of the woman being moved); Mako's from day 34 to after the end (the last
  // of the described recruiter's young women); a gate of Sabodala for five days.
  DeliveryOptions delivery;
  delivery.seed = options.seed;
  delivery.outages = {
      {KioskOf(fleet, 2), population.start_ms + 14 * kDayMs, population.start_ms + 35 * kDayMs},
      {KioskOf(fleet, 5), population.start_ms + 34 * kDayMs, population.end_ms + kDayMs},
      {KioskOf(fleet, 1, 1), population.start_ms + 40 * kDayMs, population.start_ms + 45 * kDayMs},
  };
  Drive(scenario, delivery);
  if (HasFatalFailure()) return;
  const auto delivered = Clock::now();

  std::map<std::string, PersonOutcome> outcomes;
  std::string error;
  ASSERT_TRUE(ReadOutcomes(scenario.server->database(), population, outcomes, error)) << error;
  std::vector<std::vector<std::string>> matches;
  ASSERT_TRUE(ReadNoticeMatches(scenario.server->database(), scenario.notice_ids, matches, error))
      << error;
  auto reader = db::Connection::Open(scenario.server->database());
  ASSERT_TRUE(reader);
  const auto clones = db::QueryOne(reader.value(), "SELECT count(*) FROM security_events",
                                   [](const db::Statement& row) { return row.ColumnInt64(0); });
  ASSERT_TRUE(clones);
  const Evaluation evaluation = Evaluate(population, outcomes);
  const auto read = Clock::now();

  std::cout << "Graine / seed " << options.seed << ", " << population.persons.size()
            << " personnes / persons, " << population.EventCount() << " événements / events ("
            << scenario.server->figures().sealed << " scellés / sealed), "
            << scenario.server->figures().batches << " lots / batches, "
            << scenario.server->figures().rounds << " tours / rounds, " << fleet.kiosks.size()
            << " bornes / kiosks\n";
  PrintReport(std::cout, population, outcomes, evaluation);
  std::map<std::string, const Person*> by_token;
  for (const Person& person : population.persons) by_token[person.token] = &person;
  std::cout << "Avis de recherche / search notices:\n";
  for (std::size_t i = 0; i < population.notices.size(); ++i) {
    const NoticePlan& notice = population.notices[i];
    std::cout << "  " << notice.given_name << " " << notice.family_name << " ("
              << notice.nationality << ") — " << notice.how << "\n      correspondances / "
              << "matches:";
    for (const std::string& token : matches[i]) {
      std::cout << " " << Describe(*by_token.at(token));
    }
    std::cout << (matches[i].empty() ? " aucune / none" : "") << "\n";
  }
  std::cout << "Clones suspectés (événements de sécurité) / suspected clones (security events): "
            << clones.value() << "\n";
  const DeliveryFigures& figures = scenario.server->figures();
  std::cout << "Temps / time: génération et installation / generation and provisioning "
            << Seconds(generated - started) << " s; livraison / delivery "
            << Seconds(delivered - generated) << " s (scellement / sealing "
            << Seconds(figures.sealing) << " s, validation " << Seconds(figures.validating)
            << " s, attente des acquittements / waiting for acknowledgements "
            << Seconds(figures.waiting) << " s); lecture / reading " << Seconds(read - delivered)
            << " s; total " << Seconds(read - started) << " s\n";

  // Recall: a missed girl is the worst outcome.
  EXPECT_EQ(evaluation.embedded.total, 17u);
  for (const Person* person : evaluation.missed) {
    ADD_FAILURE() << "cas manqué / missed case: " << Describe(*person) << " — " << person->group;
  }
  for (const Person* person : evaluation.wrong_reason) {
    ADD_FAILURE() << "signalée sans son indicateur / flagged without its indicator "
                  << person->expected_indicator << ": " << Describe(*person);
  }
  // The cost: each flag is an officer's hour.
  EXPECT_GT(evaluation.ordinary_adults.total, options.ordinary_persons / 2);
  EXPECT_LE(evaluation.ordinary_adults.Share(), 0.02);
  // By design, whatever else.
  for (const Person* girl : evaluation.girls_missed) {
    ADD_FAILURE() << "mineure non signalée / girl not flagged: " << Describe(*girl);
  }
  EXPECT_GT(evaluation.girls.total, 0u);
  for (const Person* person : evaluation.unassessed) {
    ADD_FAILURE() << "jamais évaluée / never assessed: " << Describe(*person);
  }
  for (const Person* person : evaluation.case_mismatch) {
    ADD_FAILURE() << "signalement et dossier en désaccord / flag and case disagree: "
                  << Describe(*person);
  }
  // Each notice matches the woman it was written for and no one else: not the namesakes of
  // its nationality and age (Hawa Kourouma for Hadja Kourouma, Aminata Diallo for Aïssatou
  // Diallo: another given name with the same family name is another woman), and nobody for the
  // notice no one registered matches.
  for (std::size_t i = 0; i < population.notices.size(); ++i) {
    const NoticePlan& notice = population.notices[i];
    std::vector<std::string> expected;
    if (!notice.matches_token.empty()) expected.push_back(notice.matches_token);
    std::string found;
    for (const std::string& token : matches[i]) found += " " + Describe(*by_token.at(token));
    EXPECT_EQ(matches[i], expected) << notice.given_name << " " << notice.family_name
                                    << " — correspondances / matches:" << found;
  }
  // Weak signs follow nationality: with at most one medium sign they never flag anyone
  // (weak_points_cap in the rule set), whatever else the population holds.
  for (const Person* person : evaluation.weak_flags) {
    ADD_FAILURE() << "signalée sur des signes faibles et un signe moyen au plus / flagged on weak "
                     "signs and one medium sign at most: "
                  << Describe(*person) << " — " << person->group;
  }
  // Nobody in this population travels faster than a road allows.
  EXPECT_EQ(clones.value(), 0);
}

/// The assessment's conclusion, for comparing two runs.
std::string Conclusion(const PersonOutcome& outcome) {
  std::string text = outcome.assessed ? "" : "unassessed ";
  text += (outcome.assessment.flagged() ? "flagged " : "not-flagged ") +
          v1::Priority_Name(outcome.assessment.priority()) + " " +
          std::to_string(outcome.assessment.score());
  for (const v1::RaisedIndicator& raised : outcome.assessment.indicators()) {
    text += " " + raised.id() + "=" + raised.value();
  }
  return text;
}

TEST(RiskEvaluation, TheSameEventsInAnotherArrivalOrderGiveTheSameFlags) {
  PopulationOptions options;
  options.seed = FromEnvironment("MINEGATE_POPULATION_SEED", options.seed) + 1;
  options.ordinary_persons = PopulationSize(4000, 1200) / 4 + 150;
  Scenario first;
  Prepare(first, options);
  Scenario second;
  Prepare(second, options);
  if (HasFatalFailure()) return;
  const Fleet& fleet = first.server->fleet();
  const Population& population = first.population;

  // Everything on time in big batches, every four hours...
  DeliveryOptions on_time;
  on_time.period_ms = 4 * 3'600'000;
  on_time.max_batch = 256;
  on_time.seed = 3;
  Drive(first, on_time);
  // ...against small batches every six hours, with Bantako's two kiosks silent from day 3 to
  // after the end, Khossanto's for the first month and Tenkoto's for another month.
  DeliveryOptions late;
  late.period_ms = 6 * 3'600'000;
  late.max_batch = 5;
  late.seed = 77;
  late.outages = {
      {KioskOf(fleet, 0, 0), population.start_ms + 3 * kDayMs, population.end_ms + kDayMs},
      {KioskOf(fleet, 0, 1), population.start_ms + 3 * kDayMs, population.end_ms + kDayMs},
      {KioskOf(fleet, 2), population.start_ms, population.start_ms + 30 * kDayMs},
      {KioskOf(fleet, 3), population.start_ms + 20 * kDayMs, population.start_ms + 50 * kDayMs},
  };
  Drive(second, late);
  if (HasFatalFailure()) return;

  std::map<std::string, PersonOutcome> a;
  std::map<std::string, PersonOutcome> b;
  std::string error;
  ASSERT_TRUE(ReadOutcomes(first.server->database(), first.population, a, error)) << error;
  ASSERT_TRUE(ReadOutcomes(second.server->database(), second.population, b, error)) << error;
  ASSERT_EQ(first.population.persons.size(), second.population.persons.size());
  std::size_t flagged = 0;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < first.population.persons.size(); ++i) {
    const Person& person = first.population.persons[i];
    ASSERT_EQ(person.token, second.population.persons[i].token) << "même graine / same seed";
    const std::string one = Conclusion(a.at(person.token));
    const std::string other = Conclusion(b.at(person.token));
    if (a.at(person.token).assessment.flagged()) ++flagged;
    if (one != other) {
      ++differ;
      ADD_FAILURE() << Describe(person) << " — " << person.group
                    << "\n  à l'heure / on time: " << one << "\n  en retard / late:     " << other;
    }
  }
  std::cout << population.persons.size() << " personnes / persons, " << population.EventCount()
            << " événements / events, " << flagged << " signalées / flagged, " << differ
            << " différences / differences\n";
  EXPECT_GT(flagged, 17u);
}

}  // namespace
}  // namespace minegate::test::population
