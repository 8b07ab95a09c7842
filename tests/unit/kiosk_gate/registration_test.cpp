// Registration: information and consent, validation, the blank bracelet
// written through the bridge, and everything recorded in one commit with the
// personal data sealed.
#include "kiosk/store/outbox.hpp"
#include "proto/credential/codec.hpp"
#include "tests/support/file_scan.hpp"
#include "tests/unit/kiosk_gate/controller_fixture.hpp"
#include "tests/unit/kiosk_gate/registration_draft.hpp"

namespace minegate::test {
namespace {

class RegistrationTest : public ControllerFixture {
 protected:
  void SetUp() override {
    ControllerFixture::SetUp();
    ApplyRoster({MakeAgent("awa", "4821")});
    ASSERT_TRUE(SignIn("awa", "4821").ok());
    v1::UiRequest start;
    start.mutable_start_registration();
    ASSERT_TRUE(Request(start).ok());
  }

  v1::UiReply Save(const v1::RegistrationDraft& draft) {
    v1::UiRequest request;
    *request.mutable_save_draft()->mutable_draft() = draft;
    return Request(request);
  }
  v1::UiReply Submit() {
    v1::UiRequest request;
    request.mutable_submit_registration();
    return Request(request);
  }
  /// The write the bridge was asked for, answered with `outcome`.
  std::optional<v1::TapOutcome> AnswerWrite(v1::WriteOutcome outcome) {
    EXPECT_FALSE(to_bridge_.empty());
    const auto& write = to_bridge_.back().write_credential();
    v1::BridgeMessage message;
    message.mutable_write_result()->set_request_id(write.request_id());
    message.mutable_write_result()->set_outcome(outcome);
    message.mutable_write_result()->set_uid(write.expected_uid());
    broadcasts_.clear();
    controller_->OnBridgeMessage(message);
    for (const auto& update : broadcasts_) {
      if (update.has_tap()) return update.tap();
    }
    return std::nullopt;
  }
};

TEST_F(RegistrationTest, InvalidDraftNamesEachFieldToFix) {
  v1::RegistrationDraft draft = CompleteRegistrationDraft(false);
  draft.mutable_person()->clear_given_name();
  draft.mutable_person()->set_phone("77 123 45 67");
  draft.mutable_person()->set_debt_declared(v1::ANSWER_YES);  // without consent
  ASSERT_TRUE(Save(draft).ok());
  v1::UiReply reply = Submit();
  EXPECT_EQ(reply.error(), v1::UI_ERROR_CODE_INVALID_DRAFT);
  std::map<std::string, v1::FieldProblem> problems;
  for (const auto& error : reply.field_errors()) problems[error.field()] = error.problem();
  EXPECT_EQ(problems["person.givenName"], v1::FIELD_PROBLEM_REQUIRED);
  EXPECT_EQ(problems["person.phone"], v1::FIELD_PROBLEM_BAD_FORMAT);
  EXPECT_EQ(problems["person.debtDeclared"], v1::FIELD_PROBLEM_NEEDS_CONSENT);
  EXPECT_EQ(problems.size(), 3u);
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_NONE);
}

TEST_F(RegistrationTest, BlankBraceletIsWrittenAndEverythingRecordedInOneStep) {
  ASSERT_TRUE(Save(CompleteRegistrationDraft(true)).ok());
  ASSERT_TRUE(Submit().ok());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_BLANK_BRACELET);
  EXPECT_EQ(controller_->State().draft().step(), v1::REGISTRATION_STEP_BRACELET);

  // A bracelet that already holds a credential is not overwritten.
  auto used = Tap(BraceletTag(Uid(9), std::string(16, '\x01'), *device_key_));
  ASSERT_TRUE(used);
  EXPECT_EQ(used->problem(), v1::TAP_PROBLEM_NOT_BLANK);
  EXPECT_TRUE(to_bridge_.empty());

  EXPECT_FALSE(Tap(BlankTag(Uid(1))).has_value());  // Writing: the result comes later.
  ASSERT_EQ(to_bridge_.size(), 1u);
  const auto& write = to_bridge_[0].write_credential();
  EXPECT_EQ(write.expected_uid(), Uid(1));
  EXPECT_FALSE(write.overwrite());
  EXPECT_TRUE(OutboxEvents().empty());  // Nothing recorded before the read-back.

  auto outcome = AnswerWrite(v1::WRITE_OUTCOME_OK);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result(), v1::TAP_RESULT_REGISTERED);
  EXPECT_TRUE(outcome->recorded());
  EXPECT_EQ(outcome->device_seq(), 4u);

  // Sealed in the outbox, every body (the bracelet and the first entry name her token and the
  // tag too): the clear copy exists nowhere on the kiosk.
  auto raw = OutboxEvents(false);
  ASSERT_EQ(raw.size(), 4u);
  for (const v1::Event& event : raw) {
    EXPECT_TRUE(event.has_sealed());
    EXPECT_EQ(event.sealed().recipient_key_id(), std::string(8, '\x01'));
  }
  auto events = OutboxEvents(true);
  const auto& person = events[0].person_registered();
  EXPECT_EQ(person.given_name(), "Aïssatou");
  EXPECT_EQ(person.person_token().size(), 16u);
  EXPECT_EQ(person.travel_paid_by_third_party(), v1::ANSWER_YES);
  EXPECT_EQ(events[1].bracelet_issued().tag_uid(), Uid(1));
  EXPECT_EQ(events[1].bracelet_issued().person_token(), person.person_token());
  EXPECT_EQ(events[1].bracelet_issued().credential(), write.credential());
  EXPECT_EQ(events[2].companion_recorded().companion_description(),
            "homme, la quarantaine, moto rouge");
  EXPECT_EQ(events[2].companion_recorded().relation(), v1::COMPANION_RELATION_RECRUITER);
  EXPECT_EQ(events[3].gate_passed().direction(), v1::DIRECTION_IN);
  EXPECT_EQ(events[3].gate_passed().person_token(), person.person_token());
  EXPECT_FALSE(controller_->State().has_draft());

  // At the gate, the bracelet now shows who should wear it — and nothing else.
  ASSERT_TRUE(SetMode(v1::KIOSK_MODE_GATE).ok());
  v1::TagPresented written = BlankTag(Uid(1));
  written.set_credential_read(v1::CREDENTIAL_READ_OK);
  written.set_credential(write.credential());
  auto at_gate = Tap(written);
  ASSERT_TRUE(at_gate);
  EXPECT_EQ(at_gate->result(), v1::TAP_RESULT_ACCEPTED);
  EXPECT_EQ(at_gate->first_name(), "Aïssatou");
  EXPECT_EQ(at_gate->sex(), v1::SEX_FEMALE);
  EXPECT_EQ(at_gate->birth_year(), 2007u);
}

TEST_F(RegistrationTest, DeclinedConsentStoresNoProtectionAnswer) {
  ASSERT_TRUE(Save(CompleteRegistrationDraft(false)).ok());
  ASSERT_TRUE(Submit().ok());
  Tap(BlankTag(Uid(1)));
  ASSERT_EQ(AnswerWrite(v1::WRITE_OUTCOME_OK)->result(), v1::TAP_RESULT_REGISTERED);
  const auto person = OutboxEvents()[0].person_registered();
  EXPECT_FALSE(person.consent().protection_questions_accepted());
  EXPECT_EQ(person.travel_paid_by_third_party(), v1::ANSWER_NOT_ASKED);
  EXPECT_EQ(person.debt_declared(), v1::ANSWER_NOT_ASKED);
  EXPECT_EQ(person.identity_document().holder(), v1::DOCUMENT_HOLDER_NOT_ASKED);
}

TEST_F(RegistrationTest, FailedWriteRecordsNothingAndTheDraftWaitsForAnotherBracelet) {
  ASSERT_TRUE(Save(CompleteRegistrationDraft(true)).ok());
  ASSERT_TRUE(Submit().ok());
  Tap(BlankTag(Uid(1)));
  auto removed = AnswerWrite(v1::WRITE_OUTCOME_NO_TAG);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->problem(), v1::TAP_PROBLEM_TAG_REMOVED);
  Tap(BlankTag(Uid(2)));
  auto failed = AnswerWrite(v1::WRITE_OUTCOME_VERIFY_FAILED);
  EXPECT_EQ(failed->problem(), v1::TAP_PROBLEM_WRITE_FAILED);
  EXPECT_EQ(failed->write_outcome(), v1::WRITE_OUTCOME_VERIFY_FAILED);
  EXPECT_TRUE(OutboxEvents().empty());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_BLANK_BRACELET);
  bridge_up_ = false;
  auto offline = Tap(BlankTag(Uid(3)));
  EXPECT_EQ(offline->write_outcome(), v1::WRITE_OUTCOME_READER_UNAVAILABLE);
}

TEST_F(RegistrationTest, DraftSurvivesARestartAndABraceletWrittenBeforeTheCrashCompletesIt) {
  ASSERT_TRUE(Save(CompleteRegistrationDraft(true)).ok());
  ASSERT_TRUE(Submit().ok());
  Tap(BlankTag(Uid(1)));
  const std::string credential = to_bridge_.back().write_credential().credential();
  // The kiosk dies after the bridge wrote the bracelet, before the result arrived.
  Restart();
  EXPECT_FALSE(controller_->State().has_draft());  // Nobody signed in: no personal data shown.
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  EXPECT_EQ(controller_->State().mode(), v1::KIOSK_MODE_REGISTRATION);
  EXPECT_EQ(controller_->State().draft().person().given_name(), "Aïssatou");
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_BLANK_BRACELET);
  v1::TagPresented written = BlankTag(Uid(1));
  written.set_credential_read(v1::CREDENTIAL_READ_OK);
  written.set_credential(credential);
  auto outcome = Tap(written);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result(), v1::TAP_RESULT_REGISTERED);
  EXPECT_EQ(OutboxEvents().size(), 4u);
}

TEST_F(RegistrationTest, CompanionBraceletTapFillsTheDraft) {
  v1::RegistrationDraft draft = CompleteRegistrationDraft(true);
  draft.set_companion_choice(v1::COMPANION_CHOICE_BRACELET);
  draft.clear_companion_description();
  ASSERT_TRUE(Save(draft).ok());
  v1::UiRequest arm;
  arm.mutable_arm_companion_tap();
  ASSERT_TRUE(Request(arm).ok());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_COMPANION_BRACELET);
  const std::string companion(16, '\x33');
  auto outcome = Tap(BraceletTag(Uid(8), companion, *device_key_));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result(), v1::TAP_RESULT_COMPANION_READ);
  EXPECT_EQ(controller_->State().draft().companion_person_token(), companion);
  // The page cannot substitute another token.
  v1::RegistrationDraft forged = controller_->State().draft();
  forged.set_companion_person_token(std::string(16, '\x44'));
  ASSERT_TRUE(Save(forged).ok());
  EXPECT_EQ(controller_->State().draft().companion_person_token(), companion);
  ASSERT_TRUE(Submit().ok());
  Tap(BlankTag(Uid(1)));
  ASSERT_EQ(AnswerWrite(v1::WRITE_OUTCOME_OK)->result(), v1::TAP_RESULT_REGISTERED);
  EXPECT_EQ(OutboxEvents()[2].companion_recorded().companion_person_token(), companion);
}

TEST_F(RegistrationTest, CancelDeletesTheDraft) {
  ASSERT_TRUE(Save(CompleteRegistrationDraft(true)).ok());
  v1::UiRequest cancel;
  cancel.mutable_cancel_registration();
  ASSERT_TRUE(Request(cancel).ok());
  Restart();
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  EXPECT_FALSE(controller_->State().has_draft());
}

// The bracelet written for a registration holds the person's random token, this kiosk's site,
// the time and its key (CredentialTest.CarriesNoPersonalData: nothing else fits), and none of
// what the person declared reaches the bridge: not her names, birth date, document number,
// nationality or place of origin, nor the companion's description.
TEST_F(RegistrationTest, BraceletWrittenForARegistrationCarriesNoPersonalData) {
  v1::RegistrationDraft draft = CompleteRegistrationDraft(true);
  auto* person = draft.mutable_person();
  person->mutable_birth()->set_month(3);
  person->mutable_birth()->set_day(14);
  person->mutable_birth()->set_estimated(false);
  auto* document = person->mutable_identity_document();
  document->set_type(v1::DOCUMENT_TYPE_PASSPORT);
  document->set_number("B07731942");
  document->set_issuing_country("MLI");
  document->set_holder(v1::DOCUMENT_HOLDER_COMPANION);
  ASSERT_TRUE(Save(draft).ok());
  ASSERT_TRUE(Submit().ok());
  EXPECT_FALSE(Tap(BlankTag(Uid(1))).has_value());
  ASSERT_EQ(to_bridge_.size(), 1u);
  const v1::KioskMessage to_bridge = to_bridge_[0];
  const std::string& written = to_bridge.write_credential().credential();
  ASSERT_EQ(AnswerWrite(v1::WRITE_OUTCOME_OK)->result(), v1::TAP_RESULT_REGISTERED);
  const v1::PersonRegistered registered = OutboxEvents()[0].person_registered();
  ASSERT_EQ(registered.identity_document().number(), "B07731942");  // declared and recorded

  const auto* bytes = reinterpret_cast<const std::uint8_t*>(written.data());
  auto decoded = credential::Decode(std::span(bytes, written.size()));
  ASSERT_TRUE(decoded) << decoded.error().message();
  const credential::CredentialFields& fields = decoded.value().fields;
  EXPECT_EQ(fields.kind, credential::Kind::bracelet);
  EXPECT_EQ(std::string(fields.person_token.begin(), fields.person_token.end()),
            registered.person_token());
  EXPECT_EQ(fields.site_id, 1u);
  EXPECT_EQ(fields.issued_at_ms, now_ms_);
  EXPECT_EQ(fields.card_number, "");
  EXPECT_EQ(decoded.value().key_id, device_key_->key_id());
  EXPECT_EQ(written.size(), credential::kBraceletSize);

  const std::string message = to_bridge.SerializeAsString();
  for (const std::string& value :
       {std::string("Aïssatou"), std::string("Keïta"), std::string("Kéniéba"),
        std::string("B07731942"), std::string("2007"), std::string("2007-03-14"),
        std::string("14/03/2007"), std::string("MLI"),
        std::string("homme, la quarantaine, moto rouge")}) {
    SCOPED_TRACE(value);
    EXPECT_EQ(written.find(value), std::string::npos);
    EXPECT_EQ(message.find(value), std::string::npos);
  }
}

// Item 4 of issue 9: every deletion of personal data reaches every file of the data directory
// (database, -wal, -shm), not only the table. Each expiry path runs on the injected clock.
TEST_F(RegistrationTest, DeletedPersonalDataLeavesNoFileOfTheDataDirectory) {
  const std::filesystem::path data = dir_.path();
  v1::RegistrationDraft draft = CompleteRegistrationDraft(true);
  draft.mutable_person()->set_given_name("Zoubeyda");
  draft.mutable_person()->set_family_name("Qassoum-Effacé");

  // Cancelled: the draft goes, from the WAL too.
  ASSERT_TRUE(Save(draft).ok());
  ASSERT_FALSE(FilesContaining(data, "Qassoum-Effacé").empty());  // the scan sees it while kept
  v1::UiRequest cancel;
  cancel.mutable_cancel_registration();
  ASSERT_TRUE(Request(cancel).ok());
  EXPECT_EQ(FilesContaining(data, "Qassoum-Effacé"), std::vector<std::string>{});

  // Abandoned: expired after draft_ttl untouched, by the housekeeping tick.
  v1::UiRequest start;
  start.mutable_start_registration();
  ASSERT_TRUE(Request(start).ok());
  ASSERT_TRUE(Save(draft).ok());
  ASSERT_FALSE(FilesContaining(data, "Qassoum-Effacé").empty());
  now_ms_ += config_.draft_ttl.count() + 60'000;
  controller_->OnTick();
  EXPECT_FALSE(controller_->State().has_draft());
  EXPECT_EQ(FilesContaining(data, "Qassoum-Effacé"), std::vector<std::string>{});

  // Recorded: the draft goes, the roster cache keeps the first name only, until it expires.
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  ASSERT_TRUE(Request(start).ok());
  ASSERT_TRUE(Save(draft).ok());
  ASSERT_TRUE(Submit().ok());
  EXPECT_FALSE(Tap(BlankTag(Uid(1))).has_value());
  ASSERT_EQ(AnswerWrite(v1::WRITE_OUTCOME_OK)->result(), v1::TAP_RESULT_REGISTERED);
  const std::string token = OutboxEvents()[0].person_registered().person_token();
  ASSERT_EQ(token.size(), 16u);
  for (const std::string& value :
       {std::string("Qassoum-Effacé"), std::string("Kéniéba"),
        std::string("homme, la quarantaine, moto rouge"), token, HexOf(token), Uid(1)}) {
    SCOPED_TRACE(HexOf(value));
    EXPECT_EQ(FilesContaining(data, value), std::vector<std::string>{});
  }
  EXPECT_FALSE(FilesContaining(data, "Zoubeyda").empty());  // the roster cache
  now_ms_ += config_.roster_ttl.count() + 60'000;
  controller_->OnTick();
  EXPECT_EQ(FilesContaining(data, "Zoubeyda"), std::vector<std::string>{});

  // Acknowledged and past the retention: the sealed rows go too.
  const std::vector<v1::Event> sealed = OutboxEvents(false);
  ASSERT_EQ(sealed.size(), 4u);
  kiosk::store::Outbox outbox(*connection_);
  ASSERT_TRUE(outbox.RecordAck(4, now_ms_));
  ASSERT_FALSE(FilesContaining(data, sealed[0].sealed().ciphertext()).empty());
  now_ms_ += config_.retention.count() + 60'000;
  controller_->OnTick();
  EXPECT_TRUE(OutboxEvents(false).empty());
  for (const v1::Event& event : sealed) {
    EXPECT_EQ(FilesContaining(data, event.sealed().ciphertext()), std::vector<std::string>{});
  }
  // Numbering survives the purge.
  EXPECT_EQ(outbox.Position().value().highest_recorded_seq, 4u);
}

}  // namespace
}  // namespace minegate::test
