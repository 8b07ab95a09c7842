// Gate taps, verified offline and recorded whatever the outcome.
#include "kiosk/gate/tap_verifier.hpp"
#include "kiosk/store/list_store.hpp"
#include "proto/credential/verifier.hpp"
#include "tests/unit/kiosk_gate/controller_fixture.hpp"

namespace minegate::test {
namespace {

class GateTapTest : public ControllerFixture {
 protected:
  void SetUp() override {
    ControllerFixture::SetUp();
    ApplyRoster({MakeAgent("awa", "4821")});
    ASSERT_TRUE(SignIn("awa", "4821").ok());
    ASSERT_TRUE(SetMode(v1::KIOSK_MODE_GATE).ok());
  }
  const std::string token_ = std::string(16, '\x2A');
  const std::string other_token_ = std::string(16, '\x2B');
};

TEST_F(GateTapTest, ValidBraceletIsAcceptedAndRecordedBeforeTheScreenIsTold) {
  auto outcome = Tap(BraceletTag(Uid(1), token_, *device_key_));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result(), v1::TAP_RESULT_ACCEPTED);
  EXPECT_TRUE(outcome->recorded());
  EXPECT_EQ(outcome->device_seq(), 1u);
  EXPECT_EQ(outcome->direction(), v1::DIRECTION_IN);
  // Not registered here: no name to show.
  EXPECT_TRUE(outcome->first_name().empty());
  auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].device_seq(), 1u);
  EXPECT_EQ(events[0].device_id(), "kdg-0001");
  EXPECT_EQ(events[0].agent_id(), "awa");
  EXPECT_EQ(events[0].event_id().size(), 16u);
  EXPECT_EQ(events[0].gate_passed().verification(), v1::VERIFICATION_VALID);
  EXPECT_EQ(events[0].gate_passed().person_token(), token_);
  EXPECT_EQ(events_recorded_calls_, 1);
  // On disk the passage is sealed to the server: no tag UID, no token, no direction in clear.
  EXPECT_TRUE(OutboxEvents(false)[0].has_sealed());
  EXPECT_FALSE(OutboxEvents(false)[0].has_gate_passed());
}

TEST_F(GateTapTest, ExitDirectionIsRecorded) {
  v1::UiRequest request;
  request.mutable_set_direction()->set_direction(v1::DIRECTION_OUT);
  ASSERT_TRUE(Request(request).ok());
  Restart();  // The direction survives a restart.
  ASSERT_TRUE(SignIn("awa", "4821").ok());
  auto outcome = Tap(BraceletTag(Uid(1), token_, *device_key_));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->direction(), v1::DIRECTION_OUT);
  EXPECT_EQ(OutboxEvents().back().gate_passed().direction(), v1::DIRECTION_OUT);
}

TEST_F(GateTapTest, RefusalsSayWhyAndAreRecordedToo) {
  // A credential copied onto another tag.
  auto copy = Tap(BraceletTag(Uid(2), token_, *device_key_, Uid(1)));
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->result(), v1::TAP_RESULT_REFUSED);
  EXPECT_EQ(copy->verification(), v1::VERIFICATION_BAD_SIGNATURE);
  // Signed by a key nobody trusts.
  auto stranger = credential::SigningKey::Generate().value();
  auto unknown = Tap(BraceletTag(Uid(3), token_, stranger));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->verification(), v1::VERIFICATION_UNKNOWN_KEY);
  // A blank tag: unknown bracelet.
  auto blank = Tap(BlankTag(Uid(4)));
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->result(), v1::TAP_RESULT_UNKNOWN_BRACELET);
  // Garbage where a credential should be.
  v1::TagPresented garbage = BlankTag(Uid(5));
  garbage.set_credential_read(v1::CREDENTIAL_READ_OK);
  garbage.set_credential("not a credential");
  EXPECT_EQ(Tap(garbage)->verification(), v1::VERIFICATION_MALFORMED);
  // A half read records nothing and asks for the tap again.
  v1::TagPresented half = BlankTag(Uid(6));
  half.set_credential_read(v1::CREDENTIAL_READ_FAILED);
  EXPECT_EQ(Tap(half)->problem(), v1::TAP_PROBLEM_READ_FAILED);

  auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].gate_passed().verification(), v1::VERIFICATION_BAD_SIGNATURE);
  EXPECT_EQ(events[1].gate_passed().verification(), v1::VERIFICATION_UNKNOWN_KEY);
  EXPECT_EQ(events[2].gate_passed().verification(), v1::VERIFICATION_NO_CREDENTIAL);
  EXPECT_EQ(events[3].gate_passed().verification(), v1::VERIFICATION_MALFORMED);
}

TEST_F(GateTapTest, RevokedBraceletsAndRevokedKeysAreRefused) {
  kiosk::store::ListStore lists(*connection_);
  v1::RevokedBracelets revoked;
  revoked.set_version(1);
  revoked.set_full(true);
  auto* bracelet = revoked.add_bracelets();
  bracelet->set_tag_uid(Uid(1));
  bracelet->set_revoked_at_ms(now_ms_);
  ASSERT_TRUE(lists.ApplyRevokedBracelets(revoked));
  EXPECT_EQ(Tap(BraceletTag(Uid(1), token_, *device_key_))->verification(),
            v1::VERIFICATION_BRACELET_REVOKED);

  // Another kiosk's key, revoked before it signed this bracelet.
  auto other = credential::SigningKey::Generate().value();
  v1::TrustListUpdate trust;
  trust.set_version(3);
  trust.set_full(true);
  auto* key = trust.add_keys();
  key->set_key_id(std::string(other.key_id().begin(), other.key_id().end()));
  key->set_public_key(std::string(other.public_key().begin(), other.public_key().end()));
  key->set_device_id("kdg-0002");
  key->set_revoked_at_ms(now_ms_ - 5000);
  ASSERT_TRUE(lists.ApplyTrustList(trust));
  EXPECT_EQ(Tap(BraceletTag(Uid(7), token_, other))->verification(), v1::VERIFICATION_KEY_REVOKED);
  EXPECT_EQ(lists.Versions().value().trust_list, 3u);
}

TEST_F(GateTapTest, ARevokedKeyKeepsOnlyTheBraceletsTheServerFroze) {
  kiosk::store::ListStore lists(*connection_);
  auto stolen = credential::SigningKey::Generate().value();
  // Issued by the other kiosk and received by the server before its theft.
  const v1::TagPresented genuine = BraceletTag(Uid(7), token_, stolen);
  const auto digest = kiosk::gate::TappedDigest(genuine);
  ASSERT_TRUE(digest);
  v1::TrustListUpdate trust;
  trust.set_version(4);
  trust.set_full(true);
  auto* key = trust.add_keys();
  key->set_key_id(std::string(stolen.key_id().begin(), stolen.key_id().end()));
  key->set_public_key(std::string(stolen.public_key().begin(), stolen.public_key().end()));
  key->set_device_id("kdg-0002");
  key->set_revoked_at_ms(now_ms_ + 3'600'000);
  key->add_bracelets_before_revocation(std::string(digest->begin(), digest->end()));
  ASSERT_TRUE(lists.ApplyTrustList(trust));

  EXPECT_EQ(Tap(genuine)->verification(), v1::VERIFICATION_VALID);
  // Made with the stolen key, dated before the revocation, on a new tag.
  EXPECT_EQ(Tap(BraceletTag(Uid(8), token_, stolen))->verification(), v1::VERIFICATION_KEY_REVOKED);
  // Re-signed for another person on the very tag the kiosk really issued.
  EXPECT_EQ(Tap(BraceletTag(Uid(7), other_token_, stolen))->verification(),
            v1::VERIFICATION_KEY_REVOKED);

  // A full list without the key's bracelets forgets them.
  key->clear_bracelets_before_revocation();
  trust.set_version(5);
  ASSERT_TRUE(lists.ApplyTrustList(trust));
  EXPECT_EQ(Tap(genuine)->verification(), v1::VERIFICATION_KEY_REVOKED);
}

TEST_F(GateTapTest, ABraceletDatedInTheFutureIsRefused) {
  const std::int64_t real_now = now_ms_;
  now_ms_ = real_now + credential::kMaxFutureSkewMs + 60'000;
  const v1::TagPresented forged = BraceletTag(Uid(9), token_, *device_key_);
  now_ms_ = real_now;
  EXPECT_EQ(Tap(forged)->verification(), v1::VERIFICATION_ISSUED_IN_FUTURE);
}

TEST_F(GateTapTest, NothingIsRecordedWhenSignedOut) {
  v1::UiRequest request;
  request.mutable_sign_out();
  ASSERT_TRUE(Request(request).ok());
  auto outcome = Tap(BraceletTag(Uid(1), token_, *device_key_));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->result(), v1::TAP_RESULT_REJECTED);
  EXPECT_TRUE(OutboxEvents().empty());
}

}  // namespace
}  // namespace minegate::test
