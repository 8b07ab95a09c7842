// The bracelet service at the gate: a bracelet seized and revoked, a damaged
// one replaced after it is tapped, a lost one replaced after a server search.
// The person keeps one token; the old bracelet is refused here at once.
#include "kiosk/store/roster_cache.hpp"
#include "tests/unit/kiosk_gate/controller_fixture.hpp"

namespace minegate::test {
namespace {

class BraceletServiceTest : public ControllerFixture {
 protected:
  void SetUp() override {
    ControllerFixture::SetUp();
    ApplyRoster(
        {MakeAgent("awa", "482915"), MakeAgent("fatou", "739148", v1::AGENT_ROLE_EMAPE_OFFICIAL)});
    ASSERT_TRUE(SignIn("awa", "482915").ok());
    ASSERT_TRUE(SetMode(v1::KIOSK_MODE_BRACELETS).ok());
  }

  v1::UiReply Seize(v1::RevocationReason reason, const std::string& note) {
    v1::UiRequest request;
    request.mutable_arm_seizure()->set_reason(reason);
    request.mutable_arm_seizure()->set_note(note);
    return Request(request);
  }
  v1::UiReply StartReplacement(bool present) {
    v1::UiRequest request;
    request.mutable_start_replacement()->set_old_bracelet_present(present);
    return Request(request);
  }
  v1::UiReply Search(const std::string& given, std::uint32_t year, v1::Sex sex) {
    v1::UiRequest request;
    request.mutable_search_person()->set_given_name(given);
    request.mutable_search_person()->set_birth_year(year);
    request.mutable_search_person()->set_sex(sex);
    return Request(request);
  }
  v1::UiReply Choose(std::uint32_t index) {
    v1::UiRequest request;
    request.mutable_choose_candidate()->set_index(index);
    return Request(request);
  }
  /// The write the bridge was asked for, answered OK; the tap outcome published.
  std::optional<v1::TapOutcome> AnswerWrite() {
    EXPECT_FALSE(to_bridge_.empty());
    if (to_bridge_.empty()) return std::nullopt;
    const auto& write = to_bridge_.back().write_credential();
    v1::BridgeMessage message;
    message.mutable_write_result()->set_request_id(write.request_id());
    message.mutable_write_result()->set_outcome(v1::WRITE_OUTCOME_OK);
    message.mutable_write_result()->set_uid(write.expected_uid());
    broadcasts_.clear();
    controller_->OnBridgeMessage(message);
    for (const auto& update : broadcasts_) {
      if (update.has_tap()) return update.tap();
    }
    return std::nullopt;
  }
  /// The tag as it is once the bridge wrote what it was asked to.
  v1::TagPresented Written(const std::string& uid) {
    v1::TagPresented tag = BlankTag(uid);
    tag.set_credential_read(v1::CREDENTIAL_READ_OK);
    tag.set_credential(to_bridge_.back().write_credential().credential());
    return tag;
  }
  v1::Verification AtTheGate(const v1::TagPresented& tag) {
    EXPECT_TRUE(SetMode(v1::KIOSK_MODE_GATE).ok());
    auto outcome = Tap(tag);
    EXPECT_TRUE(SetMode(v1::KIOSK_MODE_BRACELETS).ok());
    return outcome ? outcome->verification() : v1::VERIFICATION_UNSPECIFIED;
  }

  const std::string token_ = std::string(16, '\x5A');
};

TEST_F(BraceletServiceTest, ASeizedBraceletIsRevokedHereAtOnceAndTheRevocationRecorded) {
  EXPECT_EQ(controller_->State().bracelet_service().step(), v1::BRACELET_SERVICE_STEP_CHOOSE);
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_NONE);
  v1::UiReply missing = Seize(v1::REVOCATION_REASON_UNSPECIFIED, "");
  ASSERT_FALSE(missing.ok());
  ASSERT_EQ(missing.field_errors_size(), 1);
  EXPECT_EQ(missing.field_errors(0).field(), "reason");
  EXPECT_EQ(Seize(v1::REVOCATION_REASON_DAMAGED, std::string(201, 'x')).field_errors(0).problem(),
            v1::FIELD_PROBLEM_TOO_LONG);
  ASSERT_TRUE(Seize(v1::REVOCATION_REASON_SUSPECTED_CLONE, "vu à deux portes").ok());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_SEIZE_BRACELET);

  const v1::TagPresented bracelet = BraceletTag(Uid(1), token_, *device_key_);
  auto seized = Tap(bracelet);
  ASSERT_TRUE(seized);
  EXPECT_EQ(seized->result(), v1::TAP_RESULT_BRACELET_REVOKED);
  EXPECT_TRUE(seized->recorded());
  EXPECT_EQ(controller_->State().bracelet_service().step(), v1::BRACELET_SERVICE_STEP_CHOOSE);

  const auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 1u);
  const v1::BraceletRevoked& revoked = events[0].bracelet_revoked();
  EXPECT_EQ(revoked.tag_uid(), Uid(1));
  EXPECT_EQ(revoked.person_token(), token_);
  EXPECT_EQ(revoked.reason(), v1::REVOCATION_REASON_SUSPECTED_CLONE);
  EXPECT_EQ(revoked.note(), "vu à deux portes");
  for (const v1::Event& raw : OutboxEvents(false)) EXPECT_TRUE(raw.has_sealed());
  // Refused at this gate from now on, before any list from the server.
  EXPECT_EQ(AtTheGate(bracelet), v1::VERIFICATION_BRACELET_REVOKED);
}

TEST_F(BraceletServiceTest, ADamagedBraceletIsReplacedForTheSamePerson) {
  ASSERT_TRUE(kiosk::store::RosterCache(*connection_)
                  .Put(token_, {"Aïssatou", v1::SEX_FEMALE, 2004}, now_ms_ + 86'400'000));
  ASSERT_TRUE(StartReplacement(true).ok());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_OLD_BRACELET);
  // A blank tag names nobody.
  auto blank = Tap(BlankTag(Uid(3)));
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->problem(), v1::TAP_PROBLEM_INVALID_BRACELET);

  const v1::TagPresented old = BraceletTag(Uid(1), token_, *device_key_);
  auto read = Tap(old);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->result(), v1::TAP_RESULT_OLD_BRACELET_READ);
  EXPECT_EQ(read->first_name(), "Aïssatou");
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_REPLACEMENT_BRACELET);
  EXPECT_EQ(controller_->State().bracelet_service().chosen().given_name(), "Aïssatou");
  // The bracelet being replaced is not its own replacement.
  EXPECT_EQ(Tap(old)->problem(), v1::TAP_PROBLEM_NOT_BLANK);

  EXPECT_FALSE(Tap(BlankTag(Uid(2))).has_value());  // writing
  auto replaced = AnswerWrite();
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->result(), v1::TAP_RESULT_BRACELET_REPLACED);
  EXPECT_EQ(replaced->first_name(), "Aïssatou");

  const auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].bracelet_revoked().tag_uid(), Uid(1));
  EXPECT_EQ(events[0].bracelet_revoked().reason(), v1::REVOCATION_REASON_DAMAGED);
  EXPECT_EQ(events[1].bracelet_issued().tag_uid(), Uid(2));
  EXPECT_EQ(events[1].bracelet_issued().person_token(), token_);
  EXPECT_EQ(events[1].bracelet_issued().replaces_tag_uid(), Uid(1));
  EXPECT_EQ(events[1].bracelet_issued().credential(),
            to_bridge_.back().write_credential().credential());

  EXPECT_EQ(AtTheGate(old), v1::VERIFICATION_BRACELET_REVOKED);
  EXPECT_EQ(AtTheGate(Written(Uid(2))), v1::VERIFICATION_VALID);
}

TEST_F(BraceletServiceTest, ALostBraceletIsReplacedAfterASearchOnTheServer) {
  ASSERT_TRUE(StartReplacement(false).ok());
  EXPECT_EQ(controller_->State().bracelet_service().step(), v1::BRACELET_SERVICE_STEP_SEARCH);
  v1::UiReply incomplete = Search("", 1890, v1::SEX_UNSPECIFIED);
  EXPECT_FALSE(incomplete.ok());
  EXPECT_EQ(incomplete.field_errors_size(), 3);
  EXPECT_TRUE(searches_.empty());

  ASSERT_TRUE(Search("aissatou", 2004, v1::SEX_FEMALE).ok());
  ASSERT_EQ(searches_.size(), 1u);
  EXPECT_EQ(searches_[0].agent_id(), "awa");
  EXPECT_EQ(searches_[0].given_name(), "aissatou");
  EXPECT_EQ(controller_->State().bracelet_service().step(), v1::BRACELET_SERVICE_STEP_SEARCHING);

  gate::CandidatesAnswer answer;
  answer.outcome = v1::SEARCH_OUTCOME_FOUND;
  for (int i = 0; i < 2; ++i) {
    v1::PersonCandidate* candidate = answer.candidates.add_candidates();
    candidate->set_person_token(std::string(16, static_cast<char>('a' + i)));
    candidate->set_given_name(i == 0 ? "Aïssatou" : "Aissatou Binta");
    candidate->set_sex(v1::SEX_FEMALE);
    candidate->set_birth_year(2004);
    candidate->set_registered_site_name("Bantako");
    candidate->add_bracelet_tag_uids(Uid(static_cast<std::uint8_t>(10 + i)));
  }
  broadcasts_.clear();
  search_answer_(answer);
  const v1::KioskState found = controller_->State();
  EXPECT_EQ(found.bracelet_service().step(), v1::BRACELET_SERVICE_STEP_CANDIDATES);
  ASSERT_EQ(found.bracelet_service().candidates_size(), 2);
  EXPECT_EQ(found.bracelet_service().candidates(1).given_name(), "Aissatou Binta");
  EXPECT_EQ(found.bracelet_service().candidates(1).active_bracelets(), 1u);
  // The page never sees a person token.
  EXPECT_EQ(found.SerializeAsString().find(std::string(16, 'b')), std::string::npos);

  EXPECT_FALSE(Choose(5).ok());
  ASSERT_TRUE(Choose(1).ok());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_REPLACEMENT_BRACELET);
  EXPECT_FALSE(Tap(BlankTag(Uid(2))).has_value());
  auto replaced = AnswerWrite();
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->result(), v1::TAP_RESULT_BRACELET_REPLACED);
  const auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].bracelet_revoked().tag_uid(), Uid(11));
  EXPECT_EQ(events[0].bracelet_revoked().reason(), v1::REVOCATION_REASON_LOST);
  EXPECT_EQ(events[1].bracelet_issued().person_token(), std::string(16, 'b'));
  EXPECT_EQ(events[1].bracelet_issued().replaces_tag_uid(), Uid(11));
  EXPECT_EQ(events[0].agent_id(), "awa");
}

TEST_F(BraceletServiceTest, OfflineOrLateAnswersAndOtherRolesChangeNothing) {
  ASSERT_TRUE(StartReplacement(false).ok());
  ASSERT_TRUE(Search("Awa", 1999, v1::SEX_FEMALE).ok());
  search_answer_({v1::SEARCH_OUTCOME_OFFLINE, {}});
  EXPECT_EQ(controller_->State().bracelet_service().step(), v1::BRACELET_SERVICE_STEP_SEARCH);
  EXPECT_EQ(controller_->State().bracelet_service().search_outcome(), v1::SEARCH_OUTCOME_OFFLINE);

  // An answer arriving after the agent cancelled is dropped.
  ASSERT_TRUE(Search("Awa", 1999, v1::SEX_FEMALE).ok());
  v1::UiRequest cancel;
  cancel.mutable_cancel_bracelet_service();
  ASSERT_TRUE(Request(cancel).ok());
  gate::CandidatesAnswer late;
  late.outcome = v1::SEARCH_OUTCOME_FOUND;
  late.candidates.add_candidates()->set_person_token(std::string(16, 'c'));
  search_answer_(late);
  EXPECT_EQ(controller_->State().bracelet_service().step(), v1::BRACELET_SERVICE_STEP_CHOOSE);
  EXPECT_EQ(controller_->State().bracelet_service().candidates_size(), 0);
  EXPECT_TRUE(OutboxEvents().empty());

  // An EMAPE official has no bracelet service.
  v1::UiRequest sign_out;
  sign_out.mutable_sign_out();
  ASSERT_TRUE(Request(sign_out).ok());
  ASSERT_TRUE(SignIn("fatou", "739148").ok());
  EXPECT_EQ(SetMode(v1::KIOSK_MODE_BRACELETS).error(), v1::UI_ERROR_CODE_NOT_ALLOWED);
  EXPECT_FALSE(StartReplacement(true).ok());
}

}  // namespace
}  // namespace minegate::test
