// Offline sign-in: PIN against the roster's Argon2id hash, lock-out stored in
// the database, staff cards, idle sign-out, roles.
#include "tests/unit/kiosk_gate/controller_fixture.hpp"

namespace minegate::test {
namespace {

class SignInTest : public ControllerFixture {};

TEST_F(SignInTest, RightPinSignsInAndWrongPinsLockTheAgentAcrossARestart) {
  ApplyRoster({MakeAgent("awa", "4821")});
  v1::UiReply wrong = SignIn("awa", "1111");
  EXPECT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error(), v1::UI_ERROR_CODE_WRONG_PIN);
  EXPECT_EQ(wrong.attempts_left(), 2u);
  EXPECT_EQ(SignIn("awa", "2222").attempts_left(), 1u);
  v1::UiReply locked = SignIn("awa", "3333");
  EXPECT_EQ(locked.error(), v1::UI_ERROR_CODE_AGENT_LOCKED);
  EXPECT_EQ(locked.locked_until_ms(), now_ms_ + config_.sign_in.lock_duration.count());

  // Pulling the plug does not lift the lock; even the right PIN waits.
  Restart();
  EXPECT_EQ(SignIn("awa", "4821").error(), v1::UI_ERROR_CODE_AGENT_LOCKED);
  EXPECT_FALSE(controller_->signed_in());
  now_ms_ += config_.sign_in.lock_duration.count() + 1;
  EXPECT_TRUE(SignIn("awa", "4821").ok());
  EXPECT_TRUE(controller_->signed_in());
  EXPECT_EQ(controller_->State().agent().display_name(), "Agent awa");
}

TEST_F(SignInTest, UnknownAgentsAndMalformedPinsAreRefused) {
  ApplyRoster({MakeAgent("awa", "4821")});
  EXPECT_EQ(SignIn("nobody", "4821").error(), v1::UI_ERROR_CODE_UNKNOWN_AGENT);
  EXPECT_EQ(SignIn("awa", "48a1").error(), v1::UI_ERROR_CODE_WRONG_PIN);
  EXPECT_EQ(SignIn("awa", "").error(), v1::UI_ERROR_CODE_WRONG_PIN);
  // Everything else needs a signed-in agent.
  EXPECT_EQ(SetMode(v1::KIOSK_MODE_GATE).error(), v1::UI_ERROR_CODE_NOT_SIGNED_IN);
}

TEST_F(SignInTest, StaffCardTapPreselectsTheAgent) {
  const std::string card = Uid(0x51);
  ApplyRoster({MakeAgent("awa", "4821", v1::AGENT_ROLE_GATE_AGENT, card)});
  auto unknown = Tap(BlankTag(Uid(0x52)));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->problem(), v1::TAP_PROBLEM_UNKNOWN_STAFF_CARD);
  auto outcome = Tap(BlankTag(card));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result(), v1::TAP_RESULT_STAFF_CARD);
  EXPECT_EQ(controller_->State().staff_card_agent().user_id(), "awa");
  v1::UiRequest request;
  request.mutable_sign_in()->set_staff_card(true);
  request.mutable_sign_in()->set_pin("4821");
  EXPECT_TRUE(Request(request).ok());
  EXPECT_TRUE(controller_->signed_in());
  // Staff card taps while signed out record nothing.
  EXPECT_TRUE(OutboxEvents().empty());
}

TEST_F(SignInTest, IdleAgentIsSignedOutAndActivityKeepsTheSession) {
  ApplyRoster({MakeAgent("awa", "4821")});
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  now_ms_ += config_.idle_sign_out.count() - 1000;
  v1::UiRequest activity;
  activity.mutable_activity();
  EXPECT_TRUE(Request(activity).ok());
  now_ms_ += config_.idle_sign_out.count() - 1000;
  controller_->OnTick();
  EXPECT_TRUE(controller_->signed_in());
  now_ms_ += 2000;
  controller_->OnTick();
  EXPECT_FALSE(controller_->signed_in());
}

TEST_F(SignInTest, AnAgentRemovedFromTheRosterIsSignedOut) {
  ApplyRoster({MakeAgent("awa", "4821"), MakeAgent("binta", "5555")});
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  ApplyRoster({MakeAgent("binta", "5555")});
  EXPECT_FALSE(controller_->signed_in());
}

TEST_F(SignInTest, EmapeOfficialsMayOnlyRunTheCensus) {
  ApplyRoster({MakeAgent("emape1", "9090", v1::AGENT_ROLE_EMAPE_OFFICIAL)});
  ASSERT_TRUE(SignIn("emape1", "9090").ok());
  EXPECT_EQ(controller_->State().mode(), v1::KIOSK_MODE_CENSUS);
  EXPECT_EQ(SetMode(v1::KIOSK_MODE_GATE).error(), v1::UI_ERROR_CODE_NOT_ALLOWED);
  EXPECT_EQ(SetMode(v1::KIOSK_MODE_REGISTRATION).error(), v1::UI_ERROR_CODE_NOT_ALLOWED);
  EXPECT_TRUE(SetMode(v1::KIOSK_MODE_SYNC_STATUS).ok());
}

}  // namespace
}  // namespace minegate::test
