// A population of a Kédougou gold-mining region with known ground truth, as the kiosks at its
// gates would record it over weeks: who arrived where and when, with whom, their bracelets and
// every gate passage. Seeded and deterministic: one seed, one population, the same events.
//
// What is in it (tests/support/population/README.md gives the figures and why):
//  - an ordinary population: men and women miners, gold traders, food-stall owners, mechanics,
//    moto-taxi drivers, traders, couples, families with their children, friends travelling
//    together, people moving between sites for work now and then;
//  - hard negatives, counted as ordinary: mothers with their adult daughters, women trading on
//    their own account who go round the sites every week, many Nigerian women miners with
//    nothing else, women whose names are close to a search notice's;
//  - embedded cases, which a risk engine must flag: a recruiter with a bracelet and another
//    known only by a description bringing young women to different sites over weeks, minors
//    brought by an "employer", a woman moved between four sites in three weeks, registrations
//    matching search notices (misspelt and transliterated names, a document number), a
//    document held by the employer, travel paid with a debt, a promised bar job.
//
// The events are what a kiosk records (kiosk/gate/registration_flow.cpp): PersonRegistered,
// BraceletIssued (a credential signed by that kiosk's key), CompanionRecorded when she or he came
// with someone, GatePassed for each tap. Bodies are in clear: whoever sends them seals what
// events.proto says must travel sealed, with the server's key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/risk.pb.h"
#include "tests/support/population/fleet.hpp"

namespace minegate::test::population {

enum class Truth {
  /// An adult of the ordinary population (hard negatives included): a flag is a false one.
  kOrdinary,
  /// Under 18 by the birth date declared (the youngest age it allows, as the rules read it),
  /// with her or his family: a girl is flagged by design, a boy is not.
  kMinor,
  /// A trafficking case: must be flagged.
  kEmbedded,
  /// A recruiter or "employer" of an embedded case: neither ordinary nor a case.
  kAccomplice,
};

struct Person {
  /// 16 raw bytes.
  std::string token;
  std::string given_name;
  std::string family_name;
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  std::string nationality;
  /// Her true age when registered, in whole years.
  std::uint32_t age_years = 0;
  Truth truth = Truth::kOrdinary;
  bool hard_negative = false;
  /// What she or he is in the scenario, in words ("femme orpailleuse / woman miner").
  std::string group;
  /// Embedded cases: the indicator (rule id of the default rule set) the case is about.
  std::string expected_indicator;
  /// Index into Fleet::sites of the site where she or he registered, and when.
  std::size_t first_site = 0;
  std::int64_t registered_at_ms = 0;
};

/// A search notice a protection officer enters (server/protection/search_notice_store.hpp),
/// and the registration it must match (or none, for a notice no one matches).
struct NoticePlan {
  std::int64_t created_at_ms = 0;
  v1::SearchNoticeKind kind = v1::SEARCH_NOTICE_KIND_MISSING;
  std::string given_name;
  std::string family_name;
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  std::optional<std::uint32_t> birth_year;
  std::string nationality;
  std::string document_number;
  std::string photo_description;
  std::string reporting_service;
  /// The token of the person it must match; empty when it must match no one.
  std::string matches_token;
  /// How the registration differs from the notice, in words, for the report.
  std::string how;
};

struct PopulationOptions {
  std::uint64_t seed = 20261207;
  /// About this many persons in the ordinary population (adults and their children); whole
  /// households are drawn until it is reached. The embedded cases come on top.
  std::size_t ordinary_persons = 4000;
  /// The first day (UTC midnight) and how many days the scenario lasts; arrivals stop two
  /// weeks before the end.
  std::int64_t start_ms = 1'788'739'200'000;  // 2026-09-07T00:00:00Z, a Monday
  int days = 63;
  /// Trips out and back gather at the sites' two shift changes (06:00–07:30 and 17:30–19:00,
  /// four trips in ten each; one in five at any gate hour), so a load has the peaks a gate
  /// sees: a way out and a way back each fall in one of these windows, the way back in the
  /// first one open 2 to 36 hours after leaving. Off (the default), trips leave at any gate
  /// hour and come back 2 to 36 hours later, and a seed gives the same events as before the
  /// option existed: the risk and census tests rely on theirs.
  bool shift_change_peaks = false;
};

struct Population {
  std::vector<Person> persons;
  std::vector<NoticePlan> notices;
  /// Per kiosk (Fleet::kiosks' order): its events in device_seq order (1, 2, ...), in time
  /// order, bodies in clear.
  std::vector<std::vector<v1::Event>> streams;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  /// Empty, or what the generator could not make (a bug: a credential it could not sign).
  std::string error;

  std::size_t EventCount() const;
};

/// Generates the population for `fleet`, which must have the six sites of KedougouSites() (the
/// embedded cases name them), each with its kiosks; `options.days` at least 56 (the embedded
/// cases arrive until day 45).
Population GeneratePopulation(const PopulationOptions& options, const Fleet& fleet);

}  // namespace minegate::test::population
