// The generator's working state: the persons drawn so far with their ground truth, their
// identities as an agent records them, and what they do (registration, passages, moves), written
// into the Timeline. Households (ordinary.cpp) and embedded cases (embedded.cpp) are told in
// terms of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/support/population/internal/timeline.hpp"
#include "tests/support/population/population.hpp"
#include "tests/support/population/random.hpp"

namespace minegate::test::population::internal {

inline constexpr std::int64_t kHourMs = 3'600'000;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

/// What the generator is told about one person; what is left unset is drawn.
struct PersonSpec {
  std::string nationality = "SEN";
  v1::Sex sex = v1::SEX_MALE;
  /// True age at registration; ignored when `birth` is set.
  int age_years = 30;
  /// The birth date as declared; unset: drawn from the age (a full date or a year only).
  std::optional<v1::CalendarDate> birth;
  std::string given_name;   ///< empty: drawn
  std::string family_name;  ///< empty: drawn
  v1::Occupation occupation = v1::OCCUPATION_MINER;
  v1::Purpose purpose = v1::PURPOSE_MINING;
  v1::PromisedJob job = v1::PROMISED_JOB_UNSPECIFIED;
  /// Whether the protection questions were accepted; unset: drawn.
  std::optional<bool> questions;
  /// The answers, when the questions were accepted.
  v1::Answer travel_paid = v1::ANSWER_NO;
  v1::Answer debt = v1::ANSWER_NO;
  v1::DocumentHolder holder = v1::DOCUMENT_HOLDER_SELF;
  /// Whether she or he has an identity document; unset: drawn.
  std::optional<bool> has_document;
  /// A passport number to carry instead of a drawn document.
  std::string passport_number;
  /// Foreigners: days between entering Senegal and registering; unset: drawn; negative: not
  /// declared.
  std::optional<int> entered_days_ago;
  std::string languages;  ///< "eng pcm"; empty: drawn
  /// A minor registered with a parent: a guardian consents.
  bool guardian_consent = false;
};

/// Where someone lives for a while: at `site` until `until_ms` (the next move, leaving the
/// region, or the end of the scenario).
struct Stay {
  std::size_t site = 0;
  std::int64_t until_ms = 0;
};

/// A part of the day, from `from_minute` to `to_minute` after midnight UTC (Senegal's time).
struct DayWindow {
  int from_minute = 0;
  int to_minute = 0;
};

class Generator {
 public:
  Generator(const PopulationOptions& options, const Fleet& fleet);

  Random& random() { return random_; }
  std::int64_t start_ms() const { return options_.start_ms; }
  std::int64_t end_ms() const { return end_ms_; }
  /// The last day new arrivals come (two weeks before the end).
  int last_arrival_day() const { return options_.days - 14; }
  std::size_t site_count() const { return fleet_.sites.size(); }
  std::size_t ordinary_count() const { return ordinary_count_; }

  /// `day` (from the start) at hh:mm UTC (Senegal's time).
  std::int64_t At(int day, int hour, int minute = 0) const;
  /// A moment of gate hours (07:00 to 18:30) on `day`.
  std::int64_t GateTime(int day);
  /// When a trip leaves on `day`: GateTime(day), or with shift-change peaks a moment of the
  /// morning or evening shift change, or of gate hours (PopulationOptions::shift_change_peaks).
  std::int64_t TripOut(int day);
  /// When a trip that left at `out` comes back, two to 36 hours later; with shift-change peaks,
  /// the first moment of a drawn window (shift change or gate hours) from then on.
  std::int64_t TripBack(std::int64_t out);

  /// Registers a person (at a gate of site `site`, at `at_ms`), with who she came with; returns
  /// her index in persons(). Ordinary and minor persons are told apart from the birth date.
  std::size_t Register(const PersonSpec& spec, Truth truth, const std::string& group,
                       std::size_t site, std::int64_t at_ms,
                       const std::optional<CompanionSpec>& companion = std::nullopt);
  /// Her passages from her registration on: trips out and back during each stay (about
  /// `trips_per_week`), and a move to the next stay's site by road (out, then in a few hours
  /// later); after the last stay she leaves the region when `leaves` (a last exit), otherwise
  /// she is still there at the end.
  void Live(std::size_t person, const std::vector<Stay>& stays, double trips_per_week,
            bool leaves = false);
  /// One tap.
  void Pass(std::size_t person, std::size_t site, v1::Direction direction, std::int64_t at_ms);

  /// The embedded search notices' names: ordinary draws never give these (given, family) pairs
  /// of this nationality to a woman, so that only the persons meant to match them do.
  void Reserve(const std::string& nationality, const std::string& given, const std::string& family);

  std::vector<Person>& persons() { return persons_; }
  std::vector<NoticePlan>& notices() { return notices_; }
  Person& person(std::size_t index) { return persons_[index]; }
  Timeline& timeline() { return timeline_; }

 private:
  v1::PersonRegistered Record(const PersonSpec& spec, std::int64_t at_ms, std::uint32_t& age);
  /// A full date of birth that makes her `age_years` old at `at_ms`.
  v1::CalendarDate DrawBirth(int age_years, std::int64_t at_ms);
  void DrawDocument(const PersonSpec& spec, v1::IdentityDocument& document, std::uint32_t age);
  std::string DrawPhone(const std::string& nationality);
  std::string Digits(int count);
  /// The morning shift change, the evening one, or gate hours, as trips are shared among them.
  DayWindow DrawTripWindow();
  /// A moment of `window` at `from_ms` or later, on the first day it is still open then
  /// (uniform over what is left of it).
  std::int64_t InWindow(const DayWindow& window, std::int64_t from_ms);

  PopulationOptions options_;
  const Fleet& fleet_;
  Random random_;
  Timeline timeline_;
  std::int64_t end_ms_ = 0;
  std::vector<Person> persons_;
  std::vector<NoticePlan> notices_;
  std::set<std::string> reserved_;
  std::size_t ordinary_count_ = 0;
};

/// The youngest age, in whole years, the declared `birth` allows at `at_ms` (a year alone may
/// end on 31 December, a month alone on its last day): how the rules read a declared date, so
/// that an imprecise date never hides a minor.
std::uint32_t YoungestAge(const v1::CalendarDate& birth, std::int64_t at_ms);

/// Days since 1970-01-01 of a Gregorian date, and back.
std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day);
void CivilFromDays(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day);

/// The embedded cases (embedded.cpp) and the ordinary households (ordinary.cpp).
void AddEmbeddedCases(Generator& generator);
/// One ordinary household, drawn; returns how many persons it had.
std::size_t AddOrdinaryHousehold(Generator& generator);
/// The hard negatives that are not drawn but placed: women whose names are close to a notice's.
void AddNoticeNamesakes(Generator& generator);

}  // namespace minegate::test::population::internal
