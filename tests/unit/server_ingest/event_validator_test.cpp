// Validation of kiosk events before anything is stored: stage 1 (rules, sealing,
// bracelet credentials) and stage 2 (the registry, through a fake).
#include "server/ingest/event_validator.hpp"

#include <google/protobuf/unknown_field_set.h>
#include <sodium.h>

#include <map>

#include "proto/credential/issuer.hpp"
#include "proto/credential/signing_key.hpp"
#include "tests/unit/server_ingest/ingest_fixture.hpp"

namespace minegate::server {
namespace {

const std::string kUid("\x04\x01\x02\x03\x04\x05\x01", 7);

std::optional<std::string> NeverOpens(std::string_view, std::string_view) { return std::nullopt; }

v1::ErrorCode SyncCode(const std::optional<Refusal>& refusal) {
  return refusal ? ToSyncErrorCode(refusal->code) : v1::ERROR_CODE_UNSPECIFIED;
}

/// Seals events to a fresh X25519 key, and opens them as the server would.
class ValidatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    crypto_box_keypair(public_key_, secret_key_);
    context_.device_id = kDevice;
    context_.site_id = kSite;
    context_.public_key = device_key_.public_key();
  }

  /// `event` with its body replaced by the sealed form of that body.
  v1::Event Seal(const v1::Event& event) {
    // As a kiosk seals: the inner Event repeats the event id and holds only the body.
    v1::Event inner = event;
    inner.clear_device_id();
    inner.clear_device_seq();
    inner.clear_occurred_at_ms();
    inner.clear_site_id();
    inner.clear_gate_id();
    inner.clear_agent_id();
    const std::string plain = inner.SerializeAsString();
    std::string box(plain.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()),
                    reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    public_key_);
    v1::Event outer = event;
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

  std::optional<Refusal> Validate(std::vector<v1::Event> events) {
    return ValidateBatch(events, context_, Opener(), kNow);
  }

  /// A bracelet credential for `uid`, signed by `key`.
  static std::string Credential(const credential::SigningKey& key, const std::string& uid,
                                std::uint8_t person = 1, std::uint32_t site = kSite,
                                credential::Kind kind = credential::Kind::bracelet,
                                const std::string& card_number = "") {
    credential::CredentialFields fields;
    fields.kind = kind;
    fields.person_token.fill(person);
    fields.site_id = site;
    fields.issued_at_ms = kNow;
    fields.card_number = card_number;
    auto bytes = credential::Issue(
        fields, std::span(reinterpret_cast<const std::uint8_t*>(uid.data()), uid.size()), key);
    EXPECT_TRUE(bytes) << bytes.error().message();
    return bytes ? std::string(bytes.value().begin(), bytes.value().end()) : std::string();
  }

  v1::Event Issued(std::uint64_t seq, const std::string& credential_bytes) {
    v1::Event event = Envelope(seq);
    auto* issued = event.mutable_bracelet_issued();
    issued->set_person_token(Token(1));
    issued->set_tag_uid(kUid);
    issued->set_tag_type(v1::TAG_TYPE_NTAG213);
    issued->set_credential(credential_bytes);
    return event;
  }

  unsigned char public_key_[crypto_box_PUBLICKEYBYTES];
  unsigned char secret_key_[crypto_box_SECRETKEYBYTES];
  credential::SigningKey device_key_ = credential::SigningKey::Generate().value();
  DeviceContext context_;
};

TEST_F(ValidatorTest, AcceptsAWellFormedBatchWithPersonalDataSealed) {
  std::vector<v1::Event> batch = {Seal(PersonRegistered(1)), GatePassed(2), GatePassed(3)};
  EXPECT_FALSE(ValidateBatch(batch, context_, Opener(), kNow));
  // The sealed body is replaced by the opened one.
  ASSERT_TRUE(batch[0].has_person_registered());
  EXPECT_EQ(batch[0].person_registered().family_name(), "Diallo");
}

TEST_F(ValidatorTest, PersonalDataInClearIsRefusedAndEveryKindIsAcceptedSealed) {
  v1::Event companion = Envelope(1);
  companion.mutable_companion_recorded()->set_person_token(Token(1));
  companion.mutable_companion_recorded()->set_companion_description("homme en moto rouge");
  companion.mutable_companion_recorded()->set_relation(v1::COMPANION_RELATION_RECRUITER);
  v1::Event card = Envelope(1);
  card.mutable_miner_card_linked()->set_person_token(Token(1));
  card.mutable_miner_card_linked()->set_card_uid(kUid);
  card.mutable_miner_card_linked()->set_card_number("KDG-0001");
  card.mutable_miner_card_linked()->set_credential("x");
  for (const v1::Event& clear : {PersonRegistered(1), companion, card}) {
    const auto refusal = Validate({clear});
    ASSERT_TRUE(refusal);
    EXPECT_EQ(SyncCode(refusal), v1::ERROR_CODE_SEALED_BODY_REQUIRED) << BodyKind(clear);
    EXPECT_NE(refusal->detail_en.find(BodyKind(clear)), std::string::npos) << refusal->detail_en;
    EXPECT_NE(refusal->detail_fr.find("sealed"), std::string::npos) << refusal->detail_fr;
  }
  // Kiosks will seal every kind: the server opens any.
  EXPECT_FALSE(Validate({Seal(companion)}));
  EXPECT_FALSE(Validate({Seal(GatePassed(1))}));
  EXPECT_FALSE(Validate({Seal(Issued(1, Credential(device_key_, kUid)))}));
}

TEST_F(ValidatorTest, AFieldRuleRefusalNamesTheEventTheFieldAndTheBound) {
  v1::Event long_name = PersonRegistered(5);
  long_name.mutable_person_registered()->set_given_name(std::string(81, 'a'));
  const auto refusal = Validate({Seal(long_name)});
  ASSERT_TRUE(refusal);
  EXPECT_EQ(SyncCode(refusal), v1::ERROR_CODE_INVALID_EVENT);
  EXPECT_EQ(refusal->device_seq, 5u);
  EXPECT_EQ(refusal->detail_en, "event 5: person_registered.given_name: 81 characters, at most 80");
  EXPECT_EQ(refusal->detail_fr,
            "événement 5 : person_registered.given_name : 81 caractères, au plus 80");

  v1::Event no_uid = GatePassed(2);
  no_uid.mutable_gate_passed()->clear_tag_uid();
  EXPECT_NE(Validate({no_uid})->detail_en.find("gate_passed.tag_uid: required"), std::string::npos);
  v1::Event no_body = Envelope(1);
  EXPECT_NE(Validate({no_body})->detail_en.find("body: required"), std::string::npos);
  v1::Event bad_id = GatePassed(1);
  bad_id.set_event_id("short");
  EXPECT_NE(Validate({bad_id})->detail_en.find("event_id"), std::string::npos);
  v1::Event zero_seq = GatePassed(0);
  EXPECT_EQ(SyncCode(Validate({zero_seq})), v1::ERROR_CODE_INVALID_EVENT);
}

TEST_F(ValidatorTest, RefusesAnotherDeviceOrSite) {
  v1::Event other_device = GatePassed(1);
  other_device.set_device_id("k-99-1");
  EXPECT_EQ(Validate({other_device})->code, make_error_code(IngestErrc::wrong_device));
  v1::Event other_site = GatePassed(1);
  other_site.set_site_id(99);
  const auto refusal = Validate({other_site});
  EXPECT_EQ(refusal->code, make_error_code(IngestErrc::wrong_site));
  EXPECT_NE(refusal->detail_en.find("site_id"), std::string::npos);
}

TEST_F(ValidatorTest, RefusesSequencesThatGoBackwardsOrJump) {
  EXPECT_EQ(SyncCode(Validate({GatePassed(3), GatePassed(2)})),
            v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE);
  EXPECT_EQ(SyncCode(Validate({GatePassed(3), GatePassed(3)})),
            v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE);
  EXPECT_EQ(SyncCode(Validate({GatePassed(3), GatePassed(5)})),
            v1::ERROR_CODE_SEQUENCE_NOT_CONSECUTIVE);
}

TEST_F(ValidatorTest, RefusesEmptyAndOversizedBatches) {
  EXPECT_EQ(SyncCode(Validate({})), v1::ERROR_CODE_INVALID_EVENT);
  std::vector<v1::Event> many;
  for (std::uint64_t seq = 1; seq <= kMaxBatchEvents; ++seq) many.push_back(GatePassed(seq));
  EXPECT_FALSE(Validate(many));
  many.push_back(GatePassed(kMaxBatchEvents + 1));
  const auto refusal = Validate(many);
  EXPECT_EQ(refusal->code, make_error_code(IngestErrc::batch_too_large));
  EXPECT_NE(refusal->detail_en.find("257 events, at most 256"), std::string::npos);
}

TEST_F(ValidatorTest, EventsOver64KiBAreRefused) {
  v1::Event big = GatePassed(1);
  big.mutable_gate_passed()
      ->GetReflection()
      ->MutableUnknownFields(big.mutable_gate_passed())
      ->AddLengthDelimited(99, std::string(70'000, 'x'));
  const auto refusal = Validate({big});
  EXPECT_EQ(SyncCode(refusal), v1::ERROR_CODE_INVALID_EVENT);
  EXPECT_NE(refusal->detail_en.find("at most 65536"), std::string::npos);
}

TEST_F(ValidatorTest, SealedBodiesMovedToAnotherEnvelopeOrUnopenableAreRefused) {
  v1::Event moved = Seal(PersonRegistered(4));
  moved.set_event_id(EventId(5));
  moved.set_device_seq(5);
  EXPECT_EQ(SyncCode(Validate({moved})), v1::ERROR_CODE_SEALED_BODY_INVALID);
  std::vector<v1::Event> batch = {Seal(PersonRegistered(4))};
  EXPECT_EQ(SyncCode(ValidateBatch(batch, context_, NeverOpens, kNow)),
            v1::ERROR_CODE_SEALED_BODY_INVALID);
  v1::Event garbage = Seal(PersonRegistered(4));
  garbage.mutable_sealed()->set_ciphertext("not a sealed box at all, just bytes........");
  EXPECT_EQ(SyncCode(Validate({garbage})), v1::ERROR_CODE_SEALED_BODY_INVALID);
}

TEST_F(ValidatorTest, ABraceletCredentialIsReverifiedAgainstTheDevicesOwnKey) {
  EXPECT_FALSE(Validate({Issued(1, Credential(device_key_, kUid))}));

  const auto refused = [this](const std::string& credential_bytes, const char* why) {
    const auto refusal = Validate({Issued(1, credential_bytes)});
    ASSERT_TRUE(refusal) << why;
    EXPECT_EQ(SyncCode(refusal), v1::ERROR_CODE_INVALID_EVENT) << why;
    EXPECT_NE(refusal->detail_en.find("bracelet_issued.credential"), std::string::npos)
        << why << ": " << refusal->detail_en;
  };
  std::string random(10, '\0');
  randombytes_buf(random.data(), random.size());
  refused(random, "10 random bytes");
  refused(Credential(device_key_, std::string("\x04\x09\x09\x09\x09\x09\x09", 7)),
          "binds another tag UID");
  refused(Credential(device_key_, kUid, /*person=*/2), "another person token");
  refused(Credential(device_key_, kUid, 1, /*site=*/13), "another site");
  refused(Credential(credential::SigningKey::Generate().value(), kUid), "another device's key");
  refused(Credential(device_key_, kUid, 1, kSite, credential::Kind::miner_card, "KDG-1"),
          "a miner's card");
}

/// The registry as stage 2 sees it, in memory.
class FakeRegistry : public RegistryView {
 public:
  IngestResult<std::optional<std::uint32_t>> GateSite(std::uint32_t gate_id) override {
    if (fail) return make_error_code(IngestErrc::storage_failed);
    auto found = gates.find(gate_id);
    return found == gates.end() ? std::nullopt : std::optional<std::uint32_t>(found->second);
  }
  IngestResult<std::optional<v1::AgentRole>> KioskAgentRole(const std::string& user_id,
                                                            std::uint32_t site_id,
                                                            std::int64_t) override {
    auto found = agents.find(user_id);
    if (found == agents.end() || site_id != kSite) return std::optional<v1::AgentRole>();
    return std::optional<v1::AgentRole>(found->second);
  }
  IngestResult<bool> IsSiteCampaign(const std::string& campaign_id,
                                    std::uint32_t site_id) override {
    return campaign_id == "bantako-q4" && site_id == kSite;
  }
  IngestResult<std::optional<credential::TrustedKey>> TrustedKey(
      const credential::KeyId& key_id) override {
    auto found = keys.find(key_id);
    return found == keys.end() ? std::nullopt
                               : std::optional<credential::TrustedKey>(found->second);
  }

  IngestResult<HolderAge> CardHolderAge(const std::string& person_token,
                                        std::int64_t at_ms) override {
    asked_age_at_ms = at_ms;
    auto found = ages.find(person_token);
    return found == ages.end() ? HolderAge::kAdult : found->second;
  }

  bool fail = false;
  /// Holders not listed are adults.
  std::map<std::string, HolderAge> ages;
  std::int64_t asked_age_at_ms = 0;
  std::map<std::uint32_t, std::uint32_t> gates{{3, kSite}, {8, 13}};
  std::map<std::string, v1::AgentRole> agents{{"agent.diallo", v1::AGENT_ROLE_GATE_AGENT},
                                              {"fatou.emape", v1::AGENT_ROLE_EMAPE_OFFICIAL}};
  std::map<credential::KeyId, credential::TrustedKey> keys;
};

class RegistryStageTest : public ValidatorTest {
 protected:
  std::optional<Refusal> Check(const std::vector<v1::Event>& events) {
    return CheckAgainstRegistry(events, context_, registry_, kNow);
  }
  static v1::Event Census(std::uint64_t seq, const std::string& campaign) {
    v1::Event event = Envelope(seq);
    auto* census = event.mutable_census_observed();
    census->set_campaign_id(campaign);
    census->set_person_token(Token(2));
    census->set_tag_uid(std::string("\x04\x01\x02\x03", 4));
    return event;
  }
  v1::Event Card(std::uint64_t seq, const std::string& credential_bytes,
                 const std::string& number = "KDG-0001") {
    v1::Event event = Envelope(seq);
    auto* card = event.mutable_miner_card_linked();
    card->set_person_token(Token(1));
    card->set_card_uid(kUid);
    card->set_card_number(number);
    card->set_credential(credential_bytes);
    return event;
  }
  void ExpectRefusedNaming(const std::vector<v1::Event>& events, const std::string& field) {
    const auto refusal = Check(events);
    ASSERT_TRUE(refusal) << field;
    EXPECT_EQ(SyncCode(refusal), v1::ERROR_CODE_INVALID_EVENT) << field;
    EXPECT_NE(refusal->detail_fr.find(field), std::string::npos) << refusal->detail_fr;
    EXPECT_NE(refusal->detail_en.find(field), std::string::npos) << refusal->detail_en;
    EXPECT_EQ(refusal->device_seq, events.back().device_seq());
  }

  FakeRegistry registry_;
};

TEST_F(RegistryStageTest, TheGateMustExistAndBeTheDevicesSites) {
  EXPECT_FALSE(Check({GatePassed(1)}));
  v1::Event unknown = GatePassed(2);
  unknown.set_gate_id(77);
  ExpectRefusedNaming({GatePassed(1), unknown}, "gate_id");
  v1::Event elsewhere = GatePassed(2);
  elsewhere.set_gate_id(8);
  ExpectRefusedNaming({GatePassed(1), elsewhere}, "gate_id");
}

TEST_F(RegistryStageTest, TheAgentMustBeAKioskAgentWithARoleForTheEvent) {
  v1::Event nobody = GatePassed(1);
  nobody.set_agent_id("no.such.user");
  ExpectRefusedNaming({nobody}, "agent_id");
  // An EMAPE official records census observations only.
  v1::Event emape_gate = GatePassed(1);
  emape_gate.set_agent_id("fatou.emape");
  ExpectRefusedNaming({emape_gate}, "agent_id");
  v1::Event emape_census = Census(1, "bantako-q4");
  emape_census.set_agent_id("fatou.emape");
  EXPECT_FALSE(Check({emape_census}));
}

TEST_F(RegistryStageTest, CensusEventsMustNameACampaignOfTheDevicesSite) {
  EXPECT_FALSE(Check({GatePassed(1), Census(2, "bantako-q4")}));
  ExpectRefusedNaming({GatePassed(1), Census(2, "sabodala-q4")}, "census_observed.campaign_id");
}

TEST_F(RegistryStageTest, AMinerCardCredentialIsVerifiedAgainstTheTrustList) {
  const auto issuer = credential::SigningKey::Generate().value();
  const std::string good =
      Credential(issuer, kUid, 1, kSite, credential::Kind::miner_card, "KDG-0001");
  // Not on the trust list.
  ExpectRefusedNaming({Card(1, good)}, "miner_card_linked.credential");
  registry_.keys[issuer.key_id()] = credential::TrustedKey{issuer.public_key(), std::nullopt, {}};
  EXPECT_FALSE(Check({Card(1, good)}));
  ExpectRefusedNaming({Card(1, good, "KDG-0002")}, "miner_card_linked.credential");
  ExpectRefusedNaming({Card(1, Credential(issuer, kUid))}, "miner_card_linked.credential");
  ExpectRefusedNaming({Card(1, Credential(issuer, std::string("\x04\x07\x07\x07", 4), 1, kSite,
                                          credential::Kind::miner_card, "KDG-0001"))},
                      "miner_card_linked.credential");
  registry_.keys[issuer.key_id()].revoked_at_ms = kNow - 1;
  ExpectRefusedNaming({Card(1, good)}, "miner_card_linked.credential");
  // Linked (offline) before the signer was revoked: accepted, or the kiosk's outbox would stall.
  registry_.keys[issuer.key_id()].revoked_at_ms = kNow + 60'000;
  EXPECT_FALSE(Check({Card(1, good)}));
}

// The server is the trust boundary (must-hold 6): a kiosk changed to skip its question to the
// server still cannot link a card to a minor, nor to a holder without a declared birth.
TEST_F(RegistryStageTest, AMinorsOrAnAgelessHoldersCardIsRefusedWhateverTheKioskChecked) {
  const auto issuer = credential::SigningKey::Generate().value();
  registry_.keys[issuer.key_id()] = credential::TrustedKey{.public_key = issuer.public_key()};
  const std::string good =
      Credential(issuer, kUid, 1, kSite, credential::Kind::miner_card, "KDG-0001");
  for (const char* agent : {"agent.diallo", "fatou.emape"}) {
    SCOPED_TRACE(agent);
    v1::Event card = Card(1, good);
    card.set_agent_id(agent);
    registry_.ages[Token(1)] = HolderAge::kAdult;
    EXPECT_FALSE(Check({card}));
    EXPECT_EQ(registry_.asked_age_at_ms, kNow);  // counted now, by the server's clock
    registry_.ages[Token(1)] = HolderAge::kMinor;
    ExpectRefusedNaming({card}, "miner_card_linked.person_token");
    EXPECT_NE(Check({card})->detail_en.find("under 18"), std::string::npos);
    registry_.ages[Token(1)] = HolderAge::kUnknown;
    ExpectRefusedNaming({card}, "miner_card_linked.person_token");
  }
  // No registration on the server: an EMAPE official's card was answered from the registry, so
  // one without it is refused; a gate agent's link of a card written earlier is not (the
  // holder may be registered at a kiosk still offline).
  registry_.ages[Token(1)] = HolderAge::kNotRegistered;
  v1::Event emape = Card(1, good);
  emape.set_agent_id("fatou.emape");
  ExpectRefusedNaming({emape}, "miner_card_linked.person_token");
  v1::Event agent = Card(1, good);
  agent.set_agent_id("agent.diallo");
  EXPECT_FALSE(Check({agent}));
  // A registry that cannot answer holds the batch back to be resent.
  registry_.ages[Token(1)] = HolderAge::kMinor;
  const auto later = Check({Card(1, "not a credential")});
  ASSERT_TRUE(later);
  EXPECT_NE(later->detail_en.find("credential"), std::string::npos);  // credential checked first
}

TEST_F(RegistryStageTest, ARegistryThatCannotAnswerRefusesAsBusy) {
  registry_.fail = true;
  EXPECT_EQ(SyncCode(Check({GatePassed(1)})), v1::ERROR_CODE_SERVER_BUSY);
}

}  // namespace
}  // namespace minegate::server
