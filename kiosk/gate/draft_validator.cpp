#include "kiosk/gate/draft_validator.hpp"

#include <string>
#include <string_view>

#include "proto/rules/event_rules.hpp"

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

/// The protocol's problem kinds as the page shows them.
v1::FieldProblem ToUi(rules::Problem problem) {
  switch (problem) {
    case rules::Problem::required:
      return v1::FIELD_PROBLEM_REQUIRED;
    case rules::Problem::too_long:
      return v1::FIELD_PROBLEM_TOO_LONG;
    case rules::Problem::wrong_size:
    case rules::Problem::bad_format:
      return v1::FIELD_PROBLEM_BAD_FORMAT;
    case rules::Problem::out_of_range:
      return v1::FIELD_PROBLEM_OUT_OF_RANGE;
    case rules::Problem::needs_consent:
      return v1::FIELD_PROBLEM_NEEDS_CONSENT;
    case rules::Problem::inconsistent:
      return v1::FIELD_PROBLEM_INCONSISTENT;
  }
  return v1::FIELD_PROBLEM_BAD_FORMAT;
}

/// "birth.year" -> "birth.year", "identity_document.issuing_country" ->
/// "identityDocument.issuingCountry": the page's JSON names of proto paths.
std::string CamelPath(const std::string& path) {
  std::string out;
  bool upper = false;
  for (const char c : path) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

/// A protocol problem under "person_registered." or "companion_recorded." as the
/// page names it; empty for fields the kiosk fills itself (person tokens).
std::string UiField(const std::string& path) {
  constexpr std::string_view kPerson = "person_registered.";
  constexpr std::string_view kCompanion = "companion_recorded.";
  if (path.starts_with(kPerson)) {
    const std::string field = path.substr(kPerson.size());
    return field == "person_token" ? std::string() : "person." + CamelPath(field);
  }
  if (path.starts_with(kCompanion)) {
    const std::string field = path.substr(kCompanion.size());
    if (field == "person_token") return {};
    if (field == "companion") return "companionChoice";
    if (field == "relation") return "companionRelation";
    return CamelPath(field);
  }
  return {};
}

void AddAll(Problems& problems, const std::vector<rules::FieldProblem>& found) {
  for (const rules::FieldProblem& problem : found) {
    const std::string field = UiField(problem.field);
    if (!field.empty()) problems.Add(field, ToUi(problem.problem));
  }
}

/// Stands for the person token the kiosk draws when the bracelet is written.
const std::string kPlaceholderToken(16, '\x01');

/// Form rules that are not protocol rules: once the person accepted the
/// protection questions, the agent must ask each of them (the protocol lets a
/// question stay NOT_ASKED; the form does not).
void CheckProtectionAsked(Problems& problems, const v1::PersonRegistered& person) {
  if (!person.consent().protection_questions_accepted()) return;
  const v1::IdentityDocument& document = person.identity_document();
  if (document.type() != v1::DOCUMENT_TYPE_NONE &&
      document.holder() == v1::DOCUMENT_HOLDER_NOT_ASKED) {
    problems.Add("person.identityDocument.holder", v1::FIELD_PROBLEM_REQUIRED);
  }
  if (person.travel_paid_by_third_party() == v1::ANSWER_NOT_ASKED) {
    problems.Add("person.travelPaidByThirdParty", v1::FIELD_PROBLEM_REQUIRED);
  }
  if (person.debt_declared() == v1::ANSWER_NOT_ASKED) {
    problems.Add("person.debtDeclared", v1::FIELD_PROBLEM_REQUIRED);
  }
}

void CheckPerson(Problems& problems, const v1::PersonRegistered& draft_person,
                 std::int64_t now_ms) {
  v1::PersonRegistered person = draft_person;
  person.set_person_token(kPlaceholderToken);
  AddAll(problems, rules::CheckPersonRegistered(person, now_ms));
  CheckProtectionAsked(problems, person);
}

void CheckCompanion(Problems& problems, const v1::RegistrationDraft& draft) {
  v1::CompanionRecorded companion;
  companion.set_person_token(kPlaceholderToken);
  switch (draft.companion_choice()) {
    case v1::COMPANION_CHOICE_NONE:
      return;
    case v1::COMPANION_CHOICE_BRACELET:
      companion.set_companion_person_token(draft.companion_person_token());
      break;
    case v1::COMPANION_CHOICE_DESCRIBED:
      companion.set_companion_description(draft.companion_description());
      break;
    default:
      problems.Add("companionChoice", v1::FIELD_PROBLEM_REQUIRED);
      return;
  }
  companion.set_relation(draft.companion_relation());
  AddAll(problems, rules::CheckCompanionRecorded(companion));
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
  } else {
    // The same language rule as the whole registration's (ISO 639-3).
    v1::PersonRegistered person;
    person.mutable_consent()->set_information_language(consent.information_language());
    for (const rules::FieldProblem& problem : rules::CheckPersonRegistered(person, 0)) {
      if (problem.field == "person_registered.consent.information_language") {
        problems.Add("person.consent.informationLanguage", ToUi(problem.problem));
      }
    }
  }
  return problems.Take();
}

}  // namespace minegate::kiosk::gate
