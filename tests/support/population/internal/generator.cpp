#include "tests/support/population/internal/generator.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "tests/support/population/names.hpp"

namespace minegate::test::population::internal {
namespace {

std::string ReservedKey(const std::string& nationality, const std::string& given,
                        const std::string& family) {
  return nationality + "|" + given + "|" + family;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// Shift changes. Pit teams relieve each other at dawn and at nightfall, and the gates see most
// of their day then: miners going down or coming up, and with them those who live off them
// (food sellers, moto-taxis, traders). Assumed: four trips in ten at each change (as many
// going as coming back: who goes down in the morning comes up in the evening), one in five at
// any gate hour (market, water, errands in town). The whole hour inside each change (06h, 18h)
// then holds about a quarter of the trips' passages, three to four times the mean gate hour,
// and the day between stays busy enough to see. Like ordinary.cpp's figures, no survey gives
// these; they are ours to argue with.
constexpr DayWindow kMorningShift{6 * 60, 7 * 60 + 30};
constexpr DayWindow kEveningShift{17 * 60 + 30, 19 * 60};
constexpr DayWindow kGateHours{7 * 60, 18 * 60 + 30};
constexpr double kMorningShare = 0.4;
constexpr double kEveningShare = 0.4;

}  // namespace

std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

std::uint32_t YoungestAge(const v1::CalendarDate& birth, std::int64_t at_ms) {
  std::int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
  CivilFromDays(at_ms / kDayMs, year, month, day);
  std::int64_t years = year - static_cast<std::int64_t>(birth.year());
  if (birth.month() == 0) {
    years -= 1;  // her birthday may be later this year
  } else if (birth.day() == 0) {
    if (month <= birth.month()) years -= 1;
  } else if (month < birth.month() || (month == birth.month() && day < birth.day())) {
    years -= 1;
  }
  return years < 0 ? 0 : static_cast<std::uint32_t>(years);
}

Generator::Generator(const PopulationOptions& options, const Fleet& fleet)
    : options_(options),
      fleet_(fleet),
      random_(options.seed),
      timeline_(fleet, random_),
      end_ms_(options.start_ms + options.days * kDayMs) {}

std::int64_t Generator::At(int day, int hour, int minute) const {
  return options_.start_ms + day * kDayMs + hour * kHourMs + minute * 60'000LL;
}

std::int64_t Generator::GateTime(int day) {
  return At(day, 7) + random_.Between(0, 11 * 60 + 30) * 60'000LL;
}

std::int64_t Generator::TripOut(int day) {
  if (!options_.shift_change_peaks) return GateTime(day);
  return InWindow(DrawTripWindow(), At(day, 0));
}

std::int64_t Generator::TripBack(std::int64_t out) {
  const std::int64_t away = random_.Between64(2 * kHourMs, 36 * kHourMs);
  if (!options_.shift_change_peaks) return out + away;
  // Out at the morning change, back at the evening one or another morning's, say.
  return InWindow(DrawTripWindow(), out + away);
}

DayWindow Generator::DrawTripWindow() {
  const double r = random_.Unit();
  if (r < kMorningShare) return kMorningShift;
  if (r < kMorningShare + kEveningShare) return kEveningShift;
  return kGateHours;
}

std::int64_t Generator::InWindow(const DayWindow& window, std::int64_t from_ms) {
  std::int64_t day_start = start_ms() + (from_ms - start_ms()) / kDayMs * kDayMs;
  if (from_ms < day_start) day_start -= kDayMs;  // before the start: floor, not truncation
  for (;; day_start += kDayMs) {
    const std::int64_t opens = day_start + window.from_minute * 60'000LL;
    const std::int64_t closes = day_start + window.to_minute * 60'000LL;
    if (from_ms < closes) return random_.Between64(std::max(opens, from_ms), closes - 1);
  }
}

void Generator::Reserve(const std::string& nationality, const std::string& given,
                        const std::string& family) {
  reserved_.insert(ReservedKey(nationality, given, family));
}

std::string Generator::Digits(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + random_.Below(10)));
  return out;
}

std::string Generator::DrawPhone(const std::string& nationality) {
  if (nationality == "SEN") return "+2217" + std::to_string(random_.Between(5, 8)) + Digits(7);
  if (nationality == "MLI") return "+2237" + Digits(7);
  if (nationality == "GIN") return "+2246" + Digits(8);
  if (nationality == "BFA") return "+2267" + Digits(7);
  if (nationality == "NGA") return "+2348" + Digits(9);
  if (nationality == "GMB") return "+2207" + Digits(6);
  if (nationality == "GHA") return "+2332" + Digits(8);
  return "+22507" + Digits(8);
}

v1::CalendarDate Generator::DrawBirth(int age_years, std::int64_t at_ms) {
  std::int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
  CivilFromDays(at_ms / kDayMs, year, month, day);
  if (month == 2 && day == 29) day = 28;
  // Between exactly `age_years` and the day before the next birthday.
  const std::int64_t birthday =
      DaysFromCivil(year - age_years, month, day) - random_.Between(0, 360);
  CivilFromDays(birthday, year, month, day);
  v1::CalendarDate birth;
  birth.set_year(static_cast<std::uint32_t>(year));
  birth.set_month(month);
  birth.set_day(day);
  return birth;
}

void Generator::DrawDocument(const PersonSpec& spec, v1::IdentityDocument& document,
                             std::uint32_t age) {
  const bool female = spec.sex == v1::SEX_FEMALE;
  const bool has = spec.has_document.value_or(
      random_.Chance(age < 18 ? 0.55 : (female ? 0.86 : 0.91)) || !spec.passport_number.empty());
  if (!has) {
    document.set_type(v1::DOCUMENT_TYPE_NONE);
    return;
  }
  document.set_issuing_country(spec.nationality);
  if (!spec.passport_number.empty()) {
    document.set_type(v1::DOCUMENT_TYPE_PASSPORT);
    document.set_number(spec.passport_number);
    return;
  }
  const double r = random_.Unit();
  if (age < 18) {
    document.set_type(v1::DOCUMENT_TYPE_BIRTH_CERTIFICATE);
    document.set_number(Digits(4) + "/" + Digits(2));
  } else if (spec.nationality == "SEN") {
    if (r < 0.85) {
      document.set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
      document.set_number("1" + Digits(12));
    } else if (r < 0.93) {
      document.set_type(v1::DOCUMENT_TYPE_VOTER_CARD);
      document.set_number(Digits(9));
    } else {
      document.set_type(v1::DOCUMENT_TYPE_PASSPORT);
      document.set_number("A" + Digits(8));
    }
  } else if (spec.nationality == "NGA") {
    if (r < 0.55) {
      document.set_type(v1::DOCUMENT_TYPE_PASSPORT);
      document.set_number("B" + Digits(8));
    } else if (r < 0.8) {
      document.set_type(v1::DOCUMENT_TYPE_ECOWAS_ID);
      document.set_number("NG" + Digits(9));
    } else {
      document.set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
      document.set_number(Digits(11));
    }
  } else if (r < 0.45) {
    document.set_type(v1::DOCUMENT_TYPE_ECOWAS_ID);
    document.set_number(spec.nationality.substr(0, 2) + Digits(9));
  } else if (r < 0.65) {
    document.set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
    document.set_number(Digits(10));
  } else if (r < 0.8) {
    document.set_type(v1::DOCUMENT_TYPE_CONSULAR_CARD);
    document.set_number("CC-" + Digits(8));
  } else {
    document.set_type(v1::DOCUMENT_TYPE_PASSPORT);
    document.set_number("P" + Digits(8));
  }
}

v1::PersonRegistered Generator::Record(const PersonSpec& spec, std::int64_t at_ms,
                                       std::uint32_t& age) {
  const Origin& origin = OriginOf(spec.nationality);
  const bool female = spec.sex == v1::SEX_FEMALE;
  v1::PersonRegistered record;
  std::string given = spec.given_name;
  std::string family = spec.family_name;
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (spec.given_name.empty()) {
      given = std::string(random_.Pick(female ? origin.female_given : origin.male_given));
    }
    if (spec.family_name.empty()) family = std::string(random_.Pick(origin.family));
    const bool drawn = spec.given_name.empty() || spec.family_name.empty();
    if (!drawn || !female || reserved_.count(ReservedKey(spec.nationality, given, family)) == 0) {
      break;
    }
  }
  record.set_given_name(given);
  record.set_family_name(family);
  record.set_sex(spec.sex);

  // The document first: a date of birth read from a document is a full one.
  std::optional<v1::CalendarDate> truth;
  if (spec.birth) {
    truth = *spec.birth;
    if (truth->month() == 0) truth->set_month(7);  // the middle of the year she was born in
    if (truth->day() == 0) truth->set_day(1);
  } else {
    truth = DrawBirth(spec.age_years, at_ms);
  }
  age = YoungestAge(*truth, at_ms);
  v1::IdentityDocument& document = *record.mutable_identity_document();
  DrawDocument(spec, document, age);
  if (spec.birth) {
    *record.mutable_birth() = *spec.birth;
  } else {
    *record.mutable_birth() = *truth;
    if (!random_.Chance(document.type() != v1::DOCUMENT_TYPE_NONE ? 0.85 : 0.2)) {
      record.mutable_birth()->clear_month();
      record.mutable_birth()->clear_day();
      record.mutable_birth()->set_estimated(true);
    }
  }
  record.set_nationality(spec.nationality);
  record.set_place_of_origin(std::string(random_.Pick(origin.places)));
  if (random_.Chance(0.4)) record.set_phone(DrawPhone(spec.nationality));
  const std::string languages =
      spec.languages.empty() ? std::string(random_.Pick(origin.languages)) : spec.languages;
  for (const std::string& language : Words(languages)) record.add_languages(language);
  record.set_occupation(spec.occupation);
  record.set_purpose(spec.purpose);
  record.set_promised_job(spec.job);

  const bool questions = spec.questions.value_or(random_.Chance(female ? 0.75 : 0.55));
  v1::Consent& consent = *record.mutable_consent();
  consent.set_information_given(true);
  consent.set_information_language(record.languages(0));
  consent.set_protection_questions_accepted(questions);
  if (spec.guardian_consent) {
    consent.set_method(v1::CONSENT_METHOD_GUARDIAN);
  } else {
    const double r = random_.Unit();
    consent.set_method(r < 0.7   ? v1::CONSENT_METHOD_ORAL
                       : r < 0.9 ? v1::CONSENT_METHOD_THUMBPRINT
                                 : v1::CONSENT_METHOD_SIGNATURE);
  }
  if (questions) {
    // Now and then one question is left unanswered: that is no sign.
    const auto answer = [this](v1::Answer given_answer) {
      return given_answer == v1::ANSWER_NO && random_.Chance(0.03) ? v1::ANSWER_DECLINED
                                                                   : given_answer;
    };
    record.set_travel_paid_by_third_party(answer(spec.travel_paid));
    record.set_debt_declared(answer(spec.debt));
    if (document.type() != v1::DOCUMENT_TYPE_NONE) document.set_holder(spec.holder);
  }

  if (spec.nationality != "SEN") {
    int days = 0;
    if (spec.entered_days_ago) {
      days = *spec.entered_days_ago;
    } else {
      const double recent = spec.nationality == "NGA" ? 0.55 : 0.25;
      const double r = random_.Unit();
      days =
          r < 0.15 ? -1 : (r < 0.15 + recent ? random_.Between(3, 85) : random_.Between(100, 3000));
    }
    if (days >= 0) {
      std::int64_t year = 0;
      unsigned month = 0;
      unsigned day = 0;
      CivilFromDays(at_ms / kDayMs - days, year, month, day);
      v1::CalendarDate& entered = *record.mutable_entered_senegal();
      entered.set_year(static_cast<std::uint32_t>(year));
      entered.set_month(month);
      // A recent entry is remembered to the day, an old one to the month.
      if (days <= 90) entered.set_day(day);
    }
  }
  return record;
}

std::size_t Generator::Register(const PersonSpec& spec, Truth truth, const std::string& group,
                                std::size_t site, std::int64_t at_ms,
                                const std::optional<CompanionSpec>& companion) {
  std::uint32_t age = 0;
  v1::PersonRegistered record = Record(spec, at_ms, age);
  const std::string token = random_.Bytes(16);
  record.set_person_token(token);

  Person person;
  person.token = token;
  person.given_name = record.given_name();
  person.family_name = record.family_name();
  person.sex = spec.sex;
  person.nationality = spec.nationality;
  person.age_years = age;
  person.truth = truth;
  if (truth == Truth::kOrdinary && YoungestAge(record.birth(), at_ms) < 18) {
    person.truth = Truth::kMinor;
  }
  if (person.truth == Truth::kOrdinary || person.truth == Truth::kMinor) ++ordinary_count_;
  person.group = group;
  person.first_site = site;
  person.registered_at_ms = at_ms;
  persons_.push_back(std::move(person));
  timeline_.Register(site, at_ms, record, companion);
  return persons_.size() - 1;
}

void Generator::Pass(std::size_t person, std::size_t site, v1::Direction direction,
                     std::int64_t at_ms) {
  timeline_.Pass(persons_[person].token, site, direction, at_ms);
}

void Generator::Live(std::size_t person, const std::vector<Stay>& stays, double trips_per_week,
                     bool leaves) {
  std::int64_t t = persons_[person].registered_at_ms;
  const double mean_gap_ms = trips_per_week > 0 ? 7.0 * kDayMs / trips_per_week : 0.0;
  for (std::size_t i = 0; i < stays.size(); ++i) {
    const Stay& stay = stays[i];
    // Trips out of the site and back (market, water, a night in town), in gate hours or at
    // shift changes.
    while (mean_gap_ms > 0) {
      const double gap = -std::log(1.0 - random_.Unit()) * mean_gap_ms;
      const std::int64_t day = (t + static_cast<std::int64_t>(gap) - start_ms()) / kDayMs;
      const std::int64_t out = TripOut(static_cast<int>(day));
      const std::int64_t back = TripBack(out);
      if (back >= stay.until_ms - kHourMs) break;
      if (out <= t) {
        t += kHourMs;
        continue;
      }
      Pass(person, stay.site, v1::DIRECTION_OUT, out);
      Pass(person, stay.site, v1::DIRECTION_IN, back);
      t = back;
    }
    if (i + 1 < stays.size()) {
      // By road to the next site: out at dawn or in the morning, in some hours later.
      Pass(person, stay.site, v1::DIRECTION_OUT, stay.until_ms);
      t = stay.until_ms + random_.Between64(5 * kHourMs, 9 * kHourMs);
      Pass(person, stays[i + 1].site, v1::DIRECTION_IN, t);
    } else if (leaves && stay.until_ms < end_ms_) {
      Pass(person, stay.site, v1::DIRECTION_OUT, stay.until_ms);
    }
  }
}

}  // namespace minegate::test::population::internal
