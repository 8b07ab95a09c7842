// KioskController: an EMAPE official issues a gold miner's card. The holder's bracelet is
// tapped; the kiosk asks the server (online only, over its sync link) whether the holder is an
// adult — the server holds every declared birth, the kiosk only those it registered in the last
// 30 days — and for the card's number in the EMAPE series. A minor, or a holder whose birth was
// never declared, is refused with its own message and never offered a card. For an adult, a
// blank DESFire card is written through the bridge with a miner's card credential (number,
// holder's token, site, time, signed by the device key), read back by the bridge, and recorded
// as MinerCardLinked (sealed). The token and number live in memory only.
#include <algorithm>
#include <span>

#include "kiosk/gate/internal/replies.hpp"
#include "kiosk/gate/kiosk_controller.hpp"
#include "kiosk/gate/tap_verifier.hpp"
#include "proto/credential/issuer.hpp"

namespace minegate::kiosk::gate {
using internal::Rejected;

std::optional<v1::TapOutcome> KioskController::HolderTap(const v1::TagPresented& tag) {
  card_issue_.reset();
  if (tag.credential_read() == v1::CREDENTIAL_READ_FAILED) {
    return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  const std::optional<TapVerdict> verified = Verified(tag);
  if (!verified) return Rejected(StorageProblem());
  if (verified->verification != v1::VERIFICATION_VALID) {
    v1::TapOutcome outcome = Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
    outcome.set_verification(verified->verification);
    return outcome;
  }
  v1::KioskFrame question;
  v1::MinerCardHolderRequest& request = *question.mutable_miner_card_holder_request();
  request.set_request_id(next_request_id_++);
  request.set_official_id(agent_->user_id());
  request.set_tag_uid(tag.uid());
  request.set_credential(tag.credential());
  request.set_person_token(PersonTokenOf(*verified->credential));
  if (!ports_.ask || !ports_.ask(question)) {
    return Rejected(v1::TAP_PROBLEM_SERVER_UNREACHABLE);
  }
  CardIssue issue;
  issue.request_id = request.request_id();
  issue.asked_at_ms = ports_.now_ms();
  issue.presentation_id = tag.presentation_id();
  issue.person_token = request.person_token();
  card_issue_ = std::move(issue);
  return std::nullopt;  // The answer tells.
}

void KioskController::OnHolderAnswer(const v1::MinerCardHolderAnswer& answer) {
  if (!card_issue_ || card_issue_->request_id == 0 ||
      card_issue_->request_id != answer.request_id() || !Allowed(v1::KIOSK_MODE_MINER_CARD) ||
      mode_ != v1::KIOSK_MODE_MINER_CARD) {
    return;
  }
  v1::TagPresented bracelet;
  bracelet.set_presentation_id(card_issue_->presentation_id);
  // Only an adult's answer keeps the issue going, on to the blank card.
  if (answer.outcome() != v1::MINER_CARD_HOLDER_OUTCOME_ADULT || answer.card_number().empty()) {
    card_issue_.reset();
  }
  v1::TapOutcome outcome;
  switch (answer.outcome()) {
    case v1::MINER_CARD_HOLDER_OUTCOME_ADULT:
      if (!card_issue_) {
        outcome = Rejected(v1::TAP_PROBLEM_HOLDER_REFUSED);
        break;
      }
      card_issue_->request_id = 0;
      card_issue_->card_number = answer.card_number();
      card_issue_->given_name = answer.given_name();
      outcome.set_result(v1::TAP_RESULT_MINER_BRACELET_READ);
      outcome.set_verification(v1::VERIFICATION_VALID);
      outcome.set_first_name(answer.given_name());
      outcome.set_card_number(answer.card_number());
      break;
    case v1::MINER_CARD_HOLDER_OUTCOME_MINOR:
      outcome = Rejected(v1::TAP_PROBLEM_MINOR);
      outcome.set_first_name(answer.given_name());
      break;
    case v1::MINER_CARD_HOLDER_OUTCOME_AGE_UNKNOWN:
      outcome = Rejected(v1::TAP_PROBLEM_AGE_UNKNOWN);
      outcome.set_first_name(answer.given_name());
      break;
    case v1::MINER_CARD_HOLDER_OUTCOME_UNSPECIFIED:
    case v1::MINER_CARD_HOLDER_OUTCOME_SERVER_BUSY:
      outcome = Rejected(v1::TAP_PROBLEM_SERVER_UNREACHABLE);
      break;
    default:
      outcome = Rejected(v1::TAP_PROBLEM_HOLDER_REFUSED);
      break;
  }
  Publish(std::move(outcome), bracelet);
}

void KioskController::CardIssuePassTime(std::int64_t now) {
  if (!card_issue_ || card_issue_->request_id == 0 ||
      now - card_issue_->asked_at_ms <= kServerAnswerTimeoutMs) {
    return;
  }
  v1::TagPresented bracelet;
  bracelet.set_presentation_id(card_issue_->presentation_id);
  card_issue_.reset();
  Publish(Rejected(v1::TAP_PROBLEM_SERVER_UNREACHABLE), bracelet);
}

std::optional<v1::TapOutcome> KioskController::BlankCardTap(const v1::TagPresented& tag) {
  if (pending_write_) return std::nullopt;  // One write at a time; the bridge answers it.
  if (device_key_ == nullptr || !identity_) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  if (!card_issue_ || card_issue_->card_number.empty()) {
    return Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
  }
  bool overwrite = false;
  switch (tag.credential_read()) {
    case v1::CREDENTIAL_READ_ABSENT:
      break;
    case v1::CREDENTIAL_READ_OK: {
      // Written just before a crash or a lost write result: only the recording is left.
      const std::optional<TapVerdict> card =
          Verified(tag, /*revocations=*/false, credential::Kind::miner_card);
      if (!card) return Rejected(StorageProblem());
      if (card->verification == v1::VERIFICATION_VALID &&
          PersonTokenOf(*card->credential) == card_issue_->person_token &&
          card->credential->fields.card_number == card_issue_->card_number) {
        return RecordIssuedCard(tag, tag.credential());
      }
      return Rejected(v1::TAP_PROBLEM_NOT_BLANK);
    }
    case v1::CREDENTIAL_READ_MALFORMED:
      overwrite = true;  // a torn write: nothing valid to lose
      break;
    default:
      return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  credential::CredentialFields fields;
  fields.kind = credential::Kind::miner_card;
  std::copy(card_issue_->person_token.begin(), card_issue_->person_token.end(),
            fields.person_token.begin());
  fields.site_id = identity_->site_id;
  fields.issued_at_ms = ports_.now_ms();
  fields.card_number = card_issue_->card_number;
  const auto* uid = reinterpret_cast<const std::uint8_t*>(tag.uid().data());
  auto issued = credential::Issue(fields, std::span(uid, tag.uid().size()), *device_key_);
  if (!issued) return Rejected(v1::TAP_PROBLEM_WRITE_FAILED);
  return SendWrite(tag, std::string(issued.value().begin(), issued.value().end()), overwrite,
                   WritePurpose::kMinerCard);
}

v1::TapOutcome KioskController::RecordIssuedCard(const v1::TagPresented& tag,
                                                 const std::string& credential_bytes) {
  auto factory = Factory();
  if (!factory) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  if (!agent_ || !card_issue_ || card_issue_->card_number.empty()) {
    return Rejected(StorageProblem());
  }
  v1::Event event = factory->Envelope(agent_->user_id(), ports_.now_ms());
  auto* linked = event.mutable_miner_card_linked();
  linked->set_person_token(card_issue_->person_token);
  linked->set_card_uid(tag.uid());
  linked->set_card_number(card_issue_->card_number);
  linked->set_credential(credential_bytes);
  std::vector<v1::Event> events{std::move(event)};
  const auto seq = Record(events);
  if (!seq) return Rejected(StorageProblem());
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_MINER_CARD_LINKED);
  outcome.set_verification(v1::VERIFICATION_VALID);
  outcome.set_card_number(card_issue_->card_number);
  outcome.set_first_name(card_issue_->given_name);
  outcome.set_recorded(true);
  outcome.set_device_seq(*seq);
  card_issue_.reset();
  return outcome;
}

}  // namespace minegate::kiosk::gate
