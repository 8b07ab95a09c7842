// Field rules of a registration draft.
#include "kiosk/gate/draft_validator.hpp"

#include <gtest/gtest.h>

namespace minegate::test {
namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;  // 2026-09-21

std::map<std::string, v1::FieldProblem> Problems(const v1::RegistrationDraft& draft) {
  std::map<std::string, v1::FieldProblem> out;
  for (const auto& error : kiosk::gate::ValidateDraft(draft, kNow)) {
    out[error.field()] = error.problem();
  }
  return out;
}

TEST(DraftValidatorTest, AnEmptyDraftListsEveryRequiredField) {
  auto problems = Problems(v1::RegistrationDraft());
  for (const char* field : {"person.consent.informationGiven", "person.consent.informationLanguage",
                            "person.consent.method", "person.givenName", "person.familyName",
                            "person.sex", "person.birth.year", "person.identityDocument.type",
                            "person.occupation", "person.purpose", "companionChoice"}) {
    EXPECT_EQ(problems[field], v1::FIELD_PROBLEM_REQUIRED) << field;
  }
}

TEST(DraftValidatorTest, DatesMustBeRealAndPast) {
  v1::RegistrationDraft draft;
  draft.mutable_person()->mutable_birth()->set_year(2031);
  EXPECT_EQ(Problems(draft)["person.birth.year"], v1::FIELD_PROBLEM_OUT_OF_RANGE);
  draft.mutable_person()->mutable_birth()->set_year(2001);
  draft.mutable_person()->mutable_birth()->set_month(2);
  draft.mutable_person()->mutable_birth()->set_day(30);
  EXPECT_EQ(Problems(draft)["person.birth.day"], v1::FIELD_PROBLEM_OUT_OF_RANGE);
  draft.mutable_person()->mutable_birth()->set_month(0);
  EXPECT_EQ(Problems(draft)["person.birth.month"], v1::FIELD_PROBLEM_REQUIRED);
  draft.mutable_person()->mutable_birth()->set_year(2026);
  draft.mutable_person()->mutable_birth()->set_month(12);
  draft.mutable_person()->mutable_birth()->set_day(1);
  EXPECT_EQ(Problems(draft)["person.birth.day"], v1::FIELD_PROBLEM_OUT_OF_RANGE);
}

TEST(DraftValidatorTest, NamesCountCharactersNotBytes) {
  v1::RegistrationDraft draft;
  std::string name;
  for (int i = 0; i < 80; ++i) name += "é";  // 160 bytes, 80 characters
  draft.mutable_person()->set_given_name(name);
  EXPECT_EQ(Problems(draft).count("person.givenName"), 0u);
  draft.mutable_person()->set_given_name(name + "e");
  EXPECT_EQ(Problems(draft)["person.givenName"], v1::FIELD_PROBLEM_TOO_LONG);
  draft.mutable_person()->set_given_name("Awa\nDiallo");
  EXPECT_EQ(Problems(draft)["person.givenName"], v1::FIELD_PROBLEM_BAD_FORMAT);
}

TEST(DraftValidatorTest, FormatsAndConsistency) {
  v1::RegistrationDraft draft;
  auto* person = draft.mutable_person();
  person->set_nationality("sn");
  person->set_phone("+22177123456789012");
  person->add_languages("french");
  person->set_purpose(v1::PURPOSE_MINING);
  person->set_promised_job(v1::PROMISED_JOB_BAR);
  person->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
  person->mutable_identity_document()->set_number("A123");
  auto problems = Problems(draft);
  EXPECT_EQ(problems["person.nationality"], v1::FIELD_PROBLEM_BAD_FORMAT);
  EXPECT_EQ(problems["person.phone"], v1::FIELD_PROBLEM_BAD_FORMAT);
  EXPECT_EQ(problems["person.languages"], v1::FIELD_PROBLEM_BAD_FORMAT);
  EXPECT_EQ(problems["person.promisedJob"], v1::FIELD_PROBLEM_INCONSISTENT);
  EXPECT_EQ(problems["person.identityDocument.number"], v1::FIELD_PROBLEM_INCONSISTENT);
  person->set_purpose(v1::PURPOSE_PROMISED_JOB);
  person->clear_promised_job();
  EXPECT_EQ(Problems(draft)["person.promisedJob"], v1::FIELD_PROBLEM_REQUIRED);
}

TEST(DraftValidatorTest, ProtectionQuestionsFollowConsent) {
  v1::RegistrationDraft draft;
  auto* person = draft.mutable_person();
  person->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_PASSPORT);
  person->mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER);
  person->set_travel_paid_by_third_party(v1::ANSWER_YES);
  auto declined = Problems(draft);
  EXPECT_EQ(declined["person.identityDocument.holder"], v1::FIELD_PROBLEM_NEEDS_CONSENT);
  EXPECT_EQ(declined["person.travelPaidByThirdParty"], v1::FIELD_PROBLEM_NEEDS_CONSENT);
  EXPECT_EQ(declined.count("person.debtDeclared"), 0u);
  person->mutable_consent()->set_protection_questions_accepted(true);
  auto accepted = Problems(draft);
  EXPECT_EQ(accepted.count("person.identityDocument.holder"), 0u);
  EXPECT_EQ(accepted.count("person.travelPaidByThirdParty"), 0u);
  EXPECT_EQ(accepted["person.debtDeclared"], v1::FIELD_PROBLEM_REQUIRED);
}

TEST(DraftValidatorTest, CompanionNeedsWhoAndRelation) {
  v1::RegistrationDraft draft;
  draft.set_companion_choice(v1::COMPANION_CHOICE_DESCRIBED);
  auto problems = Problems(draft);
  EXPECT_EQ(problems["companionDescription"], v1::FIELD_PROBLEM_REQUIRED);
  EXPECT_EQ(problems["companionRelation"], v1::FIELD_PROBLEM_REQUIRED);
  draft.set_companion_choice(v1::COMPANION_CHOICE_BRACELET);
  EXPECT_EQ(Problems(draft)["companionPersonToken"], v1::FIELD_PROBLEM_REQUIRED);
  draft.set_companion_choice(v1::COMPANION_CHOICE_NONE);
  EXPECT_EQ(Problems(draft).count("companionRelation"), 0u);
}

}  // namespace
}  // namespace minegate::test

namespace minegate::test {
namespace {

TEST(DraftValidatorTest, TheInformationStepAsksOnlyWhatItShows) {
  v1::RegistrationDraft draft;
  draft.mutable_person()->mutable_consent()->set_information_given(true);
  draft.mutable_person()->mutable_consent()->set_information_language("wol");
  // The consent method comes on the next step.
  EXPECT_TRUE(kiosk::gate::ValidateInformationStep(draft).empty());
  draft.mutable_person()->mutable_consent()->set_information_given(false);
  ASSERT_EQ(kiosk::gate::ValidateInformationStep(draft).size(), 1u);
  EXPECT_EQ(kiosk::gate::ValidateInformationStep(draft)[0].field(),
            "person.consent.informationGiven");
}

}  // namespace
}  // namespace minegate::test
