// A registration draft that passes every check, as an agent would fill it in with a young
// woman promised a restaurant job and brought by a recruiter (described, not tapped).
#pragma once

#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::test {

/// `consent`: the protection questions accepted, and two of them answered.
inline v1::RegistrationDraft CompleteRegistrationDraft(bool consent) {
  v1::RegistrationDraft draft;
  draft.set_step(v1::REGISTRATION_STEP_COMPANION);
  auto* person = draft.mutable_person();
  person->set_given_name("Aïssatou");
  person->set_family_name("Keïta");
  person->set_sex(v1::SEX_FEMALE);
  person->mutable_birth()->set_year(2007);
  person->mutable_birth()->set_estimated(true);
  person->set_nationality("MLI");
  person->set_place_of_origin("Kéniéba");
  person->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
  person->add_languages("bam");
  person->set_occupation(v1::OCCUPATION_FOOD_SERVICE);
  person->set_purpose(v1::PURPOSE_PROMISED_JOB);
  person->set_promised_job(v1::PROMISED_JOB_RESTAURANT);
  auto* c = person->mutable_consent();
  c->set_information_given(true);
  c->set_information_language("bam");
  c->set_method(v1::CONSENT_METHOD_ORAL);
  c->set_protection_questions_accepted(consent);
  if (consent) {
    person->set_travel_paid_by_third_party(v1::ANSWER_YES);
    person->set_debt_declared(v1::ANSWER_DECLINED);
  }
  draft.set_companion_choice(v1::COMPANION_CHOICE_DESCRIBED);
  draft.set_companion_description("homme, la quarantaine, moto rouge");
  draft.set_companion_relation(v1::COMPANION_RELATION_RECRUITER);
  draft.set_companion_answered_for_person(true);
  return draft;
}

}  // namespace minegate::test
