#include "tests/integration/server/silent_flags/scenario.hpp"

#include <sodium.h>

#include <chrono>
#include <span>

#include "proto/credential/issuer.hpp"

namespace minegate::test {
namespace {

constexpr std::int64_t kScenarioMinuteMs = 60'000;
constexpr std::int64_t kScenarioDayMs = 24 * 60 * kScenarioMinuteMs;

struct Civil {
  std::uint32_t year = 0;
  std::uint32_t month = 0;
};

Civil CivilOf(std::int64_t ms) {
  using namespace std::chrono;
  const year_month_day day{floor<days>(sys_time<milliseconds>(milliseconds(ms)))};
  return {static_cast<std::uint32_t>(static_cast<int>(day.year())),
          static_cast<std::uint32_t>(static_cast<unsigned>(day.month()))};
}

std::string RandomToken() {
  std::string token(16, '\0');
  randombytes_buf(token.data(), token.size());
  return token;
}

/// What an agent types for one person; the protection answers only where she accepted them.
struct Typed {
  std::string given;
  std::string family;
  v1::Sex sex = v1::SEX_MALE;
  std::uint32_t birth_year = 0;
  std::uint32_t birth_month = 0;
  std::uint32_t birth_day = 0;
  std::string nationality;
  v1::DocumentType document = v1::DOCUMENT_TYPE_NATIONAL_ID;
  std::string document_number;
  v1::DocumentHolder holder = v1::DOCUMENT_HOLDER_SELF;
  std::vector<std::string> languages;
  v1::Occupation occupation = v1::OCCUPATION_MINER;
  v1::Purpose purpose = v1::PURPOSE_MINING;
  v1::PromisedJob job = v1::PROMISED_JOB_UNSPECIFIED;
  v1::Answer travel_paid = v1::ANSWER_NO;
  v1::Answer debt = v1::ANSWER_NO;
  Civil entered;  ///< year 0: born in Senegal
};

Typed Named(std::string given, std::string family, v1::Sex sex, std::uint32_t year,
            std::uint32_t month, std::uint32_t day, std::string nationality) {
  Typed typed;
  typed.given = std::move(given);
  typed.family = std::move(family);
  typed.sex = sex;
  typed.birth_year = year;
  typed.birth_month = month;
  typed.birth_day = day;
  typed.nationality = std::move(nationality);
  return typed;
}

ScenarioPerson Person(const Typed& typed, bool flagged, bool urgent) {
  ScenarioPerson person;
  person.token = RandomToken();
  person.flagged = flagged;
  person.urgent = urgent;
  v1::PersonRegistered& p = person.registration;
  p.set_person_token(person.token);
  p.set_given_name(typed.given);
  p.set_family_name(typed.family);
  p.set_sex(typed.sex);
  p.mutable_birth()->set_year(typed.birth_year);
  p.mutable_birth()->set_month(typed.birth_month);
  p.mutable_birth()->set_day(typed.birth_day);
  p.mutable_birth()->set_estimated(typed.birth_month == 0);
  p.set_nationality(typed.nationality);
  p.mutable_identity_document()->set_type(typed.document);
  if (typed.document != v1::DOCUMENT_TYPE_NONE) {
    p.mutable_identity_document()->set_number(typed.document_number);
    p.mutable_identity_document()->set_issuing_country(typed.nationality);
  }
  p.mutable_identity_document()->set_holder(typed.holder);
  for (const std::string& language : typed.languages) p.add_languages(language);
  p.set_occupation(typed.occupation);
  p.set_purpose(typed.purpose);
  p.set_promised_job(typed.job);
  p.set_travel_paid_by_third_party(typed.travel_paid);
  p.set_debt_declared(typed.debt);
  if (typed.entered.year != 0) {
    p.mutable_entered_senegal()->set_year(typed.entered.year);
    p.mutable_entered_senegal()->set_month(typed.entered.month);
  }
  p.mutable_consent()->set_information_given(true);
  p.mutable_consent()->set_information_language(typed.languages.front());
  p.mutable_consent()->set_protection_questions_accepted(true);
  p.mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
  return person;
}

v1::Event Registered(RecordingKiosk& kiosk, const ScenarioPerson& person, std::int64_t at) {
  v1::Event event = kiosk.NextEvent(at);
  *event.mutable_person_registered() = person.registration;
  return kiosk.Seal(event);
}

v1::Event CameWith(RecordingKiosk& kiosk, const ScenarioPerson& person,
                   const ScenarioPerson& companion, v1::CompanionRelation relation,
                   std::int64_t at) {
  v1::Event event = kiosk.NextEvent(at);
  auto* c = event.mutable_companion_recorded();
  c->set_person_token(person.token);
  c->set_companion_person_token(companion.token);
  c->set_relation(relation);
  return kiosk.Seal(event);
}

v1::Event BraceletFor(RecordingKiosk& kiosk, const ScenarioPerson& person, const std::string& uid,
                      std::int64_t at) {
  credential::CredentialFields fields;
  fields.kind = credential::Kind::bracelet;
  std::copy(person.token.begin(), person.token.end(), fields.person_token.begin());
  fields.site_id = kiosk.site_id();
  fields.issued_at_ms = at;
  auto signed_credential = credential::Issue(
      fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()),
      kiosk.key());
  v1::Event event = kiosk.NextEvent(at);
  auto* bracelet = event.mutable_bracelet_issued();
  bracelet->set_person_token(person.token);
  bracelet->set_tag_uid(uid);
  bracelet->set_tag_type(v1::TAG_TYPE_NTAG213);
  if (signed_credential) {
    bracelet->set_credential(
        std::string(signed_credential.value().begin(), signed_credential.value().end()));
  }
  return event;
}

v1::Event Tapped(RecordingKiosk& kiosk, const ScenarioPerson& person, const std::string& uid,
                 v1::Direction direction, std::int64_t at) {
  v1::Event event = kiosk.NextEvent(at);
  auto* gate = event.mutable_gate_passed();
  gate->set_direction(direction);
  gate->set_tag_uid(uid);
  gate->set_verification(v1::VERIFICATION_VALID);
  gate->set_person_token(person.token);
  return event;
}

}  // namespace

Scenario::Scenario(std::int64_t now_ms) : t0_(now_ms - 2 * kScenarioDayMs) {
  const Civil today = CivilOf(now_ms);
  const Civil arrived = CivilOf(now_ms - 40 * kScenarioDayMs);
  const std::uint32_t y = today.year;

  Typed hawa = Named("Hawa", "Sissoko", v1::SEX_FEMALE, y - 15, 3, 10, "MLI");
  hawa.document_number = "ML5550123";
  hawa.holder = v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER;
  hawa.languages = {"bam"};
  hawa.occupation = v1::OCCUPATION_DOMESTIC_WORKER;
  hawa.purpose = v1::PURPOSE_PROMISED_JOB;
  hawa.job = v1::PROMISED_JOB_DOMESTIC_WORK;
  girl = Person(hawa, true, true);

  Typed chinedu = Named("Chinedu", "Okafor", v1::SEX_MALE, y - 38, 0, 0, "NGA");
  chinedu.document = v1::DOCUMENT_TYPE_PASSPORT;
  chinedu.document_number = "A09391234";
  chinedu.languages = {"eng", "ibo"};
  chinedu.entered = arrived;
  recruiter = Person(chinedu, false, false);

  // Brought by him: young women promised bar work, their journey paid by someone else.
  const auto brought = [&](std::string given, std::string family, std::uint32_t age,
                           v1::DocumentType document, std::string number, v1::DocumentHolder holder,
                           bool notice) {
    Typed woman = Named(std::move(given), std::move(family), v1::SEX_FEMALE, y - age, 0, 0, "NGA");
    woman.document = document;
    woman.document_number = std::move(number);
    woman.holder = holder;
    woman.languages = {"eng", "pcm"};
    woman.occupation = v1::OCCUPATION_BAR_WORKER;
    woman.purpose = v1::PURPOSE_PROMISED_JOB;
    woman.job = v1::PROMISED_JOB_BAR;
    woman.travel_paid = v1::ANSWER_YES;
    woman.debt = notice ? v1::ANSWER_DECLINED : v1::ANSWER_YES;
    woman.entered = arrived;
    return Person(woman, true, notice);
  };
  recruited.push_back(brought("Blessing", "Eze", 21, v1::DOCUMENT_TYPE_NONE, "",
                              v1::DOCUMENT_HOLDER_NOT_ASKED, true));
  recruited.push_back(brought("Joy", "Nwosu", 20, v1::DOCUMENT_TYPE_PASSPORT, "A07745110",
                              v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER, false));
  recruited.push_back(brought("Precious", "Adeyemi", 23, v1::DOCUMENT_TYPE_ECOWAS_ID, "NG4471982",
                              v1::DOCUMENT_HOLDER_SELF, false));

  Typed moussa = Named("Moussa", "Diallo", v1::SEX_MALE, y - 41, 0, 0, "SEN");
  moussa.document_number = "1751198400123";
  moussa.languages = {"wol", "fra"};
  Typed awa = Named("Awa", "Ndiaye", v1::SEX_FEMALE, y - 39, 0, 0, "SEN");
  awa.document_number = "2751198700456";
  awa.languages = {"wol", "fra"};
  awa.occupation = v1::OCCUPATION_TRADER;
  awa.purpose = v1::PURPOSE_OWN_TRADE;
  Typed seydou = Named("Seydou", "Traoré", v1::SEX_MALE, y - 29, 0, 0, "MLI");
  seydou.document_number = "ML7003311";
  seydou.languages = {"bam", "fra"};
  ordinary = {Person(moussa, false, false), Person(awa, false, false),
              Person(seydou, false, false)};

  Typed ibrahima = Named("Ibrahima", "Sow", v1::SEX_MALE, y - 50, 0, 0, "GIN");
  ibrahima.document_number = "GN0098123";
  ibrahima.languages = {"fuf", "fra"};
  Typed fanta = Named("Fanta", "Camara", v1::SEX_FEMALE, y - 33, 0, 0, "GIN");
  fanta.document_number = "GN0144501";
  fanta.languages = {"emk", "fra"};
  elsewhere = {Person(ibrahima, false, false), Person(fanta, false, false)};

  girl_bracelet = std::string("\x04\x5A\x11\x22\x33\x44\x01", 7);
  recruited_bracelet = std::string("\x04\x5A\x11\x22\x33\x44\x02", 7);
  recruited_bracelets = {recruited_bracelet, std::string("\x04\x5A\x11\x22\x33\x44\x03", 7),
                         std::string("\x04\x5A\x11\x22\x33\x44\x04", 7)};
}

std::string Scenario::NoticeRequestJson() const {
  // "Blesing Ezeh": how her family spelled it to the service; born the year she declared.
  return R"j({"kind":"missing_person","givenName":"Blesing","familyName":"Ezeh",)j"
         R"j("sex":"SEX_FEMALE","birthYear":)j" +
         std::to_string(recruited[0].registration.birth().year()) +
         R"j(,"nationality":"NGA","photoDescription":"Cicatrice au menton, tresses courtes )j"
         R"j(/ scar on the chin, short braids","reportingService":"Famille Eze, Benin City )j"
         R"j((signalée à NAPTIP)"})j";
}

std::string Scenario::CareServiceRequestJson() {
  return R"({"name":"Centre d'accueil Kanyaa","kind":"reception_centre","place":"Kédougou",)"
         R"("contact":"+221 33 985 11 22, Mme Kanté","languages":["fra","wol","bam"],)"
         R"("acceptsMinors":true})";
}

std::vector<const ScenarioPerson*> Scenario::Everyone() const {
  std::vector<const ScenarioPerson*> everyone = {&girl, &recruiter};
  for (const auto& person : recruited) everyone.push_back(&person);
  for (const auto& person : ordinary) everyone.push_back(&person);
  for (const auto& person : elsewhere) everyone.push_back(&person);
  return everyone;
}

std::vector<std::string> Scenario::Tokens() const {
  std::vector<std::string> tokens;
  for (const ScenarioPerson* person : Everyone()) tokens.push_back(person->token);
  return tokens;
}

std::vector<std::vector<v1::Event>> Scenario::FirstSiteBatches(RecordingKiosk& kiosk) const {
  const std::int64_t m = kScenarioMinuteMs;
  std::vector<std::vector<v1::Event>> batches;
  // Ordinary arrivals: a miner, his wife who trades, another miner.
  batches.push_back(
      {Registered(kiosk, ordinary[0], t0_), Registered(kiosk, ordinary[1], t0_ + m),
       CameWith(kiosk, ordinary[1], ordinary[0], v1::COMPANION_RELATION_SPOUSE, t0_ + m),
       Registered(kiosk, ordinary[2], t0_ + 2 * m)});
  // The girl, with the man who says he employs her and keeps her card, and who answered.
  std::vector<v1::Event> girl_batch = {Registered(kiosk, girl, t0_ + 10 * m)};
  v1::Event employer = kiosk.NextEvent(t0_ + 10 * m);
  auto* c = employer.mutable_companion_recorded();
  c->set_person_token(girl.token);
  c->set_companion_description(employer_description);
  c->set_relation(v1::COMPANION_RELATION_EMPLOYER);
  c->set_companion_answered_for_person(true);
  girl_batch.push_back(kiosk.Seal(employer));
  girl_batch.push_back(BraceletFor(kiosk, girl, girl_bracelet, t0_ + 10 * m));
  batches.push_back(std::move(girl_batch));
  // The recruiter and the three young women he brought.
  std::vector<v1::Event> brought = {Registered(kiosk, recruiter, t0_ + 20 * m)};
  for (std::size_t i = 0; i < recruited.size(); ++i) {
    const std::int64_t at = t0_ + (21 + static_cast<std::int64_t>(i)) * m;
    brought.push_back(Registered(kiosk, recruited[i], at));
    brought.push_back(
        CameWith(kiosk, recruited[i], recruiter, v1::COMPANION_RELATION_RECRUITER, at));
  }
  for (std::size_t i = 0; i < recruited.size(); ++i) {
    brought.push_back(BraceletFor(kiosk, recruited[i], recruited_bracelets[i],
                                  t0_ + (21 + static_cast<std::int64_t>(i)) * m));
  }
  batches.push_back(std::move(brought));
  // Taps at the gate.
  batches.push_back(
      {Tapped(kiosk, girl, girl_bracelet, v1::DIRECTION_IN, t0_ + 30 * m),
       Tapped(kiosk, recruited[0], recruited_bracelet, v1::DIRECTION_IN, t0_ + 31 * m)});
  return batches;
}

std::vector<std::vector<v1::Event>> Scenario::SecondSiteBatches(RecordingKiosk& kiosk) const {
  const std::int64_t m = kScenarioMinuteMs;
  std::vector<std::vector<v1::Event>> batches;
  batches.push_back({Registered(kiosk, elsewhere[0], t0_ + 35 * m),
                     Registered(kiosk, elsewhere[1], t0_ + 36 * m)});
  batches.push_back(
      {Tapped(kiosk, girl, girl_bracelet, v1::DIRECTION_IN, t0_ + 40 * m),
       Tapped(kiosk, recruited[0], recruited_bracelet, v1::DIRECTION_IN, t0_ + kScenarioDayMs)});
  return batches;
}

}  // namespace minegate::test
