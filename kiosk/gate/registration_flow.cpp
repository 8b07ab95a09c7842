#include "kiosk/gate/registration_flow.hpp"

#include <sodium.h>

#include "db/wal.hpp"
#include "kiosk/gate/draft_validator.hpp"
#include "kiosk/gate/internal/replies.hpp"

namespace minegate::kiosk::gate {
using internal::Ok;
using internal::Refused;
using internal::Rejected;
using internal::StorageRefused;

RegistrationFlow::RegistrationFlow(db::Connection& connection)
    : connection_(connection), drafts_(connection), roster_(connection) {}

db::Result<void> RegistrationFlow::Load() {
  auto draft = drafts_.Load();
  if (!draft) return draft.error();
  // A restart never leaves a write half-known: the draft goes back to waiting
  // for its bracelet, and a bracelet already written for it is recognised.
  draft_ = draft.value();
  return db::Success();
}

v1::TapPrompt RegistrationFlow::Prompt() const {
  if (!draft_) return v1::TAP_PROMPT_NONE;
  if (draft_->draft.step() == v1::REGISTRATION_STEP_BRACELET) {
    return v1::TAP_PROMPT_BLANK_BRACELET;
  }
  if (draft_->draft.step() == v1::REGISTRATION_STEP_COMPANION && companion_armed_) {
    return v1::TAP_PROMPT_COMPANION_BRACELET;
  }
  return v1::TAP_PROMPT_NONE;
}

v1::UiReply RegistrationFlow::Start(std::int64_t now_ms) {
  if (draft_) return Ok();  // One registration at a time: continue the one open.
  store::StoredDraft fresh;
  fresh.draft.set_step(v1::REGISTRATION_STEP_INFORMATION);
  fresh.person_token.assign(16, '\0');
  randombytes_buf(fresh.person_token.data(), fresh.person_token.size());
  fresh.updated_at_ms = now_ms;
  if (auto saved = drafts_.Save(fresh.draft, fresh.person_token, fresh.updated_at_ms); !saved) {
    return StorageRefused(saved.error());
  }
  draft_ = std::move(fresh);
  return Ok();
}

v1::UiReply RegistrationFlow::Save(const v1::RegistrationDraft& incoming, std::int64_t now_ms) {
  if (!draft_) return Refused(v1::UI_ERROR_CODE_NO_REGISTRATION);
  const v1::RegistrationStep current = draft_->draft.step();
  // Once the bracelet step is reached the draft is frozen: what is written on
  // the bracelet and recorded must be what was validated.
  if (current == v1::REGISTRATION_STEP_BRACELET) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  v1::RegistrationDraft draft = incoming;
  // The page moves between the steps before BRACELET; only Submit goes further.
  if (draft.step() == v1::REGISTRATION_STEP_UNSPECIFIED ||
      draft.step() >= v1::REGISTRATION_STEP_BRACELET ||
      !v1::RegistrationStep_IsValid(draft.step())) {
    draft.set_step(current);
  }
  if (draft.step() > v1::REGISTRATION_STEP_INFORMATION) {
    auto problems = ValidateInformationStep(draft);
    if (!problems.empty()) {
      draft.set_step(v1::REGISTRATION_STEP_INFORMATION);
    }
  }
  // The companion read from a bracelet is set by the kiosk, never by the page.
  draft.set_companion_person_token(draft_->draft.companion_person_token());
  draft.set_companion_first_name(draft_->draft.companion_first_name());
  if (draft.companion_choice() != v1::COMPANION_CHOICE_BRACELET) {
    draft.clear_companion_person_token();
    draft.clear_companion_first_name();
  }
  draft.mutable_person()->clear_person_token();
  if (auto saved = drafts_.Save(draft, draft_->person_token, now_ms); !saved) {
    return StorageRefused(saved.error());
  }
  draft_->draft = std::move(draft);
  draft_->updated_at_ms = now_ms;
  if (draft_->draft.step() != v1::REGISTRATION_STEP_COMPANION) companion_armed_ = false;
  return Ok();
}

v1::UiReply RegistrationFlow::Submit(std::int64_t now_ms) {
  if (!draft_) return Refused(v1::UI_ERROR_CODE_NO_REGISTRATION);
  auto problems = ValidateDraft(draft_->draft, now_ms);
  if (!problems.empty()) {
    v1::UiReply reply = Refused(v1::UI_ERROR_CODE_INVALID_DRAFT);
    for (v1::FieldError& problem : problems) *reply.add_field_errors() = std::move(problem);
    return reply;
  }
  v1::RegistrationDraft ready = draft_->draft;
  ready.set_step(v1::REGISTRATION_STEP_BRACELET);
  if (auto saved = drafts_.Save(ready, draft_->person_token, now_ms); !saved) {
    return StorageRefused(saved.error());
  }
  draft_->draft = std::move(ready);
  draft_->updated_at_ms = now_ms;
  companion_armed_ = false;
  return Ok();
}

v1::UiReply RegistrationFlow::Cancel() {
  if (!draft_) return Refused(v1::UI_ERROR_CODE_NO_REGISTRATION);
  // Delete() also empties the write-ahead log (it runs outside any transaction here).
  if (auto deleted = drafts_.Delete(); !deleted) return StorageRefused(deleted.error());
  draft_.reset();
  companion_armed_ = false;
  return Ok();
}

v1::UiReply RegistrationFlow::ArmCompanion() {
  if (!draft_) return Refused(v1::UI_ERROR_CODE_NO_REGISTRATION);
  companion_armed_ = true;
  return Ok();
}

v1::TapOutcome RegistrationFlow::CompanionTap(const TapVerdict& verdict, std::int64_t now_ms) {
  if (!draft_) return Rejected(v1::TAP_PROBLEM_STORAGE_FAILED);
  if (verdict.verification != v1::VERIFICATION_VALID || !verdict.credential) {
    v1::TapOutcome outcome = Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
    outcome.set_verification(verdict.verification);
    return outcome;
  }
  const std::string token = PersonTokenOf(*verdict.credential);
  // Her own bracelet-to-be cannot name her companion.
  if (token == draft_->person_token) return Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
  v1::RegistrationDraft updated = draft_->draft;
  updated.set_companion_choice(v1::COMPANION_CHOICE_BRACELET);
  updated.set_companion_person_token(token);
  updated.clear_companion_first_name();
  updated.clear_companion_description();
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_COMPANION_READ);
  outcome.set_verification(verdict.verification);
  if (auto known = roster_.Find(token, now_ms); known && known.value()) {
    updated.set_companion_first_name(known.value()->first_name);
    outcome.set_first_name(known.value()->first_name);
  }
  if (!drafts_.Save(updated, draft_->person_token, now_ms)) {
    return Rejected(v1::TAP_PROBLEM_STORAGE_FAILED);
  }
  draft_->draft = std::move(updated);
  draft_->updated_at_ms = now_ms;
  companion_armed_ = false;
  return outcome;
}

std::optional<RegistrationRecord> RegistrationFlow::Events(const EventFactory& factory,
                                                           const std::string& agent_id,
                                                           const v1::TagPresented& tag,
                                                           const std::string& credential,
                                                           std::int64_t now_ms) const {
  const v1::RegistrationDraft& draft = draft_->draft;
  const std::string& token = draft_->person_token;
  RegistrationRecord record;

  v1::Event person = factory.Envelope(agent_id, now_ms);
  *person.mutable_person_registered() = draft.person();
  person.mutable_person_registered()->set_person_token(token);
  auto sealed_person = factory.Seal(person);
  if (!sealed_person) return std::nullopt;
  record.events.push_back(std::move(sealed_person).value());

  v1::Event issued = factory.Envelope(agent_id, now_ms);
  auto* bracelet = issued.mutable_bracelet_issued();
  bracelet->set_person_token(token);
  bracelet->set_tag_uid(tag.uid());
  bracelet->set_tag_type(tag.tag_type());
  bracelet->set_credential(credential);
  record.events.push_back(std::move(issued));

  if (draft.companion_choice() == v1::COMPANION_CHOICE_BRACELET ||
      draft.companion_choice() == v1::COMPANION_CHOICE_DESCRIBED) {
    v1::Event companion = factory.Envelope(agent_id, now_ms);
    auto* recorded = companion.mutable_companion_recorded();
    recorded->set_person_token(token);
    if (draft.companion_choice() == v1::COMPANION_CHOICE_BRACELET) {
      recorded->set_companion_person_token(draft.companion_person_token());
    } else {
      recorded->set_companion_description(draft.companion_description());
    }
    recorded->set_relation(draft.companion_relation());
    recorded->set_companion_answered_for_person(draft.companion_answered_for_person());
    auto sealed_companion = factory.Seal(companion);
    if (!sealed_companion) return std::nullopt;
    record.events.push_back(std::move(sealed_companion).value());
  }

  // Her first entry through this gate, in the same step.
  v1::Event entry = factory.Envelope(agent_id, now_ms);
  auto* passed = entry.mutable_gate_passed();
  passed->set_direction(v1::DIRECTION_IN);
  passed->set_tag_uid(tag.uid());
  passed->set_verification(v1::VERIFICATION_VALID);
  passed->set_person_token(token);
  record.events.push_back(std::move(entry));

  record.wearer.first_name = draft.person().given_name();
  record.wearer.sex = draft.person().sex();
  record.wearer.birth_year = draft.person().birth().year();
  return record;
}

db::Result<void> RegistrationFlow::Complete(const store::RosterEntry& wearer,
                                            std::int64_t expires_at_ms) {
  if (!draft_) return make_error_code(db::Errc::misuse);
  if (auto put = roster_.Put(draft_->person_token, wearer, expires_at_ms); !put) {
    return put.error();
  }
  return drafts_.Delete();
}

void RegistrationFlow::Recorded() {
  // The draft's clear text leaves the write-ahead log too (secure_delete zeroes the pages).
  (void)db::TruncateWal(connection_);
  draft_.reset();
  companion_armed_ = false;
}

v1::TapOutcome RegistrationFlow::Registered(const store::RosterEntry& wearer,
                                            std::uint64_t device_seq) {
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_REGISTERED);
  outcome.set_verification(v1::VERIFICATION_VALID);
  outcome.set_direction(v1::DIRECTION_IN);
  outcome.set_first_name(wearer.first_name);
  outcome.set_sex(wearer.sex);
  outcome.set_birth_year(wearer.birth_year);
  outcome.set_recorded(true);
  outcome.set_device_seq(device_seq);
  return outcome;
}

bool RegistrationFlow::ExpireAbandoned(std::int64_t now_ms, std::chrono::milliseconds ttl,
                                       bool write_pending) {
  // A draft waiting for its bracelet is kept: the bracelet may already hold it
  // (written just before a crash), and only the agent can cancel it.
  if (!draft_ || now_ms - draft_->updated_at_ms <= ttl.count() || write_pending ||
      draft_->draft.step() == v1::REGISTRATION_STEP_BRACELET) {
    return false;
  }
  // An abandoned draft is personal data in clear: it does not stay.
  if (drafts_.Delete()) draft_.reset();
  return true;
}

}  // namespace minegate::kiosk::gate
