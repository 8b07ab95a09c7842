// Validation of kiosk events before anything is stored.
#include "server/ingest/event_validator.hpp"

#include <sodium.h>

#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

const DeviceContext kContext{kDevice, kSite, {}};

std::optional<std::string> NeverOpens(std::string_view, std::string_view) { return std::nullopt; }

std::optional<Refusal> Validate(std::vector<v1::Event> events,
                                const OpenSealed& open = NeverOpens) {
  return ValidateBatch(events, kContext, open);
}

v1::ErrorCode SyncCode(const std::optional<Refusal>& refusal) {
  return refusal ? ToSyncErrorCode(refusal->code) : v1::ERROR_CODE_UNSPECIFIED;
}

TEST(EventValidatorTest, AcceptsAWellFormedBatch) {
  EXPECT_FALSE(Validate({PersonRegistered(1), GatePassed(2), GatePassed(3)}));
}

TEST(EventValidatorTest, RefusesMissingFieldsNamingTheEventAndField) {
  v1::Event no_token = PersonRegistered(5);
  no_token.mutable_person_registered()->clear_person_token();
  const auto refusal = Validate({no_token});
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, make_error_code(IngestErrc::invalid_event));
  EXPECT_EQ(refusal->device_seq, 5u);
  EXPECT_NE(refusal->detail_en.find("person_token"), std::string::npos) << refusal->detail_en;
  EXPECT_NE(refusal->detail_fr.find("événement 5"), std::string::npos) << refusal->detail_fr;

  v1::Event no_body = Envelope(1);
  EXPECT_EQ(SyncCode(Validate({no_body})), v1::ERROR_CODE_INVALID_EVENT);
  v1::Event bad_id = GatePassed(1);
  bad_id.set_event_id("short");
  EXPECT_EQ(SyncCode(Validate({bad_id})), v1::ERROR_CODE_INVALID_EVENT);
  v1::Event no_agent = GatePassed(1);
  no_agent.clear_agent_id();
  EXPECT_EQ(SyncCode(Validate({no_agent})), v1::ERROR_CODE_INVALID_EVENT);
  v1::Event zero_seq = GatePassed(0);
  EXPECT_EQ(SyncCode(Validate({zero_seq})), v1::ERROR_CODE_INVALID_EVENT);
  v1::Event long_name = PersonRegistered(1);
  long_name.mutable_person_registered()->set_family_name(std::string(400, 'a'));
  EXPECT_EQ(SyncCode(Validate({long_name})), v1::ERROR_CODE_INVALID_EVENT);
}

TEST(EventValidatorTest, RefusesAnotherDeviceOrSite) {
  v1::Event other_device = GatePassed(1);
  other_device.set_device_id("k-99-1");
  EXPECT_EQ(Validate({other_device})->code, make_error_code(IngestErrc::wrong_device));
  v1::Event other_site = GatePassed(1);
  other_site.set_site_id(99);
  EXPECT_EQ(Validate({other_site})->code, make_error_code(IngestErrc::wrong_site));
}

TEST(EventValidatorTest, RefusesSequencesThatGoBackwardsOrJump) {
  EXPECT_EQ(SyncCode(Validate({GatePassed(3), GatePassed(2)})),
            v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE);
  EXPECT_EQ(SyncCode(Validate({GatePassed(3), GatePassed(3)})),
            v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE);
  EXPECT_EQ(SyncCode(Validate({GatePassed(3), GatePassed(5)})),
            v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE);
}

TEST(EventValidatorTest, RefusesEmptyAndOversizedBatches) {
  EXPECT_TRUE(Validate({}));
  std::vector<v1::Event> many;
  for (std::uint64_t seq = 1; seq <= kMaxBatchEvents + 1; ++seq) many.push_back(GatePassed(seq));
  EXPECT_EQ(Validate(many)->code, make_error_code(IngestErrc::batch_too_large));
}

TEST(EventValidatorTest, ProtectionAnswersWithoutConsentAreRefused) {
  v1::Event event = PersonRegistered(1);
  event.mutable_person_registered()->set_debt_declared(v1::ANSWER_YES);
  EXPECT_EQ(SyncCode(Validate({event})), v1::ERROR_CODE_INVALID_EVENT);
  event.mutable_person_registered()->mutable_consent()->set_protection_questions_accepted(true);
  EXPECT_FALSE(Validate({event}));
}

class SealedBodyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    crypto_box_keypair(public_key_, secret_key_);
  }
  v1::Event Seal(const v1::Event& inner, std::uint64_t outer_seq) {
    const std::string plain = inner.SerializeAsString();
    std::string box(plain.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()),
                    reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    public_key_);
    v1::Event outer = Envelope(outer_seq);
    outer.mutable_sealed()->set_recipient_key_id("keyid-01");
    outer.mutable_sealed()->set_ciphertext(box);
    return outer;
  }
  OpenSealed Opener() {
    return [this](std::string_view, std::string_view box) -> std::optional<std::string> {
      if (box.size() < crypto_box_SEALBYTES) return std::nullopt;
      std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
      if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                               reinterpret_cast<const unsigned char*>(box.data()), box.size(),
                               public_key_, secret_key_) != 0) {
        return std::nullopt;
      }
      return plain;
    };
  }
  unsigned char public_key_[crypto_box_PUBLICKEYBYTES];
  unsigned char secret_key_[crypto_box_SECRETKEYBYTES];
};

TEST_F(SealedBodyTest, OpensAndReplacesTheSealedBody) {
  v1::Event inner;
  inner.set_event_id(EventId(4));
  *inner.mutable_person_registered() = PersonRegistered(4).person_registered();
  std::vector<v1::Event> batch = {Seal(inner, 4)};
  EXPECT_FALSE(ValidateBatch(batch, kContext, Opener()));
  ASSERT_TRUE(batch[0].has_person_registered());
  EXPECT_EQ(batch[0].person_registered().family_name(), "Diallo");
}

TEST_F(SealedBodyTest, RefusesABodyMovedToAnotherEnvelopeOrUnopenable) {
  v1::Event inner;
  inner.set_event_id(EventId(4));
  *inner.mutable_person_registered() = PersonRegistered(4).person_registered();
  EXPECT_EQ(SyncCode(Validate({Seal(inner, 5)}, Opener())), v1::ERROR_CODE_SEALED_BODY_INVALID);
  EXPECT_EQ(SyncCode(Validate({Seal(inner, 4)}, NeverOpens)), v1::ERROR_CODE_SEALED_BODY_INVALID);
  v1::Event garbage = Seal(inner, 4);
  garbage.mutable_sealed()->set_ciphertext("not a sealed box at all, just bytes........");
  EXPECT_EQ(SyncCode(Validate({garbage}, Opener())), v1::ERROR_CODE_SEALED_BODY_INVALID);
}

v1::Event Census(std::uint64_t seq, const std::string& campaign) {
  v1::Event event = Envelope(seq);
  auto* census = event.mutable_census_observed();
  census->set_campaign_id(campaign);
  census->set_person_token(Token(2));
  census->set_tag_uid(std::string("\x04\x01\x02\x03", 4));
  return event;
}

TEST(EventValidatorTest, CensusEventsMustNameACampaignOfTheDevicesSite) {
  const DeviceContext context{kDevice, kSite, {"bantako-q3", "bantako-q4"}};
  std::vector<v1::Event> good = {GatePassed(1), Census(2, "bantako-q4")};
  EXPECT_FALSE(ValidateBatch(good, context, NeverOpens));

  std::vector<v1::Event> other = {GatePassed(1), Census(2, "sabodala-q4")};
  const auto refusal = ValidateBatch(other, context, NeverOpens);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(ToSyncErrorCode(refusal->code), v1::ERROR_CODE_INVALID_EVENT);
  EXPECT_EQ(refusal->device_seq, 2u);
  EXPECT_NE(refusal->detail_fr.find("campaign_id"), std::string::npos) << refusal->detail_fr;
  EXPECT_NE(refusal->detail_en.find("campaign_id"), std::string::npos) << refusal->detail_en;

  // A site without campaigns accepts no census event at all.
  std::vector<v1::Event> none = {Census(1, "bantako-q4")};
  EXPECT_EQ(SyncCode(ValidateBatch(none, kContext, NeverOpens)), v1::ERROR_CODE_INVALID_EVENT);
  std::vector<v1::Event> empty_id = {Census(1, "")};
  EXPECT_EQ(SyncCode(ValidateBatch(empty_id, context, NeverOpens)), v1::ERROR_CODE_INVALID_EVENT);
}

}  // namespace
}  // namespace minegate::server
