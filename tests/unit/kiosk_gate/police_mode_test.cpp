// The police mode of the controller on a real database, with the sync link's port captured:
// who may use it, what is sent to the server, what the page is shown and when it clears, and
// that nothing of the answer is recorded.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/kiosk_gate/controller_fixture.hpp"

namespace minegate::test {
namespace {

class PoliceModeTest : public ControllerFixture {
 protected:
  void SetUp() override {
    ControllerFixture::SetUp();
    ApplyRoster({MakeAgent("awa", "482915"),
                 MakeAgent("sarr", "639182", v1::AGENT_ROLE_BORDER_POLICE),
                 MakeAgent("fatou", "739148", v1::AGENT_ROLE_EMAPE_OFFICIAL)});
    token_ = std::string(16, '\x5A');
  }

  v1::UiReply ChooseReason(v1::PoliceReason reason, const std::string& reference = "") {
    v1::UiRequest request;
    request.mutable_choose_police_reason()->set_reason(reason);
    request.mutable_choose_police_reason()->set_case_reference(reference);
    return Request(request);
  }

  v1::ServerFrame Found(std::uint64_t request_id) const {
    v1::ServerFrame frame;
    v1::PoliceHistoryAnswer& answer = *frame.mutable_police_history();
    answer.set_request_id(request_id);
    answer.set_outcome(v1::POLICE_HISTORY_OUTCOME_FOUND);
    answer.mutable_history()->set_given_name("Aïssatou");
    answer.mutable_history()->set_family_name("Kantewalibou");
    answer.mutable_history()->add_passages()->set_direction(v1::DIRECTION_IN);
    return frame;
  }

  std::string token_;
};

TEST_F(PoliceModeTest, AnOfficerChoosesAReasonTapsAndSeesTheAnswerUntilAMinutePasses) {
  ASSERT_TRUE(SignIn("sarr", "639182").ok());
  v1::KioskState state = controller_->State();
  EXPECT_EQ(state.mode(), v1::KIOSK_MODE_POLICE);
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_REASON);
  EXPECT_EQ(state.prompt(), v1::TAP_PROMPT_NONE);

  EXPECT_FALSE(ChooseReason(v1::POLICE_REASON_UNSPECIFIED).ok());
  EXPECT_FALSE(ChooseReason(static_cast<v1::PoliceReason>(99)).ok());
  EXPECT_FALSE(ChooseReason(v1::POLICE_REASON_IDENTITY_CHECK, std::string(65, 'x')).ok());
  EXPECT_FALSE(ChooseReason(v1::POLICE_REASON_IDENTITY_CHECK, "line\nbreak").ok());
  ASSERT_TRUE(ChooseReason(v1::POLICE_REASON_IDENTITY_CHECK, "PV-12").ok());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_POLICE_BRACELET);

  const v1::TagPresented bracelet = BraceletTag(Uid(1), token_, *device_key_);
  auto tap = Tap(bracelet);
  ASSERT_TRUE(tap);
  EXPECT_EQ(tap->result(), v1::TAP_RESULT_POLICE_BRACELET_READ);
  EXPECT_FALSE(tap->recorded());
  ASSERT_EQ(police_requests_.size(), 1u);
  const v1::PoliceHistoryRequest& sent = police_requests_[0];
  EXPECT_EQ(sent.officer_id(), "sarr");
  EXPECT_EQ(sent.reason(), v1::POLICE_REASON_IDENTITY_CHECK);
  EXPECT_EQ(sent.case_reference(), "PV-12");
  EXPECT_EQ(sent.tag_uid(), Uid(1));
  EXPECT_EQ(sent.credential(), bracelet.credential());
  EXPECT_EQ(sent.person_token(), token_);
  state = controller_->State();
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_ASKING);
  EXPECT_EQ(state.prompt(), v1::TAP_PROMPT_NONE);

  // An answer to another request is not this one's.
  controller_->OnServerAnswer(Found(sent.request_id() + 1));
  EXPECT_EQ(controller_->State().police().step(), v1::POLICE_STEP_ASKING);
  controller_->OnServerAnswer(Found(sent.request_id()));
  state = controller_->State();
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_RESULT);
  EXPECT_EQ(state.police().result(), v1::POLICE_RESULT_FOUND);
  EXPECT_EQ(state.police().history().family_name(), "Kantewalibou");
  EXPECT_EQ(state.police().clears_at_ms(), now_ms_ + gate::kPoliceShownMs);
  EXPECT_EQ(state.prompt(), v1::TAP_PROMPT_POLICE_BRACELET);
  // Nothing recorded, nothing kept in the database.
  EXPECT_TRUE(OutboxEvents().empty());

  now_ms_ += gate::kPoliceShownMs - 1;
  controller_->OnTick();
  EXPECT_TRUE(controller_->State().police().has_history());
  now_ms_ += 1;
  controller_->OnTick();
  state = controller_->State();
  EXPECT_FALSE(state.police().has_history());
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_TAP);
  EXPECT_EQ(state.police().reason(), v1::POLICE_REASON_IDENTITY_CHECK);
  EXPECT_EQ(state.police().clears_at_ms(), 0);
}

TEST_F(PoliceModeTest, TheNextTapClearsTheHistoryShownBeforeAskingAgain) {
  ASSERT_TRUE(SignIn("sarr", "639182").ok());
  ASSERT_TRUE(ChooseReason(v1::POLICE_REASON_BORDER_CONTROL).ok());
  ASSERT_TRUE(Tap(BraceletTag(Uid(1), token_, *device_key_)));
  controller_->OnServerAnswer(Found(police_requests_.back().request_id()));
  ASSERT_TRUE(controller_->State().police().has_history());
  // Another bracelet, and the server slow to answer: the first person is gone at once.
  ASSERT_TRUE(Tap(BraceletTag(Uid(2), std::string(16, '\x11'), *device_key_)));
  v1::KioskState state = controller_->State();
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_ASKING);
  EXPECT_FALSE(state.police().has_history());
  // No answer within the bound: the screen says the server did not answer.
  now_ms_ += gate::kServerAnswerTimeoutMs + 1;
  controller_->OnTick();
  state = controller_->State();
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_RESULT);
  EXPECT_EQ(state.police().result(), v1::POLICE_RESULT_SERVER_BUSY);
  // A late answer shows nothing.
  controller_->OnServerAnswer(Found(police_requests_.back().request_id()));
  EXPECT_FALSE(controller_->State().police().has_history());
}

TEST_F(PoliceModeTest, OfflineNothingIsAskedAndAForgedBraceletIsNotSent) {
  ASSERT_TRUE(SignIn("sarr", "639182").ok());
  ASSERT_TRUE(ChooseReason(v1::POLICE_REASON_INVESTIGATION, "X-1").ok());
  police_online_ = false;
  auto tap = Tap(BraceletTag(Uid(1), token_, *device_key_));
  ASSERT_TRUE(tap);
  v1::KioskState state = controller_->State();
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_RESULT);
  EXPECT_EQ(state.police().result(), v1::POLICE_RESULT_OFFLINE);
  EXPECT_FALSE(state.police().has_history());

  // A credential signed for another UID (copied onto this tag) is refused here.
  police_online_ = true;
  police_requests_.clear();
  auto copied = Tap(BraceletTag(Uid(3), token_, *device_key_, Uid(4)));
  ASSERT_TRUE(copied);
  EXPECT_EQ(copied->result(), v1::TAP_RESULT_REJECTED);
  EXPECT_TRUE(police_requests_.empty());
  EXPECT_EQ(controller_->State().police().result(), v1::POLICE_RESULT_INVALID_BRACELET);
  // A blank tag too.
  auto blank = Tap(BlankTag(Uid(5)));
  ASSERT_TRUE(blank);
  EXPECT_TRUE(police_requests_.empty());
}

TEST_F(PoliceModeTest, SignOutForgetsEverythingAndALateAnswerIsDropped) {
  ASSERT_TRUE(SignIn("sarr", "639182").ok());
  ASSERT_TRUE(ChooseReason(v1::POLICE_REASON_JUDICIAL_REQUEST, "RJ-7").ok());
  ASSERT_TRUE(Tap(BraceletTag(Uid(1), token_, *device_key_)));
  const std::uint64_t id = police_requests_.back().request_id();
  v1::UiRequest sign_out;
  sign_out.mutable_sign_out();
  ASSERT_TRUE(Request(sign_out).ok());
  controller_->OnServerAnswer(Found(id));
  ASSERT_TRUE(SignIn("sarr", "639182").ok());
  const v1::KioskState state = controller_->State();
  EXPECT_EQ(state.police().step(), v1::POLICE_STEP_REASON);
  EXPECT_FALSE(state.police().has_history());
  EXPECT_TRUE(state.police().case_reference().empty());
}

TEST_F(PoliceModeTest, OnlyBorderPoliceUseTheModeAndThePoliceNothingElse) {
  ASSERT_TRUE(SignIn("awa", "482915").ok());
  EXPECT_EQ(SetMode(v1::KIOSK_MODE_POLICE).error(), v1::UI_ERROR_CODE_NOT_ALLOWED);
  EXPECT_FALSE(ChooseReason(v1::POLICE_REASON_IDENTITY_CHECK).ok());
  EXPECT_FALSE(controller_->State().has_police());
  v1::UiRequest sign_out;
  sign_out.mutable_sign_out();
  ASSERT_TRUE(Request(sign_out).ok());

  ASSERT_TRUE(SignIn("fatou", "739148").ok());
  EXPECT_EQ(SetMode(v1::KIOSK_MODE_POLICE).error(), v1::UI_ERROR_CODE_NOT_ALLOWED);
  ASSERT_TRUE(Request(sign_out).ok());

  ASSERT_TRUE(SignIn("sarr", "639182").ok());
  for (v1::KioskMode mode :
       {v1::KIOSK_MODE_GATE, v1::KIOSK_MODE_REGISTRATION, v1::KIOSK_MODE_MINER_CARD,
        v1::KIOSK_MODE_CENSUS, v1::KIOSK_MODE_BRACELETS}) {
    EXPECT_EQ(SetMode(mode).error(), v1::UI_ERROR_CODE_NOT_ALLOWED) << v1::KioskMode_Name(mode);
  }
  v1::UiRequest start;
  start.mutable_start_registration();
  EXPECT_FALSE(Request(start).ok());
  v1::UiRequest seize;
  seize.mutable_arm_seizure()->set_reason(v1::REVOCATION_REASON_DAMAGED);
  EXPECT_FALSE(Request(seize).ok());
  EXPECT_TRUE(SetMode(v1::KIOSK_MODE_SYNC_STATUS).ok());
  // Back in the police mode it starts at the reason again.
  ASSERT_TRUE(SetMode(v1::KIOSK_MODE_POLICE).ok());
  EXPECT_EQ(controller_->State().police().step(), v1::POLICE_STEP_REASON);
}

}  // namespace
}  // namespace minegate::test
