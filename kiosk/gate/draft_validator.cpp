#include "kiosk/gate/draft_validator.hpp"

#include <chrono>
#include <regex>
#include <string>

namespace minegate::kiosk::gate {
namespace {

class Problems {
 public:
  void Add(const std::string& field, v1::FieldProblem problem) {
    v1::FieldError error;
    error.set_field(field);
    error.set_problem(problem);
    errors_.push_back(std::move(error));
  }
  std::vector<v1::FieldError> Take() { return std::move(errors_); }

 private:
  std::vector<v1::FieldError> errors_;
};

/// Characters, not bytes: names are limited to 80 characters as people count them.
std::size_t CodePoints(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool HasControl(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

void CheckText(Problems& problems, const char* field, const std::string& value,
               std::size_t max_chars, bool required) {
  if (value.empty()) {
    if (required) problems.Add(field, v1::FIELD_PROBLEM_REQUIRED);
    return;
  }
  if (CodePoints(value) > max_chars) {
    problems.Add(field, v1::FIELD_PROBLEM_TOO_LONG);
  } else if (HasControl(value)) {
    problems.Add(field, v1::FIELD_PROBLEM_BAD_FORMAT);
  }
}

bool Matches(const std::string& value, const char* pattern) {
  return std::regex_match(value, std::regex(pattern));
}

int CurrentYear(std::int64_t now_ms) {
  const std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(now_ms)));
  return static_cast<int>(std::chrono::year_month_day(day).year());
}

/// A declared date: year required when `required`, month and day optional but
/// real, nothing in the future.
void CheckDate(Problems& problems, const std::string& prefix, const v1::CalendarDate& date,
               bool required, std::int64_t now_ms) {
  const std::string year_field = prefix + ".year";
  const std::string month_field = prefix + ".month";
  const std::string day_field = prefix + ".day";
  if (date.year() == 0) {
    if (required) problems.Add(year_field, v1::FIELD_PROBLEM_REQUIRED);
    if (date.month() != 0 || date.day() != 0) {
      problems.Add(year_field, v1::FIELD_PROBLEM_REQUIRED);
    }
    return;
  }
  const int this_year = CurrentYear(now_ms);
  if (date.year() < 1900 || static_cast<int>(date.year()) > this_year) {
    problems.Add(year_field, v1::FIELD_PROBLEM_OUT_OF_RANGE);
    return;
  }
  if (date.month() > 12) {
    problems.Add(month_field, v1::FIELD_PROBLEM_OUT_OF_RANGE);
    return;
  }
  if (date.day() != 0) {
    if (date.month() == 0) {
      problems.Add(month_field, v1::FIELD_PROBLEM_REQUIRED);
      return;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(date.year())),
                                          std::chrono::month(date.month()),
                                          std::chrono::day(date.day())};
    if (!ymd.ok()) {
      problems.Add(day_field, v1::FIELD_PROBLEM_OUT_OF_RANGE);
      return;
    }
    const auto when = std::chrono::sys_days(ymd).time_since_epoch();
    if (std::chrono::duration_cast<std::chrono::milliseconds>(when).count() > now_ms) {
      problems.Add(day_field, v1::FIELD_PROBLEM_OUT_OF_RANGE);
    }
  }
}

void CheckConsent(Problems& problems, const v1::Consent& consent) {
  if (!consent.information_given()) {
    problems.Add("person.consent.informationGiven", v1::FIELD_PROBLEM_REQUIRED);
  }
  if (consent.information_language().empty()) {
    problems.Add("person.consent.informationLanguage", v1::FIELD_PROBLEM_REQUIRED);
  } else if (!Matches(consent.information_language(), "[a-z]{3}")) {
    problems.Add("person.consent.informationLanguage", v1::FIELD_PROBLEM_BAD_FORMAT);
  }
  if (consent.method() == v1::CONSENT_METHOD_UNSPECIFIED ||
      !v1::ConsentMethod_IsValid(consent.method())) {
    problems.Add("person.consent.method", v1::FIELD_PROBLEM_REQUIRED);
  }
}

void CheckDocument(Problems& problems, const v1::IdentityDocument& document, bool consented) {
  if (document.type() == v1::DOCUMENT_TYPE_UNSPECIFIED ||
      !v1::DocumentType_IsValid(document.type())) {
    problems.Add("person.identityDocument.type", v1::FIELD_PROBLEM_REQUIRED);
  }
  if (document.type() == v1::DOCUMENT_TYPE_NONE) {
    if (!document.number().empty()) {
      problems.Add("person.identityDocument.number", v1::FIELD_PROBLEM_INCONSISTENT);
    }
  } else if (!document.number().empty() &&
             !Matches(document.number(), "[A-Z0-9][A-Z0-9 /-]{0,31}")) {
    problems.Add("person.identityDocument.number", document.number().size() > 32
                                                       ? v1::FIELD_PROBLEM_TOO_LONG
                                                       : v1::FIELD_PROBLEM_BAD_FORMAT);
  }
  if (!document.issuing_country().empty() && !Matches(document.issuing_country(), "[A-Z]{3}")) {
    problems.Add("person.identityDocument.issuingCountry", v1::FIELD_PROBLEM_BAD_FORMAT);
  }
  if (!v1::DocumentHolder_IsValid(document.holder())) {
    problems.Add("person.identityDocument.holder", v1::FIELD_PROBLEM_BAD_FORMAT);
  } else if (!consented && document.holder() != v1::DOCUMENT_HOLDER_NOT_ASKED) {
    problems.Add("person.identityDocument.holder", v1::FIELD_PROBLEM_NEEDS_CONSENT);
  } else if (consented && document.type() != v1::DOCUMENT_TYPE_NONE &&
             document.holder() == v1::DOCUMENT_HOLDER_NOT_ASKED) {
    problems.Add("person.identityDocument.holder", v1::FIELD_PROBLEM_REQUIRED);
  }
}

void CheckProtectionAnswer(Problems& problems, const char* field, v1::Answer answer,
                           bool consented) {
  if (!v1::Answer_IsValid(answer)) {
    problems.Add(field, v1::FIELD_PROBLEM_BAD_FORMAT);
  } else if (!consented && answer != v1::ANSWER_NOT_ASKED) {
    // Declined questions are not asked, and nothing of them is stored.
    problems.Add(field, v1::FIELD_PROBLEM_NEEDS_CONSENT);
  } else if (consented && answer == v1::ANSWER_NOT_ASKED) {
    problems.Add(field, v1::FIELD_PROBLEM_REQUIRED);
  }
}

void CheckPerson(Problems& problems, const v1::PersonRegistered& person, std::int64_t now_ms) {
  const bool consented = person.consent().protection_questions_accepted();
  CheckConsent(problems, person.consent());
  CheckText(problems, "person.givenName", person.given_name(), 80, true);
  CheckText(problems, "person.familyName", person.family_name(), 80, true);
  if (person.sex() == v1::SEX_UNSPECIFIED || !v1::Sex_IsValid(person.sex())) {
    problems.Add("person.sex", v1::FIELD_PROBLEM_REQUIRED);
  }
  CheckDate(problems, "person.birth", person.birth(), true, now_ms);
  if (!person.nationality().empty() && !Matches(person.nationality(), "[A-Z]{3}")) {
    problems.Add("person.nationality", v1::FIELD_PROBLEM_BAD_FORMAT);
  }
  CheckText(problems, "person.placeOfOrigin", person.place_of_origin(), 120, false);
  CheckDocument(problems, person.identity_document(), consented);
  if (!person.phone().empty() && !Matches(person.phone(), "\\+[1-9][0-9]{7,14}")) {
    problems.Add("person.phone", v1::FIELD_PROBLEM_BAD_FORMAT);
  }
  if (person.languages_size() > 16) problems.Add("person.languages", v1::FIELD_PROBLEM_TOO_LONG);
  for (const std::string& language : person.languages()) {
    if (!Matches(language, "[a-z]{3}")) {
      problems.Add("person.languages", v1::FIELD_PROBLEM_BAD_FORMAT);
      break;
    }
  }
  if (person.occupation() == v1::OCCUPATION_UNSPECIFIED ||
      !v1::Occupation_IsValid(person.occupation())) {
    problems.Add("person.occupation", v1::FIELD_PROBLEM_REQUIRED);
  }
  CheckText(problems, "person.occupationDetail", person.occupation_detail(), 120, false);
  if (person.purpose() == v1::PURPOSE_UNSPECIFIED || !v1::Purpose_IsValid(person.purpose())) {
    problems.Add("person.purpose", v1::FIELD_PROBLEM_REQUIRED);
  }
  if (!v1::PromisedJob_IsValid(person.promised_job())) {
    problems.Add("person.promisedJob", v1::FIELD_PROBLEM_BAD_FORMAT);
  } else if (person.purpose() == v1::PURPOSE_PROMISED_JOB &&
             person.promised_job() == v1::PROMISED_JOB_UNSPECIFIED) {
    problems.Add("person.promisedJob", v1::FIELD_PROBLEM_REQUIRED);
  } else if (person.purpose() != v1::PURPOSE_PROMISED_JOB &&
             person.promised_job() != v1::PROMISED_JOB_UNSPECIFIED) {
    problems.Add("person.promisedJob", v1::FIELD_PROBLEM_INCONSISTENT);
  }
  CheckProtectionAnswer(problems, "person.travelPaidByThirdParty",
                        person.travel_paid_by_third_party(), consented);
  CheckProtectionAnswer(problems, "person.debtDeclared", person.debt_declared(), consented);
  if (person.has_entered_senegal()) {
    CheckDate(problems, "person.enteredSenegal", person.entered_senegal(), false, now_ms);
  }
}

void CheckCompanion(Problems& problems, const v1::RegistrationDraft& draft) {
  switch (draft.companion_choice()) {
    case v1::COMPANION_CHOICE_NONE:
      return;
    case v1::COMPANION_CHOICE_BRACELET:
      if (draft.companion_person_token().size() != 16) {
        problems.Add("companionPersonToken", v1::FIELD_PROBLEM_REQUIRED);
      }
      break;
    case v1::COMPANION_CHOICE_DESCRIBED:
      CheckText(problems, "companionDescription", draft.companion_description(), 200, true);
      break;
    default:
      problems.Add("companionChoice", v1::FIELD_PROBLEM_REQUIRED);
      return;
  }
  if (draft.companion_relation() == v1::COMPANION_RELATION_UNSPECIFIED ||
      !v1::CompanionRelation_IsValid(draft.companion_relation())) {
    problems.Add("companionRelation", v1::FIELD_PROBLEM_REQUIRED);
  }
}

}  // namespace

std::vector<v1::FieldError> ValidateDraft(const v1::RegistrationDraft& draft, std::int64_t now_ms) {
  Problems problems;
  CheckPerson(problems, draft.person(), now_ms);
  CheckCompanion(problems, draft);
  return problems.Take();
}

std::vector<v1::FieldError> ValidateInformationStep(const v1::RegistrationDraft& draft) {
  // Only what the information step itself asks: read out, and in which language.
  // The consent method is chosen on the next step and checked at submission.
  Problems problems;
  const v1::Consent& consent = draft.person().consent();
  if (!consent.information_given()) {
    problems.Add("person.consent.informationGiven", v1::FIELD_PROBLEM_REQUIRED);
  }
  if (consent.information_language().empty()) {
    problems.Add("person.consent.informationLanguage", v1::FIELD_PROBLEM_REQUIRED);
  } else if (!Matches(consent.information_language(), "[a-z]{3}")) {
    problems.Add("person.consent.informationLanguage", v1::FIELD_PROBLEM_BAD_FORMAT);
  }
  return problems.Take();
}

}  // namespace minegate::kiosk::gate
