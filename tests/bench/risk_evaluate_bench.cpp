// bench_risk_evaluate: what the risk engine costs per person (server/risk Evaluate under the
// default rule set), for an ordinary miner, an ordinary woman and a flagged young woman with
// every central pattern. Evaluate runs inside the ingest transaction and in the bulk
// re-evaluation after a rule change (1,000,000 persons in at most 60 s in all, so the engine
// should stay well under 10 us a person). "fresh" builds a new RiskAssessment each time (the
// monitor's path); "reused" writes into one message (the bulk path).
//
//   build/bench/bench_risk_evaluate [--benchmark_repetitions=5]

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "server/risk/risk_evaluator.hpp"
#include "server/risk/rule_set.hpp"

namespace {

using namespace minegate;
using server::risk::PersonFacts;

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kRegisteredAtMs = 1796083200000;  // 2026-12-01
constexpr std::int64_t kNowMs = kRegisteredAtMs + 40 * kDayMs;

std::string Token(std::uint64_t n) {
  std::string token(16, '\0');
  for (int i = 0; i < 8; ++i) token[static_cast<std::size_t>(i)] = static_cast<char>(n >> (8 * i));
  return token;
}

v1::PersonRegistered Registration(v1::Sex sex, std::uint32_t birth_year) {
  v1::PersonRegistered r;
  r.set_person_token(Token(1));
  r.set_given_name("Awa");
  r.set_family_name("Ndiaye");
  r.set_sex(sex);
  r.mutable_birth()->set_year(birth_year);
  r.mutable_birth()->set_month(3);
  r.mutable_birth()->set_day(12);
  r.set_nationality("SEN");
  r.mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
  r.mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_SELF);
  r.add_languages("wol");
  r.add_languages("fra");
  r.set_occupation(v1::OCCUPATION_MINER);
  r.set_purpose(v1::PURPOSE_MINING);
  return r;
}

/// A miner at one site, in every morning and out every evening for a month.
void DailyPassages(PersonFacts& facts) {
  for (int day = 0; day < 30; ++day) {
    facts.passages.push_back({12, v1::DIRECTION_IN, kRegisteredAtMs + day * kDayMs});
    facts.passages.push_back({12, v1::DIRECTION_OUT, kRegisteredAtMs + day * kDayMs + 36'000'000});
  }
}

PersonFacts OrdinaryMan() {
  PersonFacts facts;
  facts.registration = Registration(v1::SEX_MALE, 1988);
  facts.registered_at_ms = kRegisteredAtMs;
  DailyPassages(facts);
  return facts;
}

PersonFacts OrdinaryWoman() {
  PersonFacts facts;
  facts.registration = Registration(v1::SEX_FEMALE, 1992);
  facts.registered_at_ms = kRegisteredAtMs;
  server::risk::CompanionFact husband;
  husband.relation = v1::COMPANION_RELATION_SPOUSE;
  husband.key = "00112233445566778899aabbccddeeff";
  husband.recorded_at_ms = kRegisteredAtMs;
  facts.companions.push_back(husband);
  DailyPassages(facts);
  return facts;
}

/// A young woman with every sign: recruiter who brought six others, promised bar job, travel
/// paid and a debt, document held, no local language, moved across five sites, a notice match.
PersonFacts FlaggedWoman() {
  PersonFacts facts;
  facts.registration = Registration(v1::SEX_FEMALE, 2005);
  v1::PersonRegistered& r = facts.registration;
  r.set_nationality("NGA");
  r.clear_languages();
  r.add_languages("eng");
  r.add_languages("pcm");
  r.set_purpose(v1::PURPOSE_PROMISED_JOB);
  r.set_promised_job(v1::PROMISED_JOB_BAR);
  r.set_travel_paid_by_third_party(v1::ANSWER_YES);
  r.set_debt_declared(v1::ANSWER_YES);
  r.mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER);
  r.mutable_entered_senegal()->set_year(2026);
  r.mutable_entered_senegal()->set_month(11);
  r.mutable_entered_senegal()->set_day(20);
  facts.registered_at_ms = kRegisteredAtMs;
  server::risk::CompanionFact recruiter;
  recruiter.relation = v1::COMPANION_RELATION_RECRUITER;
  recruiter.answered_for_person = true;
  recruiter.key = "d:homme grand moto rouge";
  recruiter.recorded_at_ms = kRegisteredAtMs;
  for (std::uint64_t i = 0; i < 6; ++i) {
    server::risk::BroughtPerson other;
    other.person_token = Token(100 + i);
    other.sex = v1::SEX_FEMALE;
    other.birth.set_year(static_cast<std::uint32_t>(2002 + i % 5));
    other.recorded_at_ms = kRegisteredAtMs - static_cast<std::int64_t>(i) * 7 * kDayMs;
    recruiter.others.push_back(other);
  }
  facts.companions.push_back(recruiter);
  for (std::uint32_t site = 0; site < 5; ++site) {
    facts.passages.push_back({20 + site, v1::DIRECTION_IN, kRegisteredAtMs + site * 5 * kDayMs});
  }
  facts.notice_matches.push_back({42, v1::SEARCH_NOTICE_KIND_MISSING,
                                  v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY, 0.93});
  return facts;
}

void Fresh(benchmark::State& state, const PersonFacts& facts, bool expect_flag) {
  const server::risk::CompiledRuleSet& rules = server::risk::DefaultRuleSet();
  if (server::risk::Evaluate(rules, facts, kNowMs).flagged() != expect_flag) {
    state.SkipWithError("the person is not the case this benchmark measures");
    return;
  }
  for (auto _ : state) {
    v1::RiskAssessment assessment = server::risk::Evaluate(rules, facts, kNowMs);
    benchmark::DoNotOptimize(assessment);
  }
  state.SetItemsProcessed(state.iterations());
}

void Reused(benchmark::State& state, const PersonFacts& facts, bool expect_flag) {
  const server::risk::CompiledRuleSet& rules = server::risk::DefaultRuleSet();
  v1::RiskAssessment assessment;
  server::risk::Evaluate(rules, facts, kNowMs, assessment);
  if (assessment.flagged() != expect_flag) {
    state.SkipWithError("the person is not the case this benchmark measures");
    return;
  }
  for (auto _ : state) {
    server::risk::Evaluate(rules, facts, kNowMs, assessment);
    benchmark::DoNotOptimize(assessment);
  }
  state.SetItemsProcessed(state.iterations());
}

const PersonFacts kOrdinaryMan = OrdinaryMan();
const PersonFacts kOrdinaryWoman = OrdinaryWoman();
const PersonFacts kFlaggedWoman = FlaggedWoman();

BENCHMARK_CAPTURE(Fresh, ordinary_man, kOrdinaryMan, false);
BENCHMARK_CAPTURE(Fresh, ordinary_woman, kOrdinaryWoman, false);
BENCHMARK_CAPTURE(Fresh, flagged_woman, kFlaggedWoman, true);
BENCHMARK_CAPTURE(Reused, ordinary_man, kOrdinaryMan, false);
BENCHMARK_CAPTURE(Reused, ordinary_woman, kOrdinaryWoman, false);
BENCHMARK_CAPTURE(Reused, flagged_woman, kFlaggedWoman, true);

}  // namespace

BENCHMARK_MAIN();
