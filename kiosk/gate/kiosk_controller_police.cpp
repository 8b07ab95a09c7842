// KioskController: the police mode. A border police officer states a reason, taps a bracelet,
// and the kiosk asks the server over its sync link (online only) for the wearer's history. The
// answer is shown and kept in memory only: nothing of it reaches the database, the logs or the
// draft store, and the screen clears on the next tap, after a minute, on leaving the mode and
// at sign-out.
#include "base/text.hpp"
#include "kiosk/gate/internal/replies.hpp"
#include "kiosk/gate/kiosk_controller.hpp"
#include "kiosk/gate/tap_verifier.hpp"

namespace minegate::kiosk::gate {
using internal::Ok;
using internal::Refused;
using internal::Rejected;

namespace {

/// As the server accepts (server/sync/police_history.hpp) and the police API's header.
constexpr std::size_t kMaxCaseReferenceChars = 64;

v1::PoliceResult ResultOf(v1::PoliceHistoryOutcome outcome) {
  switch (outcome) {
    case v1::POLICE_HISTORY_OUTCOME_FOUND:
      return v1::POLICE_RESULT_FOUND;
    case v1::POLICE_HISTORY_OUTCOME_UNKNOWN_BRACELET:
      return v1::POLICE_RESULT_UNKNOWN_BRACELET;
    case v1::POLICE_HISTORY_OUTCOME_OFFICER_REFUSED:
      return v1::POLICE_RESULT_OFFICER_REFUSED;
    case v1::POLICE_HISTORY_OUTCOME_BAD_REQUEST:
      return v1::POLICE_RESULT_BAD_REQUEST;
    case v1::POLICE_HISTORY_OUTCOME_SERVER_BUSY:
      return v1::POLICE_RESULT_SERVER_BUSY;
    default:
      // The link went away before the answer: as offline as it gets.
      return v1::POLICE_RESULT_OFFLINE;
  }
}

}  // namespace

v1::UiReply KioskController::ChoosePoliceReason(const v1::ChoosePoliceReason& request) {
  if (!Allowed(v1::KIOSK_MODE_POLICE) || mode_ != v1::KIOSK_MODE_POLICE || !police_) {
    return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  }
  if (!v1::PoliceReason_IsValid(request.reason()) ||
      request.reason() == v1::POLICE_REASON_UNSPECIFIED ||
      !base::TextWithin(request.case_reference(), 0, kMaxCaseReferenceChars)) {
    return Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
  }
  ClearPoliceScreen();
  police_->reason = request.reason();
  police_->case_reference = request.case_reference();
  police_->step = v1::POLICE_STEP_TAP;
  return Ok();
}

v1::UiReply KioskController::ClearPoliceHistory() {
  if (!Allowed(v1::KIOSK_MODE_POLICE) || !police_) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  ClearPoliceScreen();
  return Ok();
}

void KioskController::ClearPoliceScreen() {
  if (!police_) return;
  police_->history.reset();
  police_->result = v1::POLICE_RESULT_UNSPECIFIED;
  police_->clears_at_ms = 0;
  police_->request_id = 0;
  police_->step = police_->reason == v1::POLICE_REASON_UNSPECIFIED ? v1::POLICE_STEP_REASON
                                                                   : v1::POLICE_STEP_TAP;
}

void KioskController::ShowPoliceResult(v1::PoliceResult result,
                                       std::optional<v1::PoliceHistory> history) {
  if (!police_) return;
  police_->step = v1::POLICE_STEP_RESULT;
  police_->result = result;
  police_->history = std::move(history);
  police_->request_id = 0;
  police_->clears_at_ms = ports_.now_ms() + kPoliceShownMs;
}

v1::TapOutcome KioskController::PoliceTap(const v1::TagPresented& tag) {
  // Whatever was shown goes first: the screen never shows one person's history beside
  // another's bracelet.
  ClearPoliceScreen();
  if (tag.credential_read() == v1::CREDENTIAL_READ_FAILED) {
    return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  // The signature and the trust list are checked here; a revoked bracelet (seized, suspected
  // copy) is still one the police may ask about, so the revoked list is not.
  const std::optional<TapVerdict> verified = Verified(tag, /*revocations=*/false);
  if (!verified) return Rejected(StorageProblem());
  if (verified->verification != v1::VERIFICATION_VALID) {
    ShowPoliceResult(v1::POLICE_RESULT_INVALID_BRACELET);
    v1::TapOutcome outcome = Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
    outcome.set_verification(verified->verification);
    return outcome;
  }
  v1::KioskFrame question;
  v1::PoliceHistoryRequest& request = *question.mutable_police_history_request();
  request.set_request_id(next_request_id_++);
  request.set_officer_id(agent_->user_id());
  request.set_reason(police_->reason);
  request.set_case_reference(police_->case_reference);
  request.set_tag_uid(tag.uid());
  request.set_credential(tag.credential());
  request.set_person_token(PersonTokenOf(*verified->credential));
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_POLICE_BRACELET_READ);
  outcome.set_verification(verified->verification);
  if (!ports_.ask || !ports_.ask(question)) {
    // Offline: nothing is asked, and the screen says so plainly.
    ShowPoliceResult(v1::POLICE_RESULT_OFFLINE);
    return outcome;
  }
  police_->step = v1::POLICE_STEP_ASKING;
  police_->request_id = request.request_id();
  police_->asked_at_ms = ports_.now_ms();
  return outcome;
}

void KioskController::OnPoliceAnswer(const v1::PoliceHistoryAnswer& answer) {
  // An answer for a request no longer awaited (cleared, signed out, timed out) is dropped.
  if (!police_ || police_->step != v1::POLICE_STEP_ASKING ||
      police_->request_id != answer.request_id() || !Allowed(v1::KIOSK_MODE_POLICE)) {
    return;
  }
  // Only a person found has a history to keep and show: whatever else came is dropped here.
  const v1::PoliceResult result = ResultOf(answer.outcome());
  ShowPoliceResult(result, result == v1::POLICE_RESULT_FOUND
                               ? std::optional<v1::PoliceHistory>(answer.history())
                               : std::nullopt);
  Broadcast();
}

bool KioskController::PolicePassTime(std::int64_t now) {
  if (!police_) return false;
  if (police_->step == v1::POLICE_STEP_ASKING &&
      now - police_->asked_at_ms > kServerAnswerTimeoutMs) {
    ShowPoliceResult(v1::POLICE_RESULT_SERVER_BUSY);
    return true;
  }
  if (police_->step == v1::POLICE_STEP_RESULT && now >= police_->clears_at_ms) {
    ClearPoliceScreen();
    return true;
  }
  return false;
}

void KioskController::FillPolice(v1::PoliceView& view) const {
  if (!police_) return;
  view.set_step(police_->step);
  view.set_reason(police_->reason);
  view.set_case_reference(police_->case_reference);
  view.set_result(police_->result);
  if (police_->history) *view.mutable_history() = *police_->history;
  view.set_clears_at_ms(police_->clears_at_ms);
}

}  // namespace minegate::kiosk::gate
