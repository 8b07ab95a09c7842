#pragma once
// People for the risk engine's tests: an ordinary adult miner by default, each risk sign one
// call away.

#include <cstdint>
#include <string>

#include "server/risk/person_facts.hpp"

namespace minegate::server::risk::testing {

/// 2026-12-01T00:00:00Z.
inline constexpr std::int64_t kRegisteredAtMs = 1796083200000;
inline constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

/// A 16-byte token from a number.
inline std::string Token(std::uint64_t n) {
  std::string token(16, '\0');
  for (int i = 0; i < 8; ++i) token[static_cast<std::size_t>(i)] = static_cast<char>(n >> (8 * i));
  token[15] = 't';
  return token;
}

class FactsBuilder {
 public:
  /// An adult man, miner, Senegalese, speaking Wolof and French, with a national identity
  /// document he holds, came to mine, no companion, no passage: nothing to raise.
  FactsBuilder() {
    v1::PersonRegistered& r = facts_.registration;
    r.set_person_token(Token(1));
    r.set_given_name("Moussa");
    r.set_family_name("Diop");
    r.set_sex(v1::SEX_MALE);
    r.mutable_birth()->set_year(1990);
    r.mutable_birth()->set_month(5);
    r.mutable_birth()->set_day(14);
    r.set_nationality("SEN");
    r.mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
    r.mutable_identity_document()->set_number("1234567890123");
    r.mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_SELF);
    r.add_languages("wol");
    r.add_languages("fra");
    r.set_occupation(v1::OCCUPATION_MINER);
    r.set_purpose(v1::PURPOSE_MINING);
    r.set_travel_paid_by_third_party(v1::ANSWER_NO);
    r.set_debt_declared(v1::ANSWER_NO);
    r.mutable_consent()->set_information_given(true);
    r.mutable_consent()->set_information_language("fra");
    r.mutable_consent()->set_protection_questions_accepted(true);
    r.mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
    facts_.registered_at_ms = kRegisteredAtMs;
  }

  FactsBuilder& Female() {
    facts_.registration.set_sex(v1::SEX_FEMALE);
    return *this;
  }
  FactsBuilder& Nationality(const std::string& code) {
    facts_.registration.set_nationality(code);
    return *this;
  }
  /// Born on this full date.
  FactsBuilder& Born(std::uint32_t year, std::uint32_t month, std::uint32_t day) {
    v1::CalendarDate& birth = *facts_.registration.mutable_birth();
    birth.set_year(year);
    birth.set_month(month);
    birth.set_day(day);
    birth.set_estimated(false);
    return *this;
  }
  /// Born in this year, estimated (no month, no day).
  FactsBuilder& BornAbout(std::uint32_t year) {
    v1::CalendarDate& birth = *facts_.registration.mutable_birth();
    birth.Clear();
    birth.set_year(year);
    birth.set_estimated(true);
    return *this;
  }
  FactsBuilder& Companion(v1::CompanionRelation relation, const std::string& key,
                          bool answered = false, std::int64_t at_ms = kRegisteredAtMs) {
    CompanionFact companion;
    companion.relation = relation;
    companion.key = key;
    companion.answered_for_person = answered;
    companion.recorded_at_ms = at_ms;
    facts_.companions.push_back(companion);
    return *this;
  }
  /// Another person the last companion brought.
  FactsBuilder& Brought(std::uint64_t token, v1::Sex sex, std::uint32_t birth_year,
                        std::int64_t at_ms) {
    BroughtPerson other;
    other.person_token = Token(token);
    other.sex = sex;
    other.birth.set_year(birth_year);
    other.birth.set_month(1);
    other.birth.set_day(1);
    other.recorded_at_ms = at_ms;
    facts_.companions.back().others.push_back(other);
    return *this;
  }
  FactsBuilder& DocumentHeldBy(v1::DocumentHolder holder) {
    facts_.registration.mutable_identity_document()->set_holder(holder);
    return *this;
  }
  FactsBuilder& NoDocument() {
    v1::IdentityDocument& document = *facts_.registration.mutable_identity_document();
    document.Clear();
    document.set_type(v1::DOCUMENT_TYPE_NONE);
    return *this;
  }
  FactsBuilder& TravelPaid() {
    facts_.registration.set_travel_paid_by_third_party(v1::ANSWER_YES);
    return *this;
  }
  FactsBuilder& Debt() {
    facts_.registration.set_debt_declared(v1::ANSWER_YES);
    return *this;
  }
  FactsBuilder& Promised(v1::PromisedJob job) {
    facts_.registration.set_purpose(v1::PURPOSE_PROMISED_JOB);
    facts_.registration.set_promised_job(job);
    return *this;
  }
  FactsBuilder& Purpose(v1::Purpose purpose) {
    facts_.registration.set_purpose(purpose);
    facts_.registration.set_promised_job(v1::PROMISED_JOB_UNSPECIFIED);
    return *this;
  }
  /// Entered Senegal on this full date.
  FactsBuilder& Entered(std::uint32_t year, std::uint32_t month, std::uint32_t day) {
    v1::CalendarDate& entered = *facts_.registration.mutable_entered_senegal();
    entered.set_year(year);
    entered.set_month(month);
    entered.set_day(day);
    return *this;
  }
  FactsBuilder& Languages(std::initializer_list<const char*> codes) {
    facts_.registration.clear_languages();
    for (const char* code : codes) facts_.registration.add_languages(code);
    return *this;
  }
  FactsBuilder& Passage(std::uint32_t site_id, v1::Direction direction, std::int64_t at_ms) {
    facts_.passages.push_back({site_id, direction, at_ms});
    return *this;
  }
  FactsBuilder& NoticeMatch(std::int64_t notice_id, v1::SearchNoticeKind kind,
                            v1::SearchNoticeMatchMethod method, double similarity) {
    facts_.notice_matches.push_back({notice_id, kind, method, similarity});
    return *this;
  }

  const PersonFacts& facts() const { return facts_; }
  PersonFacts Build() const { return facts_; }

 private:
  PersonFacts facts_;
};

}  // namespace minegate::server::risk::testing
