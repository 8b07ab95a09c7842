// Cases where the kiosk must refuse to record, or record for the right agent
// only: results racing a sign-out, stale staff cards, escalating lock-outs,
// closed campaigns, a wrong clock, a bridge that goes away mid-write.
#include "kiosk/store/list_store.hpp"
#include "tests/unit/kiosk_gate/controller_fixture.hpp"

namespace minegate::test {
namespace {

class ReviewCasesTest : public ControllerFixture {
 protected:
  v1::UiReply Simple(void (*fill)(v1::UiRequest&)) {
    v1::UiRequest request;
    fill(request);
    return Request(request);
  }
  /// Signs awa in and brings a complete draft to the bracelet step.
  void DraftAtBracelet() {
    ASSERT_TRUE(SignIn("awa", "4821").ok());
    ASSERT_TRUE(Simple([](v1::UiRequest& r) { r.mutable_start_registration(); }).ok());
    v1::UiRequest save;
    auto* draft = save.mutable_save_draft()->mutable_draft();
    auto* person = draft->mutable_person();
    person->set_given_name("Binta");
    person->set_family_name("Sow");
    person->set_sex(v1::SEX_FEMALE);
    person->mutable_birth()->set_year(2004);
    person->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
    person->set_occupation(v1::OCCUPATION_MINER);
    person->set_purpose(v1::PURPOSE_MINING);
    person->mutable_consent()->set_information_given(true);
    person->mutable_consent()->set_information_language("fra");
    person->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
    draft->set_companion_choice(v1::COMPANION_CHOICE_NONE);
    ASSERT_TRUE(Request(save).ok());
    ASSERT_TRUE(Simple([](v1::UiRequest& r) { r.mutable_submit_registration(); }).ok());
  }
  void AnswerLastWrite(v1::WriteOutcome outcome) {
    v1::BridgeMessage message;
    message.mutable_write_result()->set_request_id(
        to_bridge_.back().write_credential().request_id());
    message.mutable_write_result()->set_outcome(outcome);
    controller_->OnBridgeMessage(message);
  }
};

TEST_F(ReviewCasesTest, AWriteResultAfterSignOutRecordsNothingAndTheBraceletCompletesLater) {
  ApplyRoster(
      {MakeAgent("awa", "4821"), MakeAgent("emape1", "9090", v1::AGENT_ROLE_EMAPE_OFFICIAL)});
  DraftAtBracelet();
  Tap(BlankTag(Uid(1)));
  const std::string credential = to_bridge_.back().write_credential().credential();
  ASSERT_TRUE(Simple([](v1::UiRequest& r) { r.mutable_sign_out(); }).ok());
  ASSERT_TRUE(SignIn("emape1", "9090").ok());
  AnswerLastWrite(v1::WRITE_OUTCOME_OK);
  EXPECT_TRUE(OutboxEvents().empty());
  // An EMAPE official sees neither the draft nor anything of the person.
  EXPECT_FALSE(controller_->State().has_draft());
  // Back with awa, the written bracelet completes the registration under her name.
  ASSERT_TRUE(Simple([](v1::UiRequest& r) { r.mutable_sign_out(); }).ok());
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  v1::TagPresented written = BlankTag(Uid(1));
  written.set_credential_read(v1::CREDENTIAL_READ_OK);
  written.set_credential(credential);
  EXPECT_EQ(Tap(written)->result(), v1::TAP_RESULT_REGISTERED);
  auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 3u);
  for (const auto& event : events) EXPECT_EQ(event.agent_id(), "awa");
}

TEST_F(ReviewCasesTest, ABridgeThatGoesAwayOrNeverAnswersEndsTheWriteVisibly) {
  ApplyRoster({MakeAgent("awa", "4821")});
  DraftAtBracelet();
  Tap(BlankTag(Uid(1)));
  broadcasts_.clear();
  controller_->OnBridgeConnected(false);
  std::optional<v1::TapOutcome> outcome;
  for (const auto& update : broadcasts_) {
    if (update.has_tap()) outcome = update.tap();
  }
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->problem(), v1::TAP_PROBLEM_WRITE_TIMED_OUT);
  controller_->OnBridgeConnected(true);
  Tap(BlankTag(Uid(2)));
  ASSERT_EQ(to_bridge_.size(), 2u);
  broadcasts_.clear();
  now_ms_ += gate::kWriteTimeoutMs + 1;
  controller_->OnTick();
  bool timed_out = false;
  for (const auto& update : broadcasts_) {
    timed_out |= update.has_tap() && update.tap().problem() == v1::TAP_PROBLEM_WRITE_TIMED_OUT;
  }
  EXPECT_TRUE(timed_out);
  // The next blank bracelet is written (the kiosk is not stuck waiting).
  Tap(BlankTag(Uid(3)));
  EXPECT_EQ(to_bridge_.size(), 3u);
}

TEST_F(ReviewCasesTest, ATornBraceletMayBeWrittenOver) {
  ApplyRoster({MakeAgent("awa", "4821")});
  DraftAtBracelet();
  v1::TagPresented torn = BlankTag(Uid(1));
  torn.set_credential_read(v1::CREDENTIAL_READ_MALFORMED);
  Tap(torn);
  ASSERT_EQ(to_bridge_.size(), 1u);
  EXPECT_TRUE(to_bridge_[0].write_credential().overwrite());
}

TEST_F(ReviewCasesTest, StaffCardFollowsTheRosterAndExpires) {
  const std::string card = Uid(0x51);
  ApplyRoster({MakeAgent("awa", "4821", v1::AGENT_ROLE_GATE_AGENT, card)});
  ASSERT_EQ(Tap(BlankTag(card))->result(), v1::TAP_RESULT_STAFF_CARD);
  // A new PIN arrives after the card was tapped: the old one no longer works.
  v1::AgentRoster roster;
  roster.set_version(8);
  *roster.add_agents() = MakeAgent("awa", "7777", v1::AGENT_ROLE_GATE_AGENT, card);
  ASSERT_TRUE(kiosk::store::ListStore(*connection_).ApplyAgentRoster(roster));
  v1::UiRequest old_pin;
  old_pin.mutable_sign_in()->set_staff_card(true);
  old_pin.mutable_sign_in()->set_pin("4821");
  EXPECT_EQ(Request(old_pin).error(), v1::UI_ERROR_CODE_WRONG_PIN);
  // A card tapped more than a minute ago no longer stands for anyone.
  now_ms_ += gate::kStaffCardValidMs + 1;
  v1::UiRequest late;
  late.mutable_sign_in()->set_staff_card(true);
  late.mutable_sign_in()->set_pin("7777");
  EXPECT_EQ(Request(late).error(), v1::UI_ERROR_CODE_UNKNOWN_AGENT);
}

TEST_F(ReviewCasesTest, EachLockInARowLastsTwiceAsLong) {
  ApplyRoster({MakeAgent("awa", "4821")});
  const auto base = config_.sign_in.lock_duration.count();
  for (int lock = 0; lock < 3; ++lock) {
    v1::UiReply reply;
    for (std::uint32_t i = 0; i < config_.sign_in.max_failures; ++i) reply = SignIn("awa", "0000");
    ASSERT_EQ(reply.error(), v1::UI_ERROR_CODE_AGENT_LOCKED);
    EXPECT_EQ(reply.locked_until_ms() - now_ms_, base << lock);
    now_ms_ = reply.locked_until_ms() + 1;
  }
  // Success forgets the history.
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  ASSERT_TRUE(Simple([](v1::UiRequest& r) { r.mutable_sign_out(); }).ok());
  v1::UiReply reply;
  for (std::uint32_t i = 0; i < config_.sign_in.max_failures; ++i) reply = SignIn("awa", "0000");
  EXPECT_EQ(reply.locked_until_ms() - now_ms_, base);
}

TEST_F(ReviewCasesTest, ACampaignThatClosedTakesNoMoreTaps) {
  ApplyRoster({MakeAgent("emape1", "9090", v1::AGENT_ROLE_EMAPE_OFFICIAL)});
  v1::CensusCampaigns campaigns;
  campaigns.set_version(1);
  auto* campaign = campaigns.add_campaigns();
  campaign->set_campaign_id("kdg-2026-q4");
  campaign->set_opens_at_ms(now_ms_ - 1000);
  campaign->set_closes_at_ms(now_ms_ + 60'000);
  ASSERT_TRUE(kiosk::store::ListStore(*connection_).ApplyCensusCampaigns(campaigns));
  ASSERT_TRUE(SignIn("emape1", "9090").ok());
  v1::UiRequest choose;
  choose.mutable_choose_campaign()->set_campaign_id("kdg-2026-q4");
  ASSERT_TRUE(Request(choose).ok());
  EXPECT_EQ(Tap(BraceletTag(Uid(1), std::string(16, '\x01'), *device_key_))->result(),
            v1::TAP_RESULT_CENSUS_OBSERVED);
  now_ms_ += 61'000;
  EXPECT_FALSE(Tap(BraceletTag(Uid(2), std::string(16, '\x02'), *device_key_)).has_value());
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_NONE);
  EXPECT_EQ(OutboxEvents().size(), 1u);
}

TEST_F(ReviewCasesTest, AClockBefore2020RecordsNothing) {
  ApplyRoster({MakeAgent("awa", "4821")});
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  now_ms_ = 946'684'800'000;  // 2000-01-01: a box that lost its clock
  auto outcome = Tap(BraceletTag(Uid(1), std::string(16, '\x01'), *device_key_));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->problem(), v1::TAP_PROBLEM_CLOCK_WRONG);
  EXPECT_TRUE(OutboxEvents().empty());
}

TEST_F(ReviewCasesTest, AnImpossibleUidIsABadRead) {
  ApplyRoster({MakeAgent("awa", "4821")});
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  auto outcome = Tap(BlankTag(std::string("\x04\x01\x02\x03\x04", 5)));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->problem(), v1::TAP_PROBLEM_READ_FAILED);
  EXPECT_TRUE(OutboxEvents().empty());
}

}  // namespace
}  // namespace minegate::test

namespace minegate::test {
namespace {

TEST_F(ReviewCasesTest, GuessingAcrossManyAgentsLocksTheWholeKiosk) {
  std::vector<v1::Agent> agents;
  for (int i = 0; i < 12; ++i) agents.push_back(MakeAgent("agent" + std::to_string(i), "4821"));
  ApplyRoster(agents);
  // Two wrong PINs each: no agent reaches its own limit (3 in this fixture)...
  v1::UiReply reply;
  int tries = 0;
  for (int i = 0; i < 12 && reply.error() != v1::UI_ERROR_CODE_AGENT_LOCKED; ++i) {
    for (int j = 0; j < 2; ++j) {
      reply = SignIn("agent" + std::to_string(i), "0000");
      ++tries;
    }
  }
  // ...but the kiosk-wide count does, and then even a right PIN waits.
  EXPECT_EQ(reply.error(), v1::UI_ERROR_CODE_AGENT_LOCKED);
  EXPECT_EQ(tries, static_cast<int>(config_.sign_in.kiosk_max_failures));
  EXPECT_EQ(SignIn("agent11", "4821").error(), v1::UI_ERROR_CODE_AGENT_LOCKED);
  now_ms_ = reply.locked_until_ms() + 1;
  EXPECT_TRUE(SignIn("agent11", "4821").ok());
}

TEST_F(ReviewCasesTest, WrongPinsSpreadOverTheDayDoNotLockTheKiosk) {
  std::vector<v1::Agent> agents;
  for (int i = 0; i < 12; ++i) agents.push_back(MakeAgent("agent" + std::to_string(i), "4821"));
  ApplyRoster(agents);
  for (int i = 0; i < 12; ++i) {
    for (int j = 0; j < 2; ++j) {
      EXPECT_EQ(SignIn("agent" + std::to_string(i), "0000").error(), v1::UI_ERROR_CODE_WRONG_PIN);
    }
    now_ms_ += config_.sign_in.kiosk_window.count() + 1;
  }
}

}  // namespace
}  // namespace minegate::test
