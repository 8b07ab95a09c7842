// KioskController: what a tap means in each mode.
#include <algorithm>
#include <span>

#include "db/transaction.hpp"
#include "kiosk/gate/internal/replies.hpp"
#include "kiosk/gate/kiosk_controller.hpp"
#include "kiosk/gate/tap_verifier.hpp"
#include "proto/credential/issuer.hpp"

namespace minegate::kiosk::gate {
using internal::Ok;
using internal::Refused;
using internal::Rejected;

void KioskController::OnBridgeMessage(const v1::BridgeMessage& message) {
  switch (message.message_case()) {
    case v1::BridgeMessage::kTagPresented:
      OnTag(message.tag_presented());
      break;
    case v1::BridgeMessage::kReaderStatus:
      reader_ = message.reader_status().state();
      Broadcast();
      break;
    case v1::BridgeMessage::kWriteResult:
      OnWriteResult(message.write_result());
      break;
    default:
      break;  // TagRemoved: the screen keeps the last result until the next tap.
  }
}

void KioskController::OnTag(const v1::TagPresented& tag) {
  const v1::TapPrompt prompt = Prompt();
  if (prompt == v1::TAP_PROMPT_NONE) return;
  if (agent_) Touch();
  // A UID ISO 14443-A cannot have is a bad read; recorded, it would be refused
  // by the server and hold up every later event.
  const std::size_t uid_size = tag.uid().size();
  if (uid_size != 4 && uid_size != 7 && uid_size != 10) {
    Publish(Rejected(v1::TAP_PROBLEM_READ_FAILED), tag);
    return;
  }
  if (prompt != v1::TAP_PROMPT_STAFF_CARD && !ClockPlausible()) {
    Publish(Rejected(v1::TAP_PROBLEM_CLOCK_WRONG), tag);
    return;
  }
  if (prompt == v1::TAP_PROMPT_CENSUS && !CampaignOpen()) {
    Broadcast();  // The campaign closed since the screen was drawn: the page says so.
    return;
  }
  std::optional<v1::TapOutcome> outcome;
  switch (prompt) {
    case v1::TAP_PROMPT_STAFF_CARD:
      outcome = StaffCardTap(tag);
      break;
    case v1::TAP_PROMPT_GATE:
      outcome = GateTap(tag);
      break;
    case v1::TAP_PROMPT_COMPANION_BRACELET:
      outcome = CompanionTap(tag);
      break;
    case v1::TAP_PROMPT_BLANK_BRACELET:
      outcome = WriteBraceletFor(tag, registration_.person_token(), WritePurpose::kRegistration);
      break;
    case v1::TAP_PROMPT_MINER_BRACELET:
    case v1::TAP_PROMPT_MINER_CARD:
      // An EMAPE official issues a card (the server checks the holder's age first); a gate
      // agent links one already written.
      outcome = agent_->role() == v1::AGENT_ROLE_EMAPE_OFFICIAL ? HolderTap(tag) : MinerTap(tag);
      break;
    case v1::TAP_PROMPT_MINER_BLANK_CARD:
      outcome = BlankCardTap(tag);
      break;
    case v1::TAP_PROMPT_CENSUS:
      outcome = CensusTap(tag);
      break;
    case v1::TAP_PROMPT_SEIZE_BRACELET:
      outcome = SeizeTap(tag);
      break;
    case v1::TAP_PROMPT_OLD_BRACELET:
      outcome = OldBraceletTap(tag);
      break;
    case v1::TAP_PROMPT_REPLACEMENT_BRACELET:
      outcome = ReplacementTap(tag);
      break;
    case v1::TAP_PROMPT_POLICE_BRACELET:
      outcome = PoliceTap(tag);
      break;
    default:
      return;
  }
  // No outcome yet: a bracelet write is under way; its result will tell.
  if (outcome) Publish(std::move(*outcome), tag);
}

v1::TapOutcome KioskController::StaffCardTap(const v1::TagPresented& tag) {
  auto agent = lists_.AgentByStaffCard(tag.uid());
  if (!agent) return Rejected(StorageProblem());
  if (!agent.value()) {
    staff_card_agent_.reset();
    return Rejected(v1::TAP_PROBLEM_UNKNOWN_STAFF_CARD);
  }
  staff_card_agent_ = agent.value();
  staff_card_at_ms_ = ports_.now_ms();
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_STAFF_CARD);
  return outcome;
}

v1::TapOutcome KioskController::GateTap(const v1::TagPresented& tag) {
  if (tag.credential_read() == v1::CREDENTIAL_READ_FAILED) {
    // Half a read proves nothing either way: ask for the tap again.
    return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  const std::int64_t now = ports_.now_ms();
  const std::optional<TapVerdict> verified = Verified(tag);
  auto factory = Factory();
  if (!verified) return Rejected(StorageProblem());
  if (!factory) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  const TapVerdict& verdict = *verified;

  v1::Event event = factory->Envelope(agent_->user_id(), now);
  auto* passed = event.mutable_gate_passed();
  passed->set_direction(direction_);
  passed->set_tag_uid(tag.uid());
  passed->set_verification(verdict.verification);
  if (verdict.credential) passed->set_person_token(PersonTokenOf(*verdict.credential));
  std::vector<v1::Event> events{std::move(event)};
  const auto seq = Record(events);
  if (!seq) return Rejected(StorageProblem());

  v1::TapOutcome outcome;
  outcome.set_verification(verdict.verification);
  outcome.set_direction(direction_);
  outcome.set_recorded(true);
  outcome.set_device_seq(*seq);
  if (verdict.verification == v1::VERIFICATION_VALID) {
    outcome.set_result(v1::TAP_RESULT_ACCEPTED);
    if (auto known = roster_.Find(PersonTokenOf(*verdict.credential), now);
        known && known.value()) {
      outcome.set_first_name(known.value()->first_name);
      outcome.set_sex(known.value()->sex);
      outcome.set_birth_year(known.value()->birth_year);
    }
  } else if (verdict.verification == v1::VERIFICATION_NO_CREDENTIAL) {
    outcome.set_result(v1::TAP_RESULT_UNKNOWN_BRACELET);
  } else {
    outcome.set_result(v1::TAP_RESULT_REFUSED);
  }
  return outcome;
}

v1::TapOutcome KioskController::CompanionTap(const v1::TagPresented& tag) {
  if (tag.credential_read() == v1::CREDENTIAL_READ_FAILED) {
    return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  const std::optional<TapVerdict> verified = Verified(tag);
  if (!verified) return Rejected(StorageProblem());
  return registration_.CompanionTap(*verified, ports_.now_ms());
}

std::optional<v1::TapOutcome> KioskController::WriteBraceletFor(const v1::TagPresented& tag,
                                                                const std::string& person_token,
                                                                WritePurpose purpose) {
  if (pending_write_) return std::nullopt;  // One write at a time; the bridge answers it.
  if (device_key_ == nullptr || !identity_) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  bool overwrite = false;
  switch (tag.credential_read()) {
    case v1::CREDENTIAL_READ_ABSENT:
      break;
    case v1::CREDENTIAL_READ_OK: {
      // The bracelet may already carry this very person: written just before a
      // crash or a lost write result. Then only the recording is left.
      const std::optional<TapVerdict> verdict = Verified(tag, /*revocations=*/false);
      if (!verdict) return Rejected(StorageProblem());
      if (verdict->verification == v1::VERIFICATION_VALID &&
          PersonTokenOf(*verdict->credential) == person_token) {
        return RecordWritten(purpose, tag, tag.credential());
      }
      return Rejected(v1::TAP_PROBLEM_NOT_BLANK);
    }
    case v1::CREDENTIAL_READ_MALFORMED:
      // Nothing valid to lose (typically a write torn by a bracelet pulled away):
      // this one may be written over.
      overwrite = true;
      break;
    default:
      return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  credential::CredentialFields fields;
  fields.kind = credential::Kind::bracelet;
  std::copy(person_token.begin(), person_token.end(), fields.person_token.begin());
  fields.site_id = identity_->site_id;
  fields.issued_at_ms = ports_.now_ms();
  const auto* uid = reinterpret_cast<const std::uint8_t*>(tag.uid().data());
  auto issued = credential::Issue(fields, std::span(uid, tag.uid().size()), *device_key_);
  if (!issued) return Rejected(v1::TAP_PROBLEM_WRITE_FAILED);
  return SendWrite(tag, std::string(issued.value().begin(), issued.value().end()), overwrite,
                   purpose);
}

v1::TapOutcome KioskController::RecordWritten(WritePurpose purpose, const v1::TagPresented& tag,
                                              const std::string& credential_bytes) {
  switch (purpose) {
    case WritePurpose::kRegistration:
      return RecordRegistration(tag, credential_bytes);
    case WritePurpose::kReplacement:
      return RecordReplacement(tag, credential_bytes);
    case WritePurpose::kMinerCard:
      return RecordIssuedCard(tag, credential_bytes);
  }
  return Rejected(StorageProblem());
}

std::optional<v1::TapOutcome> KioskController::SendWrite(const v1::TagPresented& tag,
                                                         std::string credential_bytes,
                                                         bool overwrite, WritePurpose purpose) {
  PendingWrite pending;
  pending.purpose = purpose;
  pending.request_id = next_request_id_++;
  pending.agent_id = agent_->user_id();
  pending.sent_at_ms = ports_.now_ms();
  pending.tag = tag;
  pending.credential = std::move(credential_bytes);
  v1::KioskMessage message;
  auto* write = message.mutable_write_credential();
  write->set_request_id(pending.request_id);
  write->set_expected_uid(tag.uid());
  write->set_credential(pending.credential);
  write->set_overwrite(overwrite);
  if (!ports_.to_bridge || !ports_.to_bridge(message)) {
    v1::TapOutcome outcome = Rejected(v1::TAP_PROBLEM_WRITE_FAILED);
    outcome.set_write_outcome(v1::WRITE_OUTCOME_READER_UNAVAILABLE);
    return outcome;
  }
  pending_write_ = std::move(pending);
  return std::nullopt;
}

void KioskController::OnWriteResult(const v1::WriteResult& result) {
  if (!pending_write_ || result.request_id() != pending_write_->request_id) return;
  PendingWrite pending = std::move(*pending_write_);
  pending_write_.reset();
  bool still_wanted = false;
  switch (pending.purpose) {
    case WritePurpose::kRegistration:
      still_wanted = registration_.waiting_for_bracelet();
      break;
    case WritePurpose::kReplacement:
      still_wanted = service_ && service_->step == v1::BRACELET_SERVICE_STEP_NEW_BRACELET;
      break;
    case WritePurpose::kMinerCard:
      still_wanted = card_issue_ && !card_issue_->card_number.empty();
      break;
  }
  if (!still_wanted) return;
  // Recorded only for the agent who tapped, still signed in (sign-out clears the
  // pending write; this guards a result racing it). A written bracelet completes
  // the draft when that agent taps it again.
  if (!agent_ || agent_->user_id() != pending.agent_id) return;
  if (result.outcome() != v1::WRITE_OUTCOME_OK) {
    v1::TapOutcome outcome = Rejected(result.outcome() == v1::WRITE_OUTCOME_NO_TAG ||
                                              result.outcome() == v1::WRITE_OUTCOME_WRONG_TAG
                                          ? v1::TAP_PROBLEM_TAG_REMOVED
                                          : v1::TAP_PROBLEM_WRITE_FAILED);
    outcome.set_write_outcome(result.outcome());
    Publish(std::move(outcome), pending.tag);
    return;
  }
  Publish(RecordWritten(pending.purpose, pending.tag, pending.credential), pending.tag);
}

v1::TapOutcome KioskController::RecordRegistration(const v1::TagPresented& tag,
                                                   const std::string& credential_bytes) {
  auto factory = Factory();
  if (!factory) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  if (!agent_ || !registration_.open()) return Rejected(StorageProblem());
  const std::int64_t now = ports_.now_ms();
  auto record = registration_.Events(*factory, agent_->user_id(), tag, credential_bytes, now);
  if (!record) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  const std::int64_t expires = now + config_.roster_ttl.count();
  const auto seq =
      Record(record->events, [&]() { return registration_.Complete(record->wearer, expires); });
  if (!seq) return Rejected(StorageProblem());
  registration_.Recorded();
  return RegistrationFlow::Registered(record->wearer, *seq);
}

v1::TapOutcome KioskController::MinerTap(const v1::TagPresented& tag) {
  if (tag.credential_read() == v1::CREDENTIAL_READ_FAILED) {
    return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  const std::int64_t now = ports_.now_ms();
  if (!miner_person_token_) {
    const std::optional<TapVerdict> verified = Verified(tag);
    if (!verified) return Rejected(StorageProblem());
    const TapVerdict& verdict = *verified;
    if (verdict.verification != v1::VERIFICATION_VALID) {
      v1::TapOutcome outcome = Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
      outcome.set_verification(verdict.verification);
      return outcome;
    }
    miner_person_token_ = PersonTokenOf(*verdict.credential);
    v1::TapOutcome outcome;
    outcome.set_result(v1::TAP_RESULT_MINER_BRACELET_READ);
    outcome.set_verification(verdict.verification);
    if (auto known = roster_.Find(*miner_person_token_, now); known && known.value()) {
      outcome.set_first_name(known.value()->first_name);
    }
    return outcome;
  }
  const std::optional<TapVerdict> verified_card =
      Verified(tag, /*revocations=*/true, credential::Kind::miner_card);
  if (!verified_card) return Rejected(StorageProblem());
  const TapVerdict& card = *verified_card;
  if (card.verification != v1::VERIFICATION_VALID) {
    // A revoked card's UID is on the revoked list with the bracelets (docs/protocol.md §7.3).
    v1::TapOutcome outcome = Rejected(card.verification == v1::VERIFICATION_BRACELET_REVOKED
                                          ? v1::TAP_PROBLEM_CARD_REVOKED
                                          : v1::TAP_PROBLEM_NOT_A_MINER_CARD);
    outcome.set_verification(card.verification);
    return outcome;
  }
  auto factory = Factory();
  if (!factory) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  v1::Event event = factory->Envelope(agent_->user_id(), now);
  auto* linked = event.mutable_miner_card_linked();
  linked->set_person_token(*miner_person_token_);
  linked->set_card_uid(tag.uid());
  linked->set_card_number(card.credential->fields.card_number);
  linked->set_credential(tag.credential());
  auto sealed = factory->Seal(event);
  if (!sealed) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  std::vector<v1::Event> events{std::move(sealed).value()};
  const auto seq = Record(events);
  if (!seq) return Rejected(StorageProblem());
  miner_person_token_.reset();
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_MINER_CARD_LINKED);
  outcome.set_verification(card.verification);
  outcome.set_card_number(card.credential->fields.card_number);
  outcome.set_recorded(true);
  outcome.set_device_seq(*seq);
  return outcome;
}

v1::TapOutcome KioskController::CensusTap(const v1::TagPresented& tag) {
  if (tag.credential_read() == v1::CREDENTIAL_READ_FAILED) {
    return Rejected(v1::TAP_PROBLEM_READ_FAILED);
  }
  const std::optional<TapVerdict> verified = Verified(tag);
  auto factory = Factory();
  if (!verified) return Rejected(StorageProblem());
  if (!factory) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  const TapVerdict& verdict = *verified;
  if (verdict.verification != v1::VERIFICATION_VALID) {
    v1::TapOutcome outcome = Rejected(v1::TAP_PROBLEM_INVALID_BRACELET);
    outcome.set_verification(verdict.verification);
    return outcome;
  }
  const std::int64_t now = ports_.now_ms();
  const std::string token = PersonTokenOf(*verdict.credential);
  v1::Event event = factory->Envelope(agent_->user_id(), now);
  auto* observed = event.mutable_census_observed();
  observed->set_campaign_id(campaign_id_);
  observed->set_person_token(token);
  observed->set_tag_uid(tag.uid());
  std::vector<v1::Event> events{std::move(event)};
  if (!factory->SealAll(events)) return Rejected(v1::TAP_PROBLEM_NOT_ENROLLED);
  bool first_time = false;
  // Counted and recorded together, or neither: a person is observed once per
  // campaign on this kiosk, and the count is what the server will hold.
  std::optional<std::uint64_t> seq;
  {
    auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
    if (!transaction) return Rejected(StorageProblem());
    auto observed_now = tally_.Observe(campaign_id_, token, now);
    if (!observed_now) return Rejected(StorageProblem());
    first_time = observed_now.value();
    if (first_time) {
      auto appended = outbox_.Append(events, now);
      if (!appended) return Rejected(StorageProblem());
      seq = appended.value();
    }
    if (!transaction.value().Commit()) return Rejected(StorageProblem());
  }
  v1::TapOutcome outcome;
  outcome.set_verification(verdict.verification);
  if (!first_time) {
    outcome.set_result(v1::TAP_RESULT_CENSUS_ALREADY_OBSERVED);
    return outcome;
  }
  if (ports_.events_recorded) ports_.events_recorded();
  outcome.set_result(v1::TAP_RESULT_CENSUS_OBSERVED);
  outcome.set_recorded(true);
  outcome.set_device_seq(*seq);
  return outcome;
}

}  // namespace minegate::kiosk::gate
