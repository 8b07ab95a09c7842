// The field rules of events.proto (proto/rules): every rule with one event just
// inside and one just outside, and the words a refusal uses.
#include "proto/rules/event_rules.hpp"

#include <gtest/gtest.h>

#include "proto/credential/issuer.hpp"
#include "proto/credential/signing_key.hpp"
#include "tests/unit/rules/event_rule_cases.hpp"

namespace minegate::test {
namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;  // 2026-09-21

std::vector<rules::FieldProblem> Problems(const v1::Event& event) {
  auto problems = rules::CheckEnvelope(event);
  if (event.body_case() != v1::Event::BODY_NOT_SET) {
    auto body = rules::CheckBody(event, event.occurred_at_ms());
    problems.insert(problems.end(), body.begin(), body.end());
  }
  return problems;
}

class EventRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.now_ms = kNow;
    const auto issue_with = [](const credential::SigningKey& key) {
      return [&key](const credential::CredentialFields& fields, const std::string& uid) {
        auto bytes = credential::Issue(
            fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()), key);
        return bytes ? std::string(bytes.value().begin(), bytes.value().end()) : std::string();
      };
    };
    context_.issue = issue_with(key_);
    context_.issue_foreign = issue_with(foreign_);
  }

  credential::SigningKey key_ = credential::SigningKey::Generate().value();
  credential::SigningKey foreign_ = credential::SigningKey::Generate().value();
  RuleCaseContext context_;
};

TEST_F(EventRulesTest, EveryRuleJustInsideIsAcceptedAndJustOutsideNamesItsField) {
  std::size_t inside = 0;
  std::size_t outside = 0;
  std::uint64_t seq = 0;
  for (const RuleCase& rule_case : EventRuleCases()) {
    ++seq;
    const v1::Event event = CaseEvent(rule_case, context_, CaseEventId(seq), seq);
    const auto problems = Problems(event);
    if (rule_case.inside) {
      // Server-level inside cases must keep every field rule too.
      EXPECT_TRUE(problems.empty())
          << rule_case.rule << ": " << (problems.empty() ? "" : rules::Describe(problems[0]).en);
      ++inside;
      continue;
    }
    if (rule_case.level != RuleLevel::kLibrary) continue;
    ++outside;
    ASSERT_FALSE(problems.empty()) << rule_case.rule;
    EXPECT_EQ(problems.front().field, rule_case.field)
        << rule_case.rule << ": " << rules::Describe(problems.front()).en;
  }
  EXPECT_GT(inside, 40u);
  EXPECT_GT(outside, 70u);
}

TEST(EventRulesWordsTest, ARefusalSaysTheFieldTheCountAndTheBoundInBothLanguages) {
  v1::PersonRegistered person;
  person.set_given_name(std::string(81, 'a'));
  const auto problems = rules::CheckPersonRegistered(person, kNow);
  const auto found = std::find_if(problems.begin(), problems.end(), [](const auto& p) {
    return p.field == "person_registered.given_name";
  });
  ASSERT_NE(found, problems.end());
  EXPECT_EQ(found->problem, rules::Problem::too_long);
  const rules::Wording words = rules::Describe(*found);
  EXPECT_EQ(words.fr, "person_registered.given_name : 81 caractères, au plus 80");
  EXPECT_EQ(words.en, "person_registered.given_name: 81 characters, at most 80");
}

TEST(EventRulesWordsTest, EveryProblemHasWordsInBothLanguages) {
  v1::PersonRegistered person;
  person.set_nationality("mli");
  person.set_phone("abc");
  person.add_languages("fr");
  person.set_debt_declared(v1::ANSWER_YES);
  person.set_promised_job(v1::PROMISED_JOB_BAR);
  person.mutable_birth()->set_year(2001);
  person.mutable_birth()->set_month(2);
  person.mutable_birth()->set_day(30);
  for (const auto& problem : rules::CheckPersonRegistered(person, kNow)) {
    const rules::Wording words = rules::Describe(problem);
    EXPECT_EQ(words.fr.rfind(problem.field + " : ", 0), 0u) << words.fr;
    EXPECT_EQ(words.en.rfind(problem.field + ": ", 0), 0u) << words.en;
    EXPECT_GT(words.fr.size(), problem.field.size() + 5) << words.fr;
    EXPECT_NE(words.fr, words.en);
  }
}

TEST(EventRulesTextTest, InvalidUtf8IsRefusedWhereverItHides) {
  for (const std::string& bad : {std::string("\xc0\xaf"),          // overlong "/"
                                 std::string("\xed\xa0\x80"),      // a UTF-16 surrogate
                                 std::string("\xf4\x90\x80\x80"),  // past U+10FFFF
                                 std::string("abc\xe2\x82"),       // truncated
                                 std::string("\x80")}) {
    v1::BraceletRevoked revoked;
    revoked.set_tag_uid(std::string("\x04\x01\x02\x03", 4));
    revoked.set_reason(v1::REVOCATION_REASON_LOST);
    revoked.set_note(bad);
    const auto problems = rules::CheckBraceletRevoked(revoked);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].problem, rules::Problem::bad_format);
    EXPECT_EQ(problems[0].expect, rules::Expect::utf8);
  }
  v1::BraceletRevoked good;
  good.set_tag_uid(std::string("\x04\x01\x02\x03", 4));
  good.set_reason(v1::REVOCATION_REASON_DAMAGED);
  good.set_note("coupé 🙂 𝄞");  // 2-, 4- and 4-byte sequences
  EXPECT_TRUE(rules::CheckBraceletRevoked(good).empty());
}

TEST(EventRulesTextTest, OnlyPersonalBodiesMustBeSealed) {
  EXPECT_TRUE(rules::MustBeSealed(v1::Event::kPersonRegistered));
  EXPECT_TRUE(rules::MustBeSealed(v1::Event::kCompanionRecorded));
  EXPECT_TRUE(rules::MustBeSealed(v1::Event::kMinerCardLinked));
  EXPECT_FALSE(rules::MustBeSealed(v1::Event::kGatePassed));
  EXPECT_FALSE(rules::MustBeSealed(v1::Event::kBraceletIssued));
  EXPECT_FALSE(rules::MustBeSealed(v1::Event::kSealed));
}

}  // namespace
}  // namespace minegate::test
