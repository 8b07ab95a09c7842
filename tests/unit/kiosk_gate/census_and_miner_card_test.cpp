// Census taps counted once per person and campaign; a miner's card linked to
// the bracelet tapped before it.
#include "kiosk/store/list_store.hpp"
#include "proto/credential/issuer.hpp"
#include "tests/support/file_scan.hpp"
#include "tests/unit/kiosk_gate/controller_fixture.hpp"

namespace minegate::test {
namespace {

class CensusTest : public ControllerFixture {
 protected:
  void SetUp() override {
    ControllerFixture::SetUp();
    ApplyRoster({MakeAgent("emape1", "9090", v1::AGENT_ROLE_EMAPE_OFFICIAL)});
    v1::CensusCampaigns campaigns;
    campaigns.set_version(2);
    auto* open = campaigns.add_campaigns();
    open->set_campaign_id("kdg-2026-q4");
    open->mutable_name()->set_fr("Recensement T4");
    open->mutable_name()->set_en("Census Q4");
    open->set_opens_at_ms(now_ms_ - 1000);
    open->set_closes_at_ms(now_ms_ + 86'400'000);
    auto* closed = campaigns.add_campaigns();
    closed->set_campaign_id("kdg-2026-q1");
    closed->set_opens_at_ms(now_ms_ - 90 * 86'400'000LL);
    closed->set_closes_at_ms(now_ms_ - 60 * 86'400'000LL);
    ASSERT_TRUE(kiosk::store::ListStore(*connection_).ApplyCensusCampaigns(campaigns));
    ASSERT_TRUE(SignIn("emape1", "9090").ok());
  }
  v1::UiReply Choose(const std::string& id) {
    v1::UiRequest request;
    request.mutable_choose_campaign()->set_campaign_id(id);
    return Request(request);
  }
};

TEST_F(CensusTest, EachPersonIsCountedAndRecordedOncePerCampaign) {
  EXPECT_EQ(Choose("kdg-2026-q1").error(), v1::UI_ERROR_CODE_CAMPAIGN_CLOSED);
  EXPECT_EQ(Choose("nope").error(), v1::UI_ERROR_CODE_UNKNOWN_CAMPAIGN);
  ASSERT_TRUE(Choose("kdg-2026-q4").ok());
  // The state sent with the reply already says that a tap counts.
  ASSERT_FALSE(broadcasts_.empty());
  EXPECT_EQ(broadcasts_.back().state().prompt(), v1::TAP_PROMPT_CENSUS);
  auto state = controller_->State();
  ASSERT_EQ(state.campaigns_size(), 2);
  EXPECT_EQ(state.prompt(), v1::TAP_PROMPT_CENSUS);

  // Distinctive tokens, so that the scan below cannot miss them nor find them by chance.
  const std::string amina = "amina-token-0001", fatou = "fatou-token-0002";
  EXPECT_EQ(Tap(BraceletTag(Uid(1), amina, *device_key_))->result(),
            v1::TAP_RESULT_CENSUS_OBSERVED);
  EXPECT_EQ(Tap(BraceletTag(Uid(1), amina, *device_key_))->result(),
            v1::TAP_RESULT_CENSUS_ALREADY_OBSERVED);
  EXPECT_EQ(Tap(BraceletTag(Uid(2), fatou, *device_key_))->result(),
            v1::TAP_RESULT_CENSUS_OBSERVED);
  EXPECT_EQ(Tap(BlankTag(Uid(3)))->problem(), v1::TAP_PROBLEM_INVALID_BRACELET);
  EXPECT_EQ(controller_->State().campaign_observed(), 2u);

  auto events = OutboxEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].census_observed().campaign_id(), "kdg-2026-q4");
  EXPECT_EQ(events[0].census_observed().person_token(), amina);
  EXPECT_EQ(events[1].census_observed().person_token(), fatou);
  // Sealed in the outbox, counted under a one-way key: no token in any file of the kiosk.
  for (const v1::Event& event : OutboxEvents(false)) EXPECT_TRUE(event.has_sealed());
  for (const std::string& token : {amina, fatou, HexOf(amina), HexOf(fatou)}) {
    EXPECT_EQ(FilesContaining(dir_.path(), token), std::vector<std::string>{}) << token;
  }
  // The chosen campaign and its count survive a restart.
  Restart();
  EXPECT_EQ(controller_->State().campaign_observed(), 2u);
}

class MinerCardTest : public ControllerFixture {
 protected:
  void SetUp() override {
    ControllerFixture::SetUp();
    ApplyRoster({MakeAgent("awa", "4821")});
    ASSERT_TRUE(SignIn("awa", "4821").ok());
    ASSERT_TRUE(SetMode(v1::KIOSK_MODE_MINER_CARD).ok());
  }
  v1::TagPresented MinerCard(const std::string& uid, const std::string& number) {
    credential::CredentialFields fields;
    fields.kind = credential::Kind::miner_card;
    fields.person_token.fill(0x5C);
    fields.site_id = 1;
    fields.issued_at_ms = now_ms_ - 1000;
    fields.card_number = number;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(uid.data());
    auto issued = credential::Issue(fields, std::span(bytes, uid.size()), *device_key_);
    EXPECT_TRUE(issued);
    v1::TagPresented tag = BlankTag(uid);
    tag.set_tag_type(v1::TAG_TYPE_DESFIRE_EV1);
    tag.set_credential_read(v1::CREDENTIAL_READ_OK);
    tag.set_credential(std::string(issued.value().begin(), issued.value().end()));
    return tag;
  }
};

TEST_F(MinerCardTest, CardIsLinkedToTheBraceletTappedBeforeIt) {
  const std::string token(16, '\x21');
  // The card first is refused: the bracelet says whose card it is.
  EXPECT_EQ(Tap(MinerCard(Uid(0x70), "KDG-2026/0042"))->problem(),
            v1::TAP_PROBLEM_INVALID_BRACELET);
  EXPECT_EQ(Tap(BraceletTag(Uid(1), token, *device_key_))->result(),
            v1::TAP_RESULT_MINER_BRACELET_READ);
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_MINER_CARD);
  // Another bracelet is not a card.
  EXPECT_EQ(Tap(BraceletTag(Uid(2), token, *device_key_))->problem(),
            v1::TAP_PROBLEM_NOT_A_MINER_CARD);
  auto linked = Tap(MinerCard(Uid(0x70), "KDG-2026/0042"));
  ASSERT_TRUE(linked);
  EXPECT_EQ(linked->result(), v1::TAP_RESULT_MINER_CARD_LINKED);
  EXPECT_EQ(linked->card_number(), "KDG-2026/0042");
  auto raw = OutboxEvents(false);
  ASSERT_EQ(raw.size(), 1u);
  EXPECT_TRUE(raw[0].has_sealed());
  auto events = OutboxEvents(true);
  EXPECT_EQ(events[0].miner_card_linked().person_token(), token);
  EXPECT_EQ(events[0].miner_card_linked().card_uid(), Uid(0x70));
  EXPECT_EQ(controller_->State().prompt(), v1::TAP_PROMPT_MINER_BRACELET);
}

}  // namespace
}  // namespace minegate::test
