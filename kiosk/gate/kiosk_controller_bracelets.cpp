// KioskController: the bracelet service — seize and revoke a bracelet at the
// gate, replace a damaged one (tapped first) or a lost one (found on the
// server). A replacement writes a new bracelet for the same person token, so
// the person keeps one history; the old bracelet is revoked here at once and
// everywhere once the events reach the server.
//
// The person token of a replacement lives only in memory, for the few seconds
// between choosing and writing: the kiosk's files never hold it in clear.
#include <algorithm>

#include "kiosk/gate/internal/replies.hpp"
#include "kiosk/gate/kiosk_controller.hpp"
#include "kiosk/gate/tap_verifier.hpp"

namespace minegate::kiosk::gate {
using internal::Ok;
using internal::Refused;
using internal::Rejected;

namespace {

constexpr std::size_t kMaxNoteChars = 200;
constexpr std::size_t kMaxNameChars = 80;

std::size_t CodePoints(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool Printable(const std::string& text, std::size_t max_chars) {
  if (CodePoints(text) > max_chars) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

v1::FieldError FieldProblem(const char* field, v1::FieldProblem problem) {
  v1::FieldError error;
  error.set_field(field);
  error.set_problem(problem);
  return error;
}

/// A seized bracelet's credential names its holder only when it is genuine.
bool NamesItsHolder(v1::Verification verification) {
  return verification == v1::VERIFICATION_VALID || verification == v1::VERIFICATION_KEY_REVOKED ||
         verification == v1::VERIFICATION_BRACELET_REVOKED;
}

}  // namespace

bool KioskController::InBraceletService() const {
  return service_.has_value() && mode_ == v1::KIOSK_MODE_BRACELETS &&
         Allowed(v1::KIOSK_MODE_BRACELETS);
}

v1::UiReply KioskController::ArmSeizure(const v1::ArmSeizure& request) {
  if (!InBraceletService()) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  switch (request.reason()) {
    case v1::REVOCATION_REASON_DAMAGED:
    case v1::REVOCATION_REASON_SUSPECTED_CLONE:
    case v1::REVOCATION_REASON_LEFT_REGION:
      break;
    default: {
      v1::UiReply reply = Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
      *reply.add_field_errors() = FieldProblem("reason", v1::FIELD_PROBLEM_REQUIRED);
      return reply;
    }
  }
  if (!Printable(request.note(), kMaxNoteChars)) {
    v1::UiReply reply = Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
    *reply.add_field_errors() = FieldProblem("note", CodePoints(request.note()) > kMaxNoteChars
                                                         ? v1::FIELD_PROBLEM_TOO_LONG
                                                         : v1::FIELD_PROBLEM_BAD_FORMAT);
    return reply;
  }
  *service_ = BraceletService{};
  service_->step = v1::BRACELET_SERVICE_STEP_SEIZE;
  service_->seizure_reason = request.reason();
  service_->seizure_note = request.note();
  return Ok();
}

v1::UiReply KioskController::StartReplacement(const v1::StartReplacement& request) {
  if (!InBraceletService()) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  *service_ = BraceletService{};
  service_->step = request.old_bracelet_present() ? v1::BRACELET_SERVICE_STEP_OLD_BRACELET
                                                  : v1::BRACELET_SERVICE_STEP_SEARCH;
  return Ok();
}

v1::UiReply KioskController::SearchPerson(const v1::SearchPerson& request) {
  if (!InBraceletService() || (service_->step != v1::BRACELET_SERVICE_STEP_SEARCH &&
                               service_->step != v1::BRACELET_SERVICE_STEP_CANDIDATES)) {
    return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  }
  v1::UiReply invalid = Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
  if (request.given_name().empty()) {
    *invalid.add_field_errors() = FieldProblem("givenName", v1::FIELD_PROBLEM_REQUIRED);
  } else if (!Printable(request.given_name(), kMaxNameChars)) {
    *invalid.add_field_errors() = FieldProblem("givenName", v1::FIELD_PROBLEM_TOO_LONG);
  }
  if (!Printable(request.family_name(), kMaxNameChars)) {
    *invalid.add_field_errors() = FieldProblem("familyName", v1::FIELD_PROBLEM_TOO_LONG);
  }
  if (request.birth_year() < 1900 || request.birth_year() > 2100) {
    *invalid.add_field_errors() = FieldProblem("birthYear", v1::FIELD_PROBLEM_OUT_OF_RANGE);
  }
  if (request.sex() != v1::SEX_FEMALE && request.sex() != v1::SEX_MALE) {
    *invalid.add_field_errors() = FieldProblem("sex", v1::FIELD_PROBLEM_REQUIRED);
  }
  if (invalid.field_errors_size() > 0) return invalid;
  if (!ports_.find_candidates) return Refused(v1::UI_ERROR_CODE_SERVER_UNREACHABLE);

  v1::PersonCandidatesQuery query;
  query.set_agent_id(agent_->user_id());
  query.set_given_name(request.given_name());
  query.set_family_name(request.family_name());
  query.set_birth_year(request.birth_year());
  query.set_sex(request.sex());
  const std::uint64_t search = ++service_->search_id;
  service_->step = v1::BRACELET_SERVICE_STEP_SEARCHING;
  service_->candidates.clear();
  service_->search_outcome = v1::SEARCH_OUTCOME_UNSPECIFIED;
  const std::string agent = agent_->user_id();
  ports_.find_candidates(query, [this, search, agent](CandidatesAnswer answer) {
    // Ignored when the agent left, signed out, or asked again meanwhile.
    if (!service_ || service_->search_id != search || !agent_ || agent_->user_id() != agent) {
      return;
    }
    service_->search_outcome = answer.outcome;
    if (answer.outcome == v1::SEARCH_OUTCOME_FOUND) {
      service_->candidates.assign(answer.candidates.candidates().begin(),
                                  answer.candidates.candidates().end());
      service_->step = v1::BRACELET_SERVICE_STEP_CANDIDATES;
    } else {
      service_->step = v1::BRACELET_SERVICE_STEP_SEARCH;
    }
    Broadcast();
  });
  return Ok();
}

v1::UiReply KioskController::ChooseCandidate(const v1::ChooseCandidate& request) {
  if (!InBraceletService() || service_->step != v1::BRACELET_SERVICE_STEP_CANDIDATES ||
      request.index() >= service_->candidates.size()) {
    return Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
  }
  const v1::PersonCandidate& candidate = service_->candidates[request.index()];
  if (candidate.person_token().size() != credential::kPersonTokenSize) {
    return Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
  }
  service_->person_token = candidate.person_token();
  service_->old_uids.assign(candidate.bracelet_tag_uids().begin(),
                            candidate.bracelet_tag_uids().end());
  service_->old_reason = v1::REVOCATION_REASON_LOST;
  service_->chosen.set_given_name(candidate.given_name());
  service_->chosen.set_sex(candidate.sex());
  service_->chosen.set_birth_year(candidate.birth_year());
  service_->chosen.set_registered_site_name(candidate.registered_site_name());
  service_->chosen.set_active_bracelets(
      static_cast<std::uint32_t>(candidate.bracelet_tag_uids_size()));
  // Only the chosen one stays in memory.
  service_->candidates.clear();
  service_->step = v1::BRACELET_SERVICE_STEP_NEW_BRACELET;
  return Ok();
}

v1::UiReply KioskController::CancelBraceletService() {
  if (!InBraceletService()) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  *service_ = BraceletService{};
  if (pending_write_ && pending_write_->purpose == WritePurpose::kReplacement) {
    pending_write_.reset();
  }
  return Ok();
}

v1::TapOutcome KioskController::SeizeTap(const v1::TagPresented& tag) {
  auto factory = Factory();
  if (!factory) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  const std::int64_t now = ports_.now_ms();
  v1::Event event = factory->Envelope(agent_->user_id(), now);
  auto* revoked = event.mutable_bracelet_revoked();
  revoked->set_tag_uid(tag.uid());
  revoked->set_reason(service_->seizure_reason);
  revoked->set_note(service_->seizure_note);
  if (tag.credential_read() == v1::CREDENTIAL_READ_OK) {
    const std::optional<TapVerdict> verdict = Verified(tag, /*revocations=*/false);
    if (!verdict) return Rejected(StorageProblem());
    if (verdict->credential && NamesItsHolder(verdict->verification)) {
      revoked->set_person_token(PersonTokenOf(*verdict->credential));
    }
  }
  std::vector<v1::Event> events{std::move(event)};
  if (!factory->SealAll(events)) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  const auto seq = Record(events, [&]() { return lists_.RevokeLocally(tag.uid(), now); });
  if (!seq) return Rejected(StorageProblem());
  *service_ = BraceletService{};
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_BRACELET_REVOKED);
  outcome.set_recorded(true);
  outcome.set_device_seq(*seq);
  return outcome;
}

v1::TapOutcome KioskController::OldBraceletTap(const v1::TagPresented& tag) {
  if (tag.credential_read() == v1::CREDENTIAL_READ_FAILED) {
    return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  const std::optional<TapVerdict> verified = Verified(tag);
  if (!verified) return Rejected(StorageProblem());
  const TapVerdict& verdict = *verified;
  // A damaged bracelet that still reads as genuine — even one refused since
  // (its kiosk revoked, or reported lost) — names its wearer.
  if (!verdict.credential || !NamesItsHolder(verdict.verification)) {
    v1::TapOutcome outcome = Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
    outcome.set_verification(verdict.verification);
    return outcome;
  }
  const auto& token = verdict.credential->fields.person_token;
  service_->person_token.assign(token.begin(), token.end());
  service_->old_uids = {tag.uid()};
  service_->old_reason = v1::REVOCATION_REASON_DAMAGED;
  service_->chosen.Clear();
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_OLD_BRACELET_READ);
  outcome.set_verification(verdict.verification);
  if (auto known = roster_.Find(service_->person_token, ports_.now_ms()); known && known.value()) {
    service_->chosen.set_given_name(known.value()->first_name);
    service_->chosen.set_sex(known.value()->sex);
    service_->chosen.set_birth_year(known.value()->birth_year);
    outcome.set_first_name(known.value()->first_name);
    outcome.set_sex(known.value()->sex);
    outcome.set_birth_year(known.value()->birth_year);
  }
  service_->step = v1::BRACELET_SERVICE_STEP_NEW_BRACELET;
  return outcome;
}

std::optional<v1::TapOutcome> KioskController::ReplacementTap(const v1::TagPresented& tag) {
  if (std::find(service_->old_uids.begin(), service_->old_uids.end(), tag.uid()) !=
      service_->old_uids.end()) {
    return Rejected(v1::TAP_PROBLEM_NOT_BLANK);  // the bracelet being replaced
  }
  return WriteBraceletFor(tag, service_->person_token, WritePurpose::kReplacement);
}

v1::TapOutcome KioskController::RecordReplacement(const v1::TagPresented& tag,
                                                  const std::string& credential_bytes) {
  auto factory = Factory();
  if (!factory) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  if (!agent_ || !service_ || service_->person_token.empty()) {
    return Rejected(StorageProblem());
  }
  const std::int64_t now = ports_.now_ms();
  const std::string& agent = agent_->user_id();
  std::vector<v1::Event> events;
  // The old bracelets first, with the reason; then the new one naming the one it replaces.
  for (const std::string& old_uid : service_->old_uids) {
    v1::Event revoked = factory->Envelope(agent, now);
    revoked.mutable_bracelet_revoked()->set_tag_uid(old_uid);
    revoked.mutable_bracelet_revoked()->set_person_token(service_->person_token);
    revoked.mutable_bracelet_revoked()->set_reason(service_->old_reason);
    events.push_back(std::move(revoked));
  }
  v1::Event issued = factory->Envelope(agent, now);
  auto* bracelet = issued.mutable_bracelet_issued();
  bracelet->set_person_token(service_->person_token);
  bracelet->set_tag_uid(tag.uid());
  bracelet->set_tag_type(tag.tag_type());
  bracelet->set_credential(credential_bytes);
  if (!service_->old_uids.empty()) bracelet->set_replaces_tag_uid(service_->old_uids.back());
  events.push_back(std::move(issued));
  if (!factory->SealAll(events)) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  const std::vector<std::string> old_uids = service_->old_uids;
  const auto seq = Record(events, [&]() -> db::Result<void> {
    for (const std::string& old_uid : old_uids) {
      if (auto revoked = lists_.RevokeLocally(old_uid, now); !revoked) return revoked.error();
    }
    return db::Success();
  });
  if (!seq) return Rejected(StorageProblem());

  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_BRACELET_REPLACED);
  outcome.set_verification(v1::VERIFICATION_VALID);
  outcome.set_first_name(service_->chosen.given_name());
  outcome.set_sex(service_->chosen.sex());
  outcome.set_birth_year(service_->chosen.birth_year());
  outcome.set_recorded(true);
  outcome.set_device_seq(*seq);
  *service_ = BraceletService{};  // the token leaves memory
  return outcome;
}

void KioskController::FillBraceletService(v1::BraceletServiceView& view) const {
  if (!service_) return;
  view.set_step(service_->step);
  view.set_seizure_reason(service_->seizure_reason);
  view.set_search_outcome(service_->search_outcome);
  for (const v1::PersonCandidate& candidate : service_->candidates) {
    v1::CandidateView* shown = view.add_candidates();
    shown->set_given_name(candidate.given_name());
    shown->set_sex(candidate.sex());
    shown->set_birth_year(candidate.birth_year());
    shown->set_registered_site_name(candidate.registered_site_name());
    shown->set_active_bracelets(static_cast<std::uint32_t>(candidate.bracelet_tag_uids_size()));
  }
  if (service_->step == v1::BRACELET_SERVICE_STEP_NEW_BRACELET)
    *view.mutable_chosen() = service_->chosen;
}

}  // namespace minegate::kiosk::gate
